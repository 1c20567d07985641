using System.Net;
using System.Text;
using System.Text.Json;
using Samsara.EmbeddedDapr;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests.Actors;

/// <summary>
/// The gateway answers daprd's calls as daprd makes them (reference: Dapr's actors API, "Dapr calling to user service
/// code"): <c>GET /dapr/config</c> lists both actor types with the configured idle timeout and reentrancy; actor
/// method, reminder and deactivation routes answer exactly 200; a call without the app token is refused.
/// </summary>
public sealed class DaprProbeTests : IAsyncLifetime, IDisposable
{
    private readonly GatewayWorkspace workspace = new();
    private EmbeddedDaprSidecar sidecar = null!;
    private GatewayServer gateway = null!;
    private HttpClient daprd = null!;

    public async Task InitializeAsync()
    {
        sidecar = await EmbeddedDaprSidecar.StartAsync(new EmbeddedDaprSidecarOptions { DatabasePath = Path.Combine(workspace.Root, "daprd.db") });
        gateway = await GatewayServer.StartAsync(workspace, new Dictionary<string, string?>
        {
            ["Actors:Runtime"] = "dapr",
            ["Actors:IdleTimeout"] = "00:10:00",
            ["Actors:Reentrancy:Enabled"] = "true",
            ["DAPR_HTTP_ENDPOINT"] = sidecar.Endpoint.ToString().TrimEnd('/'),
            ["DAPR_API_TOKEN"] = sidecar.ApiToken,
            ["APP_API_TOKEN"] = sidecar.AppToken,
        });
        // daprd with dapr.io/app-protocol h2c: the gateway's port speaks HTTP/2 only.
        daprd = new HttpClient { BaseAddress = gateway.Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        daprd.DefaultRequestHeaders.Add("dapr-api-token", sidecar.AppToken);
    }

    [Fact]
    public async Task Config_lists_both_actor_types_with_the_idle_timeout_and_reentrancy()
    {
        using var response = await daprd.GetAsync("/dapr/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = config.RootElement;
        Assert.Equal(["RunActor", "RunIndexActor"], root.GetProperty("entities").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal("0h10m0s0ms", root.GetProperty("actorIdleTimeout").GetString());
        Assert.True(root.GetProperty("reentrancy").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Method_reminder_and_deactivate_routes_answer_200()
    {
        var id = Guid.NewGuid().ToString("D");
        using (var method = await daprd.PutAsync($"/actors/RunActor/{id}/method/GetAsync", new StringContent("", Encoding.UTF8, "application/json")))
        {
            var body = await method.Content.ReadAsStringAsync();
            Assert.True(method.StatusCode == HttpStatusCode.OK, $"{(int)method.StatusCode} {body}");
            Assert.Equal("null", body); // no run under this id
        }

        var reminder = """{"data":null,"dueTime":"0h0m0s0ms","period":""}""";
        using (var remind = await daprd.PutAsync($"/actors/RunActor/{id}/method/remind/check", new StringContent(reminder, Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, remind.StatusCode);
        using (var deactivate = await daprd.DeleteAsync($"/actors/RunActor/{id}"))
            Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        // Idempotent, as daprd needs: the actor is no longer active.
        using (var again = await daprd.DeleteAsync($"/actors/RunActor/{id}"))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_call_without_the_app_token_is_refused_but_health_is_open()
    {
        using var anonymous = new HttpClient { BaseAddress = gateway.Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using (var config = await anonymous.GetAsync("/dapr/config"))
            Assert.Equal(HttpStatusCode.Unauthorized, config.StatusCode);
        using (var method = await anonymous.PutAsync($"/actors/RunActor/{Guid.NewGuid():D}/method/GetAsync", new StringContent("")))
            Assert.Equal(HttpStatusCode.Unauthorized, method.StatusCode);
        using (var health = await anonymous.GetAsync("/healthz"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await sidecar.DisposeAsync();
    }

    public void Dispose()
    {
        daprd?.Dispose();
        workspace.Dispose();
    }
}
