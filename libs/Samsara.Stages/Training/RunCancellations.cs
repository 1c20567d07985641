using System.Collections.Concurrent;

namespace Samsara.Stages.Training;

/// <summary>
/// The trainings running in this process, by run, so a <c>CancelRunRequested</c> can stop one. A cancellation that
/// arrives before its run's training starts is remembered, and that training then stops at once.
/// </summary>
public sealed class RunCancellations
{
    private readonly ConcurrentDictionary<Guid, RunningTraining> _running = new();
    private readonly ConcurrentDictionary<Guid, string> _cancelled = new();

    /// <summary>Whether run <paramref name="runId"/> was cancelled while this process ran.</summary>
    public bool IsCancelled(Guid runId) => _cancelled.ContainsKey(runId);

    /// <summary>
    /// Registers a training of <paramref name="runId"/>; its token fires on cancellation of the run or of
    /// <paramref name="delivery"/> (the bus stopping). Dispose it when the training ends.
    /// </summary>
    public RunningTraining Start(Guid runId, CancellationToken delivery)
    {
        RunningTraining? training = null;
        // Removes only this registration: a redelivered training of the same run may have replaced it.
        training = new RunningTraining(() => _running.TryRemove(KeyValuePair.Create(runId, training!)), delivery);
        _running[runId] = training;
        if (IsCancelled(runId))
            training.Cancel();
        return training;
    }

    /// <summary>Cancels run <paramref name="runId"/>'s training, if one runs here, and waits until it has stopped.</summary>
    public Task CancelAsync(Guid runId, string reason)
    {
        _cancelled[runId] = reason;
        if (!_running.TryGetValue(runId, out var training))
            return Task.CompletedTask;
        training.Cancel();
        return training.Stopped;
    }
}
