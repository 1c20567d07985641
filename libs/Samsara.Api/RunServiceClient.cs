using Samsara.Api.V1;
using Samsara.Grpc;

namespace Samsara.Api;

/// <summary>A typed client of samsara.v1.RunService: every call carries the caller's API key.</summary>
public sealed class RunServiceClient(GrpcChannel channel, string apiKey)
{
    private readonly Metadata headers = new Metadata().Add("authorization", $"Bearer {apiKey}");

    public async Task<Run> StartRunAsync(RunSpec spec, string idempotencyKey, CancellationToken cancellationToken = default) =>
        await channel.UnaryAsync(RunServiceMethods.StartRun, new StartRunRequest { Spec = spec, IdempotencyKey = idempotencyKey }, Options(cancellationToken));

    public async Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        await channel.UnaryAsync(RunServiceMethods.GetRun, new GetRunRequest { RunId = runId }, Options(cancellationToken));

    public async Task<Run> CancelRunAsync(string runId, string reason, CancellationToken cancellationToken = default) =>
        await channel.UnaryAsync(RunServiceMethods.CancelRun, new CancelRunRequest { RunId = runId, Reason = reason }, Options(cancellationToken));

    /// <summary>The run's events, its history first, until it reaches a final state.</summary>
    public IAsyncEnumerable<RunEvent> WatchAsync(string runId, CancellationToken cancellationToken = default) =>
        channel.ServerStreaming(RunServiceMethods.WatchRun, new WatchRunRequest { RunId = runId }, Options(cancellationToken))
            .ResponseStream.ReadAllAsync(cancellationToken);

    private CallOptions Options(CancellationToken cancellationToken) => new(headers, CancellationToken: cancellationToken);
}
