using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Samsara.Api.Auth;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Internal;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Starts a validated run. Each step is idempotent and they run in an order a retry can finish: reserve the id
/// (with the idempotency key), create the actor, write the spec, publish RunRequested under an id derived from the
/// run. A gateway killed between two steps leaves a run that the client's retry (same key) completes.
/// </summary>
public sealed class RunStarter(RunActors actors, ArtifactStore store, BrokerPublisher publisher, TimeProvider clock)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    public async Task<Run> StartAsync(RunSpec spec, string idempotencyKey, Caller caller, CancellationToken ct)
    {
        // The root of the run's trace where no caller's trace came in: MassTransit carries it to every stage.
        using var activity = SamsaraTelemetry.Source.StartActivity("start run");
        var reserved = await actors.ReserveAsync(new RunReservation(Guid.NewGuid().ToString("D"), caller.Name, idempotencyKey), ct);
        var existing = await actors.GetAsync(reserved, ct);
        // A retry of a finished start returns the run as it is now; a half-finished one is completed below.
        if (existing is { } found && found.Run.State != RunState.Pending) return found.Run;
        var runId = Guid.Parse(reserved);
        activity?.SetTag("samsara.run.id", reserved);
        var now = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
        var run = existing?.Run ?? new Run { Id = reserved, Spec = spec, State = RunState.Pending, CreatedAt = now, UpdatedAt = now };
        await actors.CreateAsync(run, caller.Name, ct);
        if (existing is null) RunMetrics.Entered(RunState.Pending);
        await store.WriteAllTextAsync(RunWorkspace.SpecInStore(runId), Json.Format(run.Spec), ct);
        await publisher.PublishAsync(new RunRequested
        {
            RunId = runId,
            EventId = EventIds.For(runId, "run-requested"),
            OccurredAt = run.CreatedAt.ToDateTimeOffset(),
            SpecPath = RunWorkspace.SpecInStore(runId),
        }, ct);
        return run;
    }
}
