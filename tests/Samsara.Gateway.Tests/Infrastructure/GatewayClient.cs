using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Gateway.Grpc;
using Samsara.Grpc;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>Samsara.Grpc's client over the gateway, as alice unless told otherwise.</summary>
public sealed class GatewayClient(GrpcChannel channel, string key = GatewayServer.AliceKey)
{
    public async Task<Run> StartAsync(RunSpec spec, string idempotencyKey = "") =>
        await channel.UnaryAsync(RunServiceMethods.StartRun, new StartRunRequest { Spec = spec, IdempotencyKey = idempotencyKey }, GatewayServer.As(key));

    public async Task<Run> GetAsync(string runId) =>
        await channel.UnaryAsync(RunServiceMethods.GetRun, new GetRunRequest { RunId = runId }, GatewayServer.As(key));

    public async Task<Run> CancelAsync(string runId, string reason) =>
        await channel.UnaryAsync(RunServiceMethods.CancelRun, new CancelRunRequest { RunId = runId, Reason = reason }, GatewayServer.As(key));

    /// <summary>Every event WatchRun sends until the server ends the stream (a final state), within 20 s.</summary>
    public async Task<List<RunEvent>> WatchToEndAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = channel.ServerStreaming(RunServiceMethods.WatchRun, new WatchRunRequest { RunId = runId }, GatewayServer.As(key, timeout.Token));
        var events = new List<RunEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync(timeout.Token)) events.Add(e);
        return events;
    }

    /// <summary>Polls GetRun until <paramref name="done"/> holds (consumers run asynchronously), within 10 s.</summary>
    public async Task<Run> WaitForAsync(string runId, Func<Run, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var run = await GetAsync(runId);
            if (done(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {runId} stayed {run}");
            await Task.Delay(25);
        }
    }
}
