using Google.Protobuf;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Internal;

namespace Samsara.Gateway.Runs;

/// <summary>
/// What every consumer delegates to: applies a message's events (and what it means for the run's flow) to its
/// RunActor, which decides and sends what comes next, then tells this process's watchers about the events that
/// changed the run (a duplicate changes nothing, so watchers see it once).
/// </summary>
public sealed class RunEventApplier(RunActors actors, RunBroadcast broadcast, ILogger<RunEventApplier> logger)
{
    public Task ApplyAsync(IRunMessage message, params RunEvent[] events) =>
        ApplyAsync(message.RunId.ToString("D"), message.GetType().Name, events);

    public Task ApplyAsync(IRunMessage message, FlowEvent flow, params RunEvent[] events) =>
        ApplyAsync(message.RunId.ToString("D"), message.GetType().Name, events, flow: flow);

    public async Task ApplyAsync(string runId, string source, IReadOnlyList<RunEvent> events, ArtifactRecord? artifact = null,
        ShardRecord? shard = null, FlowEvent? flow = null, CancellationToken ct = default)
    {
        var update = new RunUpdate(events.Select(e => e.ToByteArray()).ToList(), artifact, shard, flow);
        var applied = await actors.ApplyAsync(runId, update, ct);
        GatewayLog.EventsApplied(logger, source, runId, applied.Count, events.Count + (shard is null ? 0 : 1));
        if (applied.Count == 0) return;
        // The shard's progress event and the flow's state changes are built inside the actor; read the history for those.
        var known = events.ToDictionary(e => e.EventId, StringComparer.Ordinal);
        var history = applied.All(known.ContainsKey) ? [] : await actors.HistoryAsync(runId, ct);
        foreach (var id in applied)
            if ((known.GetValueOrDefault(id) ?? history.LastOrDefault(h => h.EventId == id)) is { } e)
            {
                if (e.KindCase == RunEvent.KindOneofCase.StateChanged)
                    RunMetrics.Entered(e.StateChanged);
                broadcast.Publish(e);
            }
    }
}
