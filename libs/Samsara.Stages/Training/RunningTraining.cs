namespace Samsara.Stages.Training;

/// <summary>One training registered in <see cref="RunCancellations"/>: its token, and a task that completes once it stopped.</summary>
public sealed class RunningTraining : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _unregister;
    private readonly Lock _lock = new();
    private bool _disposed;

    internal RunningTraining(Action unregister, CancellationToken delivery)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(delivery);
        _unregister = unregister;
    }

    /// <summary>Fires when the run is cancelled or its delivery is abandoned.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Completes when the training has ended, however it ended.</summary>
    public Task Stopped => _stopped.Task;

    internal void Cancel()
    {
        // Under the lock: a cancellation racing the end of the training must not touch a disposed source.
        lock (_lock)
        {
            if (!_disposed)
                _source.Cancel();
        }
    }

    /// <summary>Unregisters the training and releases whoever waits for it to stop.</summary>
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
