using System.Collections.Concurrent;
using Samsara.Artifacts;

namespace Samsara.Stages.Cancellation;

/// <summary>
/// The work running in this process, by run, so a <c>CancelRunRequested</c> can stop it: a training, a generation
/// shard, a filtering. Every stage registers its work here and stops at its next safe point when the token fires.
/// A cancellation is remembered in memory and as a marker in the artifact store, so work that starts later (a shard
/// still queued, a replica or a restarted process that never heard the request) stops at once too.
/// </summary>
public sealed class RunCancellations(ArtifactStore store)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<RunningWork, byte>> _running = new();
    private readonly ConcurrentDictionary<Guid, string> _cancelled = new();

    /// <summary>Whether run <paramref name="runId"/> was cancelled, here or (by its marker) anywhere.</summary>
    public bool IsCancelled(Guid runId) => _cancelled.ContainsKey(runId) || File.Exists(MarkerOf(runId));

    /// <summary>
    /// Registers work on <paramref name="runId"/>; its token fires on cancellation of the run or of
    /// <paramref name="delivery"/> (the bus stopping). Dispose it when the work ends.
    /// </summary>
    public RunningWork Start(Guid runId, CancellationToken delivery)
    {
        RunningWork? work = null;
        // Removes only this registration: other shards of the run, or a redelivery, may run beside it.
        work = new RunningWork(() =>
        {
            if (_running.TryGetValue(runId, out var works))
                works.TryRemove(work!, out _);
        }, delivery);
        _running.GetOrAdd(runId, _ => new ConcurrentDictionary<RunningWork, byte>())[work] = 0;
        // After registering: a cancellation that races this start either sees the work or is seen here.
        if (IsCancelled(runId))
            work.Cancel();
        return work;
    }

    /// <summary>Marks run <paramref name="runId"/> cancelled, stops its work in this process and waits until it has stopped.</summary>
    public async Task CancelAsync(Guid runId, string reason, CancellationToken cancellationToken)
    {
        _cancelled[runId] = reason;
        var marker = MarkerOf(runId);
        if (!File.Exists(marker))
            await store.WriteAllTextAsync(new RunWorkspace(store.Root, runId).InStore(marker), reason, cancellationToken).ConfigureAwait(false);
        if (!_running.TryGetValue(runId, out var works))
            return;
        var stopping = works.Keys.ToList();
        foreach (var work in stopping)
            work.Cancel();
        await Task.WhenAll(stopping.Select(w => w.Stopped)).ConfigureAwait(false);
    }

    // The marker of a cancelled run (RunWorkspace.CancelledMarker); it holds the reason.
    private string MarkerOf(Guid runId) => new RunWorkspace(store.Root, runId).CancelledMarker;
}
