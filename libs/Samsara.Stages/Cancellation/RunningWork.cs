namespace Samsara.Stages.Cancellation;

/// <summary>One piece of work (a training, a shard) registered in <see cref="RunCancellations"/>: its token, and a task that completes once it stopped.</summary>
public sealed class RunningWork : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _unregister;
    private readonly Lock _lock = new();
    private bool _disposed;

    internal RunningWork(Action unregister, CancellationToken delivery)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(delivery);
        _unregister = unregister;
    }

    /// <summary>Fires when the run is cancelled or its delivery is abandoned.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Completes when the work has ended, however it ended.</summary>
    public Task Stopped => _stopped.Task;

    internal void Cancel()
    {
        // Under the lock: a cancellation racing the end of the work must not touch a disposed source.
        lock (_lock)
        {
            if (!_disposed)
                _source.Cancel();
        }
    }

    /// <summary>Unregisters the work and releases whoever waits for it to stop.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _source.Dispose();
        }
        _unregister();
        _stopped.TrySetResult();
    }
}
