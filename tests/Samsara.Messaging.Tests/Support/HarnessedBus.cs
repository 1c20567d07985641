using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Samsara.Messaging.Tests.Support;

/// <summary>
/// A service's messaging as the host sets it up (<see cref="MessagingServiceCollectionExtensions.AddSamsaraMessaging"/>),
/// run by MassTransit's test harness on the in-memory transport.
/// </summary>
internal sealed class HarnessedBus : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private HarnessedBus(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
    }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => _provider;

    public Recorder<T> Recorder<T>() where T : class => _provider.GetRequiredService<Recorder<T>>();

    public Recorder<T> ErrorQueue<T>() where T : class => _provider.GetRequiredService<ErrorQueueRecorder<T>>().Recorder;

    public Faults Faults => _provider.GetRequiredService<Faults>();

    public static async Task<HarnessedBus> StartAsync(Action<IBusRegistrationConfigurator> consumers,
        IDictionary<string, string?>? settings = null)
    {
        var configuration = Settings.Build(settings ?? Settings.Fast());
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Recorder<>));
        services.AddSingleton(typeof(ErrorQueueRecorder<>));
        services.AddSingleton<Faults>();
        services.AddSamsaraMessaging(configuration, consumers);
        // The harness takes over the bus registration; it needs the same transport setup handed in again.
        services.AddMassTransitTestHarness(TextWriter.Null, bus => bus.UsingSamsaraTransport(configuration));

        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new HarnessedBus(provider, harness);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
