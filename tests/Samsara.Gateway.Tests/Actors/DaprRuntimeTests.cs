using Samsara.Api.V1;
using Samsara.EmbeddedDapr;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests.Actors;

/// <summary>
/// The gateway host with Actors:Runtime=dapr, as the chart runs it: the SDK finds its sidecar through DAPR_HTTP_ENDPOINT
/// and DAPR_API_TOKEN and checks daprd's calls against APP_API_TOKEN. The sidecar here is a separate
/// <see cref="EmbeddedDaprSidecar"/> (daprd cannot be installed), calling the gateway's HTTP/2-only port as daprd does
/// with h2c; state lives in the sidecar's store, so a new gateway process finds every run.
/// </summary>
public sealed class DaprRuntimeTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task A_run_goes_through_the_sidecar_to_Completed_and_a_new_gateway_still_serves_it()
    {
        await using var sidecar = await EmbeddedDaprSidecar.StartAsync(new EmbeddedDaprSidecarOptions { DatabasePath = Path.Combine(workspace.Root, "daprd.db") });
        var settings = new Dictionary<string, string?>
        {
            ["Actors:Runtime"] = "dapr",
            ["DAPR_HTTP_ENDPOINT"] = sidecar.Endpoint.ToString().TrimEnd('/'),
            ["DAPR_API_TOKEN"] = sidecar.ApiToken,
            ["APP_API_TOKEN"] = sidecar.AppToken,
        };
        string runId;
        await using (var first = await GatewayServer.StartAsync(workspace, settings))
        {
            await sidecar.AttachAsync([first.Address]);
            Assert.Contains("\"RunActor\"", sidecar.AppConfigJson, StringComparison.Ordinal);
            Assert.Contains("\"RunIndexActor\"", sidecar.AppConfigJson, StringComparison.Ordinal);
            var client = new GatewayClient(first.CreateChannel());
            runId = (await client.StartAsync(GatewayWorkspace.ValidSpec(), "dapr-key")).Id;
            await StageEvents.PublishPipelineAsync(first, Guid.Parse(runId));
            await client.WaitForAsync(runId, r => r.State == RunState.Completed);
        }

        // The gateway's own state file was never made: every change went to the sidecar.
        Assert.False(File.Exists(Path.Combine(workspace.Root, "gateway.db")));

        await using var second = await GatewayServer.StartAsync(workspace, settings);
        // As daprd when its app restarts: it reads /dapr/config again; nothing is active in the new process.
        await sidecar.AttachAsync([second.Address]);
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
