using Grpc.Core;
using Samsara.Api.Auth;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Runs;
using Samsara.Api.Server;

namespace Samsara.Gateway.Grpc;

/// <summary>
/// samsara.v1.RunService: validation and the mapping between requests and the run domain. The caller was
/// authenticated by <see cref="ApiKeyInterceptor"/> before a method runs.
/// </summary>
public sealed class RunService(RunActors actors, RunStarter starter, RunSpecFiles files, SpecPathConfinement confinement,
    RunWatcher watcher, RunEventApplier applier, BrokerPublisher publisher, TimeProvider clock) : Api.V1.RunService.RunServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override async Task<Run> StartRun(StartRunRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        // Paths first: a refused path is reported as refused, not as also missing.
        if (request.Spec is null) throw RpcErrors.InvalidArgument("spec", "is required");
        var violations = await confinement.ConfineAsync(request.Spec, caller, context.CancellationToken);
        if (violations.Count == 0) violations = files.Validator().Validate(request.Spec);
        if (violations.Count > 0) throw RpcErrors.InvalidArgument(violations);
        return await starter.StartAsync(request.Spec, request.IdempotencyKey, caller, context.CancellationToken);
    }

    public override async Task<Run> GetRun(GetRunRequest request, ServerCallContext context) =>
        (await Visible(request.RunId, context.Caller(), context.CancellationToken)).Run;

    public override async Task<ListRunsResponse> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        if (request.PageSize < 0) throw RpcErrors.InvalidArgument("page_size", "must be ≥ 0");
        var size = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var position = PageToken.Decode(request.PageToken) ?? throw RpcErrors.InvalidArgument("page_token", "is not a token from ListRuns");
        var owner = caller.Admin ? null : caller.Name;
        var response = new ListRunsResponse();
        // With a state filter a page of the index may hold few matches: read on until the page is full or the index ends.
        while (response.Runs.Count < size && position >= 0)
        {
            var page = await actors.ListAsync(new RunPageQuery(owner, position, size - response.Runs.Count), context.CancellationToken);
            foreach (var id in page.RunIds)
                if (await actors.GetAsync(id, context.CancellationToken) is { } found
                    && (request.State == RunState.Unspecified || found.Run.State == request.State))
                    response.Runs.Add(found.Run);
            position = page.Next;
        }
        response.NextPageToken = position >= 0 ? PageToken.Encode(position) : "";
        return response;
    }

    public override async Task WatchRun(WatchRunRequest request, IServerStreamWriter<RunEvent> responseStream, ServerCallContext context)
    {
        await Visible(request.RunId, context.Caller(), context.CancellationToken);
        await watcher.WatchAsync(request.RunId, responseStream, context.CancellationToken);
    }

    /// <summary>
    /// Publishes CancelRunRequested so stages stop at their next safe point, and marks the run Cancelled at once:
    /// the caller gets a definite answer, and since a final state is never left, late stage events cannot revive it.
    /// RunCancelled, when a stage confirms, carries the same event id and changes nothing.
    /// </summary>
    public override async Task<Run> CancelRun(CancelRunRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var (run, _) = await Visible(request.RunId, caller, context.CancellationToken);
        if (RunTransitions.IsFinal(run.State)) return run;
        var reason = request.Reason.Length > 0 ? request.Reason : $"cancelled by {caller.Name}";
        var runId = Guid.Parse(run.Id);
        var now = clock.GetUtcNow();
        await publisher.PublishAsync(new CancelRunRequested { RunId = runId, EventId = EventIds.New(), OccurredAt = now, Reason = reason }, context.CancellationToken);
        await applier.ApplyAsync(run.Id, nameof(CancelRun), [RunTransitions.Finish(run.Id, RunState.Cancelled, reason, now)], ct: context.CancellationToken);
        return (await actors.GetAsync(run.Id, context.CancellationToken))!.Value.Run;
    }

    /// <summary>The run, if it exists and the caller may see it.</summary>
    private async Task<(Run Run, string Owner)> Visible(string runId, Caller caller, CancellationToken ct)
    {
        // Not a UUID: no run can have that id, so the answer is the same as for an unknown one.
        if (!Guid.TryParse(runId, out var parsed)) throw RpcErrors.NotFound($"run '{runId}'");
        var found = await actors.GetAsync(parsed.ToString("D"), ct) ?? throw RpcErrors.NotFound($"run '{runId}'");
        return caller.MaySee(found.Owner) ? found : throw RpcErrors.PermissionDenied($"run '{runId}'");
    }
}
