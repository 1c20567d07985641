using Grpc.Core;
using Grpc.Net.Client;
using Samsara.Api.V1;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>The generated RunService client over the gateway, as alice unless told otherwise.</summary>
public sealed class GatewayClient(GrpcChannel channel, string key = GatewayServer.AliceKey)
{
    private readonly RunService.RunServiceClient client = new(channel);

    public async Task<Run> StartAsync(RunSpec spec, string idempotencyKey = "") =>
        await client.StartRunAsync(new StartRunRequest { Spec = spec, IdempotencyKey = idempotencyKey }, GatewayServer.As(key));

    public async Task<Run> GetAsync(string runId) =>
        await client.GetRunAsync(new GetRunRequest { RunId = runId }, GatewayServer.As(key));

    public async Task<Run> CancelAsync(string runId, string reason) =>
        await client.CancelRunAsync(new CancelRunRequest { RunId = runId, Reason = reason }, GatewayServer.As(key));

    /// <summary>Every event WatchRun sends until the server ends the stream (a final state), within 20 s.</summary>
    public async Task<List<RunEvent>> WatchToEndAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, GatewayServer.As(key, timeout.Token));
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
