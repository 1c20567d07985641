using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Samsara.Messaging.Tests.Support;
using Samsara.Testing.Broker;

namespace Samsara.Messaging.Tests.RabbitMq;

/// <summary>
/// A service host wired as production wires it (<see cref="MessagingServiceCollectionExtensions.AddSamsaraMessaging"/>
/// on a generic host, options validated on start), pointed at the test broker.
/// </summary>
internal sealed class RabbitMqService : IAsyncDisposable
{
    private readonly IHost _host;

    private RabbitMqService(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public Recorder<T> Recorder<T>() where T : class => _host.Services.GetRequiredService<Recorder<T>>();

    public Faults Faults => _host.Services.GetRequiredService<Faults>();

    public static async Task<RabbitMqService> StartAsync(Action<IBusRegistrationConfigurator> consumers, Action<IServiceCollection>? services = null,
        Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Broker.Settings());
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(typeof(Recorder<>));
        builder.Services.AddSingleton<Faults>();
        services?.Invoke(builder.Services);
        builder.Services.AddSamsaraMessaging(builder.Configuration, consumers);
        // Start only returns once the queues exist and are bound, so nothing the test publishes next is dropped.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });

        var host = builder.Build();
        await host.StartAsync();
        return new RabbitMqService(host);
    }

    /// <summary>
    /// Restarts the broker under this service: stop_app stops RabbitMQ inside its Erlang node (every connection drops,
    /// the port closes, durable queues stay), the readiness check must then say Unhealthy, and start_app brings it back.
    /// </summary>
    public async Task RestartBrokerAsync()
    {
        await Rabbitmqctl.RunAsync("stop_app");
        try
        {
            Assert.Equal(HealthStatus.Unhealthy, await ReadinessOf("rabbitmq"));
        }
        finally
        {
            await Rabbitmqctl.RunAsync("start_app");
            await Rabbitmqctl.RunAsync("await_startup", "--timeout", "60");
        }
    }

    /// <summary>Publishes once the bus has its connection back (MassTransit reconnects on its own), retrying until <paramref name="timeout"/>.</summary>
    public async Task PublishWithinAsync<T>(T message, TimeSpan timeout)
        where T : class
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Bus.Publish(message, attempt.Token);
                return;
            }
            catch (Exception) when (clock.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    public async Task<HealthStatus> ReadinessOf(string check)
    {
        var report = await _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == check);
        return report.Entries[check].Status;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        // MassTransit registers services that only dispose asynchronously.
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
