using Google.Protobuf;
using Samsara.Actors;
using Samsara.Api.V1;

namespace Samsara.Gateway.Actors;

/// <summary>
/// Typed calls to the run and index actors, so method names and protobuf encoding live in one place. The protocol
/// routes by method name, hence nameof on the interfaces.
/// </summary>
public sealed class RunActors(IActorProxyFactory proxies)
{
    private static readonly ActorId IndexId = new(RunIndexActor.SingletonId);

    public Task<bool> CreateAsync(Run run, string owner, CancellationToken ct = default) =>
        Run(run.Id).InvokeMethodAsync<RunCreation, bool>(nameof(IRunActor.CreateAsync), new RunCreation(run.ToByteArray(), owner), ct);

    public Task<IReadOnlyList<string>> ApplyAsync(string runId, RunUpdate update, CancellationToken ct = default) =>
        Run(runId).InvokeMethodAsync<RunUpdate, IReadOnlyList<string>>(nameof(IRunActor.ApplyAsync), update, ct);

    /// <summary>The run and its owner, or null when there is no such run.</summary>
    public async Task<(Run Run, string Owner)?> GetAsync(string runId, CancellationToken ct = default)
    {
        var snapshot = await Run(runId).InvokeMethodAsync<RunSnapshot?>(nameof(IRunActor.GetAsync), ct);
        return snapshot is null ? null : (Api.V1.Run.Parser.ParseFrom(snapshot.Run), snapshot.Owner);
    }

    public async Task<IReadOnlyList<RunEvent>> HistoryAsync(string runId, CancellationToken ct = default)
    {
        var events = await Run(runId).InvokeMethodAsync<IReadOnlyList<byte[]>>(nameof(IRunActor.HistoryAsync), ct);
        return events.Select(RunEvent.Parser.ParseFrom).ToList();
    }

    public Task<string> ReserveAsync(RunReservation reservation, CancellationToken ct = default) =>
        proxies.Create(IndexId, RunIndexActor.TypeName).InvokeMethodAsync<RunReservation, string>(nameof(IRunIndexActor.ReserveAsync), reservation, ct);

    public Task<RunIdPage> ListAsync(RunPageQuery query, CancellationToken ct = default) =>
        proxies.Create(IndexId, RunIndexActor.TypeName).InvokeMethodAsync<RunPageQuery, RunIdPage>(nameof(IRunIndexActor.ListAsync), query, ct);

    private ActorProxy Run(string runId) => proxies.Create(new ActorId(runId), RunActor.TypeName);
}
