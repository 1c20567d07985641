using Samsara.Actors.Tests.FakeSidecar;
using Samsara.Api.V1;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests.Actors;

/// <summary>
/// The gateway host with Actors:Runtime=dapr: RunActor and RunIndex are driven by a sidecar (the fake daprd of the
/// Actors tests, calling the gateway's HTTP/2-only port as daprd does with dapr.io/app-protocol h2c), and their
/// state lives in the sidecar's store, not in a file of the gateway, so a new gateway process finds every run.
/// </summary>
public sealed class DaprRuntimeTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task A_run_goes_through_the_sidecar_to_Completed_and_a_new_gateway_still_serves_it()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(appProtocol: "h2c");
        var settings = new Dictionary<string, string?>
        {
            ["Actors:Runtime"] = "dapr",
            ["Actors:Dapr:HttpEndpoint"] = sidecar.BaseAddress.ToString(),
        };
        string runId;
        await using (var first = await GatewayServer.StartAsync(workspace, settings))
        {
            await sidecar.AttachAppAsync(first.Address);
            Assert.Contains("\"Run\"", sidecar.AppConfig, StringComparison.Ordinal);
            Assert.Contains("\"RunIndex\"", sidecar.AppConfig, StringComparison.Ordinal);
            var client = new GatewayClient(first.CreateChannel());
            runId = (await client.StartAsync(GatewayWorkspace.ValidSpec(), "dapr-key")).Id;
            await StageEvents.PublishPipelineAsync(first, Guid.Parse(runId));
            await client.WaitForAsync(runId, r => r.State == RunState.Completed);
        }

        // Every change went to daprd's state API as a transaction; the embedded runtime's file was never made.
        Assert.Contains(sidecar.Transactions, t => t.Contains("\"run\"", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(workspace.Root, "gateway.db")));

        await using var second = await GatewayServer.StartAsync(workspace, settings);
        await sidecar.AttachAppAsync(second.Address);
        var again = new GatewayClient(second.CreateChannel());
        var run = await again.GetAsync(runId);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal(0.5, run.Metrics.Single(m => m.Name == "eval:sami/strict/pass@1").Value);
        var history = await again.WatchToEndAsync(runId);
        Assert.Equal(RunState.Generating, history[0].StateChanged);
        Assert.Equal(RunState.Completed, history[^1].StateChanged);
        Assert.Equal(runId, (await again.StartAsync(GatewayWorkspace.ValidSpec(), "dapr-key")).Id);
    }

    public void Dispose() => workspace.Dispose();
}
