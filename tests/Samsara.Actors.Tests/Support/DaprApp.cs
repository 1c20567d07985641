using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.Actors.Tests.FakeSidecar;
using Samsara.Actors.Tests.Sample;

namespace Samsara.Actors.Tests.Support;

/// <summary>
/// A service hosting the sample actor in the Dapr runtime, as a real one would (AddSamsaraActors with
/// Actors:Runtime=dapr, MapActorsHandlers), on Kestrel at 127.0.0.1 and a free port, talking to a fake sidecar.
/// </summary>
public sealed class DaprApp : IAsyncDisposable
{
    private readonly WebApplication web;

    private DaprApp(WebApplication web, Uri baseAddress)
    {
        this.web = web;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
        Probe = web.Services.GetRequiredService<ActorProbe>();
        Proxies = web.Services.GetRequiredService<IActorProxyFactory>();
    }

    public Uri BaseAddress { get; }

    /// <summary>A client playing daprd's part: calls the app's actor routes directly.</summary>
    public HttpClient Http { get; }

    public ActorProbe Probe { get; }

    public IActorProxyFactory Proxies { get; }

    /// <summary>Starts the app and attaches the sidecar to it, as daprd does on start.</summary>
    public static async Task<DaprApp> StartAsync(FakeDaprSidecar sidecar, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Runtime"] = "dapr",
            ["Actors:Dapr:HttpEndpoint"] = sidecar.BaseAddress.ToString(),
            ["Actors:IdleTimeout"] = "10m",
            ["Actors:DrainOngoingCallTimeout"] = "30s",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<ActorProbe>();
        builder.Services.AddSamsaraActors(builder.Configuration, actors => actors.RegisterActor<CounterActor>());
        var web = builder.Build();
        web.MapActorsHandlers();
        await web.StartAsync();

        var app = new DaprApp(web, new Uri(web.Urls.Single()));
        sidecar.UseAppToken(web.Configuration["APP_API_TOKEN"]);
        await sidecar.AttachAppAsync(app.BaseAddress);
        return app;
    }

    public CounterClient Counter(string id) => CounterClient.For(Proxies, id);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await web.StopAsync();
        await web.DisposeAsync();
    }
}
