using Samsara.Testing.Broker;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samsara.Messaging;
using Samsara.Stages;

namespace Samsara.Judging.Tests.FanOut;

/// <summary>A process-like host on the test broker's vhost, wired as the services wire themselves (AddSamsaraMessaging).</summary>
internal sealed class BusHost : IAsyncDisposable
{
    private readonly IHost host;

    private BusHost(IHost host) => this.host = host;

    public IBus Bus => host.Services.GetRequiredService<IBus>();

    /// <summary>A judge replica named <paramref name="instance"/>: the JudgePair consumer on the judge queue.</summary>
    public static Task<BusHost> StartReplicaAsync(RabbitMqVhost vhost, string instance) => StartAsync(vhost, new() { ["Judging:Instance"] = instance },
        (services, configuration) => services.AddSamsaraJudging(configuration), bus => bus.AddJudgePairConsumer());

    /// <summary>The fan-out side: sends tasks and collects PairJudged into <paramref name="collector"/>.</summary>
    public static Task<BusHost> StartCoordinatorAsync(RabbitMqVhost vhost, Stages.Judging.JudgementCollector collector) => StartAsync(vhost, [],
        (services, _) => services.AddSingleton(collector),
        bus => bus.AddConsumer<Stages.Judging.PairJudgedConsumer>().Endpoint(e => e.Name = "judge-results-under-test"));

    private static async Task<BusHost> StartAsync(RabbitMqVhost vhost, Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> services,
        Action<IBusRegistrationConfigurator> consumers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        settings["Messaging:RabbitMq:Host"] = RabbitMqVhost.Host;
        settings["Messaging:RabbitMq:VirtualHost"] = vhost.Name;
        builder.Configuration.AddInMemoryCollection(settings);
        services(builder.Services, builder.Configuration);
        builder.Services.AddSamsaraMessaging(builder.Configuration, consumers);
        // Start returns once the queues exist and are bound, so nothing sent next is dropped.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BusHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();
    }
}
