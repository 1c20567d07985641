using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Samsara.EmbeddedDapr.Tests.Sample;

namespace Samsara.EmbeddedDapr.Tests;

/// <summary>
/// The sidecar's own guarantees, seen from a bare app (no SDK): calls to one actor reach the app one turn at a time,
/// and the actor API refuses a caller without the sidecar's API token.
/// </summary>
public sealed class SidecarTurnTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ActorProbe probe = new();
    private EmbeddedDaprSidecar sidecar = null!;
    private WebApplication app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/dapr/config", () => Results.Text("""{"entities":["Bare"]}""", "application/json"));
        app.MapPut("/actors/Bare/{id}/method/{method}", async (string id) =>
        {
            using (probe.Enter(id)) await Task.Delay(20);
            return Results.Ok();
        });
        await app.StartAsync();
        sidecar = await EmbeddedDaprSidecar.StartAsync(new EmbeddedDaprSidecarOptions { DatabasePath = temp.Database });
        await sidecar.AttachAsync(app.Urls.Select(u => new Uri(u)));
    }

    [Fact]
    public async Task Calls_to_one_actor_reach_the_app_one_at_a_time()
    {
        using var client = Client(sidecar.ApiToken);
        var calls = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PutAsync("v1.0/actors/Bare/one/method/work", new StringContent(""))));
        Assert.All(calls, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        Assert.Equal(1, probe.MaxOverlap);
    }

    [Fact]
    public async Task The_actor_api_refuses_a_caller_without_the_token()
    {
        using var anonymous = Client(null);
        using var wrong = Client("not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("v1.0/actors/Bare/one/state/k")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PutAsync("v1.0/actors/Bare/one/method/work", new StringContent(""))).StatusCode);
        using var right = Client(sidecar.ApiToken);
        Assert.Equal(HttpStatusCode.NoContent, (await right.GetAsync("v1.0/actors/Bare/one/state/k")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await sidecar.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public void Dispose() => temp.Dispose();

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = sidecar.Endpoint };
        if (token is not null) client.DefaultRequestHeaders.Add("dapr-api-token", token);
        return client;
    }
}
