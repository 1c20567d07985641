using Grpc.Core;
using Microsoft.Extensions.Options;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Internal;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Streams a run's events: its history first, then live ones from <see cref="RunBroadcast"/> until a final
/// state or the client leaves. Subscribing before reading the history means nothing falls between the two; events
/// already sent are skipped by id. Between live events the actor is re-read now and then, for events applied
/// by another gateway replica, whose broadcast this process does not hear.
/// </summary>
public sealed class RunWatcher(RunActors actors, RunBroadcast broadcast, IOptions<GatewayOptions> options, ILogger<RunWatcher> logger)
{
    public async Task WatchAsync(string runId, IServerStreamWriter<RunEvent> stream, CancellationToken ct)
    {
        using var live = broadcast.Subscribe(runId);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        if (await SendHistoryAsync(runId, sent, stream, ct)) return;
        var poll = options.Value.WatchPollInterval;
        while (!ct.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(poll);
            try
            {
                var e = await live.Reader.ReadAsync(wait.Token);
                if (await SendNewAsync([e], sent, stream)) return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (await SendHistoryAsync(runId, sent, stream, ct)) return;
            }
        }
    }

    /// <summary>
    /// Sends what the history holds that was not sent yet. Finality is read *before* the history: a run that was final
    /// then has its final event in the history, so the stream never ends without it (read after, a run completing
    /// between the two reads would end the stream one event short).
    /// </summary>
    /// <returns>Whether the run is final (the stream ends there).</returns>
    private async Task<bool> SendHistoryAsync(string runId, HashSet<string> sent, IServerStreamWriter<RunEvent> stream, CancellationToken ct)
    {
        var final = await IsFinalAsync(runId, ct);
        var history = await actors.HistoryAsync(runId, ct);
        GatewayLog.WatchPolled(logger, runId, history.Count);
        return await SendNewAsync(history, sent, stream) || final;
    }

    /// <returns>Whether an event sent moved the run to a final state (the stream ends there).</returns>
    private static async Task<bool> SendNewAsync(IEnumerable<RunEvent> events, HashSet<string> sent, IServerStreamWriter<RunEvent> stream)
    {
        foreach (var e in events)
        {
            if (!sent.Add(e.EventId)) continue;
            await stream.WriteAsync(e);
            if (e.KindCase == RunEvent.KindOneofCase.StateChanged && RunTransitions.IsFinal(e.StateChanged)) return true;
        }
        return false;
    }

    private async Task<bool> IsFinalAsync(string runId, CancellationToken ct) =>
        await actors.GetAsync(runId, ct) is { } found && RunTransitions.IsFinal(found.Run.State);
}
