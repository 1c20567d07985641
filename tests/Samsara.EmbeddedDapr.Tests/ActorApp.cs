using Dapr.Actors;
using Dapr.Actors.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.EmbeddedDapr.Tests.Sample;

namespace Samsara.EmbeddedDapr.Tests;

/// <summary>
/// An app hosting <see cref="CounterActor"/> with the Dapr SDK, unchanged, over the embedded sidecar, as the gateway
/// does: JSON remoting, daprd's calls checked against the app token. A second app on the same file is the process restarted.
/// </summary>
public sealed class ActorApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private ActorApp(WebApplication app) => this.app = app;

    public ActorProbe Probe => app.Services.GetRequiredService<ActorProbe>();

    public static async Task<ActorApp> StartAsync(string databasePath, TimeSpan? idleTimeout = null, bool reentrant = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<ActorProbe>();
        builder.Services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<CounterActor>();
            actors.UseJsonSerialization = true;
            actors.ActorIdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(60);
            actors.ReentrancyConfig = new ActorReentrancyConfig { Enabled = reentrant, MaxStackDepth = 32 };
        });
        builder.Services.AddAuthentication().AddDapr();
        builder.Services.AddAuthorization(policies => policies.AddDapr(DaprAppToken.Policy));
        builder.Services.AddEmbeddedDaprSidecar(sidecar =>
        {
            sidecar.DatabasePath = databasePath;
            sidecar.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        var app = builder.Build();
        app.MapActorsHandlers().RequireAuthorization(DaprAppToken.Policy);
        await app.StartAsync();
        return new ActorApp(app);
    }

    public ICounterActor Counter(string id) =>
        app.Services.GetRequiredService<IActorProxyFactory>().CreateActorProxy<ICounterActor>(new ActorId(id), nameof(CounterActor));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
