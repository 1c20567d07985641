namespace Samsara.Testing;

/// <summary>
/// A thread that collects garbage and runs finalizers in a loop until disposed, as a busy host does mid-training. Code
/// that lets the owner of a native handle die while libtorch still reads it (TorchSharp's temporary Scalars) fails
/// under it within seconds, once the JIT has optimised it.
/// </summary>
public sealed class CollectingThread : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;

    public CollectingThread()
    {
        thread = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        thread.Start();
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
    }
}
