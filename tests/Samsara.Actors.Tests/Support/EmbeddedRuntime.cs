using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samsara.Actors.Internal;
using Samsara.Actors.Tests.Sample;

namespace Samsara.Actors.Tests.Support;

/// <summary>
/// One embedded actor runtime, as a service would host it (a generic host, configuration, AddSamsaraActors),
/// on a given SQLite file. Disposing it stops the host, which is how a test "restarts the process".
/// </summary>
public sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly IHost host;

    private EmbeddedRuntime(IHost host)
    {
        this.host = host;
        Probe = host.Services.GetRequiredService<ActorProbe>();
        Proxies = host.Services.GetRequiredService<IActorProxyFactory>();
    }

    public ActorProbe Probe { get; }

    public IActorProxyFactory Proxies { get; }

    internal ActorManager Manager => host.Services.GetRequiredService<ActorManager>();

    internal IServiceProvider Services => host.Services;

    public static async Task<EmbeddedRuntime> StartAsync(string path, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Runtime"] = "embedded",
            ["Actors:Embedded:Path"] = path,
            ["Actors:Embedded:ReminderRetryInterval"] = "200ms",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<ActorProbe>();
        builder.Services.AddSamsaraActors(builder.Configuration, actors => actors.RegisterActor<CounterActor>());
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedRuntime(host);
    }

    public CounterClient Counter(string id) => CounterClient.For(Proxies, id);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
