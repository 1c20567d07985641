using Dapr.Actors;
using Dapr.Actors.Client;
using Google.Protobuf;
using Samsara.Api.V1;

namespace Samsara.Gateway.Actors;

/// <summary>
/// Typed calls to the run and index actors through the SDK's proxies, so protobuf encoding lives in one place. A
/// caller's cancellation stops the wait, not the actor's turn, which completes as it would under daprd.
/// </summary>
public sealed class RunActors(IActorProxyFactory proxies)
{
    private static readonly ActorId IndexId = new(RunIndexActor.SingletonId);

    public Task<bool> CreateAsync(Run run, string owner, CancellationToken ct = default) =>
        Run(run.Id).CreateAsync(new RunCreation(run.ToByteArray(), owner)).WaitAsync(ct);

    public Task<IReadOnlyList<string>> ApplyAsync(string runId, RunUpdate update, CancellationToken ct = default) =>
        Run(runId).ApplyAsync(update).WaitAsync(ct);

    /// <summary>Sends the run's outstanding commands again (a new process took over its workers).</summary>
    public Task ResumeAsync(string runId, CancellationToken ct = default) => Run(runId).ResumeAsync().WaitAsync(ct);

    /// <summary>The run and its owner, or null when there is no such run.</summary>
    public async Task<(Run Run, string Owner)?> GetAsync(string runId, CancellationToken ct = default)
    {
        var snapshot = await Run(runId).GetAsync().WaitAsync(ct);
        return snapshot is null ? null : (Api.V1.Run.Parser.ParseFrom(snapshot.Run), snapshot.Owner);
    }

    public async Task<IReadOnlyList<RunEvent>> HistoryAsync(string runId, CancellationToken ct = default)
    {
        var events = await Run(runId).HistoryAsync().WaitAsync(ct);
        return events.Select(RunEvent.Parser.ParseFrom).ToList();
    }

    public Task<string> ReserveAsync(RunReservation reservation, CancellationToken ct = default) =>
        Index().ReserveAsync(reservation).WaitAsync(ct);

    public Task<RunIdPage> ListAsync(RunPageQuery query, CancellationToken ct = default) =>
        Index().ListAsync(query).WaitAsync(ct);

    private IRunActor Run(string runId) => proxies.CreateActorProxy<IRunActor>(new ActorId(runId), RunActor.TypeName);

    private IRunIndexActor Index() => proxies.CreateActorProxy<IRunIndexActor>(IndexId, RunIndexActor.TypeName);
}
