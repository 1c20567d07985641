using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Contracts;
using Samsara.Messaging;

namespace Samsara.Stages.Tests.Support;

/// <summary>
/// All four stages' consumers in one process on MassTransit's in-memory test harness, as <c>samsara run</c> would host
/// them, with a <see cref="FlowConductor"/> sending the commands the gateway's RunActor would.
/// </summary>
internal sealed class StageBus : IAsyncDisposable
{
    private const string ObserverQueue = "test-observer";
    private const string ConductorQueue = "test-conductor";
    private readonly ServiceProvider _provider;

    private StageBus(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public Observed Observed => _provider.GetRequiredService<Observed>();

    /// <summary>The stand-in for the RunActor, whose flow state a restarted bus can keep (<see cref="StartAsync"/>).</summary>
    public FlowConductor Conductor => _provider.GetRequiredService<FlowConductor>();

    /// <summary>
    /// Starts the stages over <paramref name="artifactRoot"/>. Given the <paramref name="conductor"/> of a stopped bus,
    /// the runs' flows go on where they were, as the RunActor's persisted state does when the stage services restart.
    /// </summary>
    public static async Task<StageBus> StartAsync(string artifactRoot, FlowConductor? conductor = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Artifacts:Root"] = artifactRoot,
            // A transient failure fails the test at once instead of retrying for seconds.
            ["Messaging:Retry:Limit"] = "0",
            // One shard at a time: a test that stops the bus right after a shard is announced finds the next one cut off
            // (its job stopped and resumable), never finished in the moment between announcement and stop.
            ["Generator:MaxConcurrentJobs"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Observed>();
        if (conductor is null) services.AddSingleton<FlowConductor>();
        else services.AddSingleton(conductor);
        services.AddAllStageServices(configuration);
        services.AddSamsaraMessaging(configuration, bus =>
        {
            bus.AddAllStageConsumers();
            bus.AddSamsaraConsumer<FlowConductorConsumer>(ConductorQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<GenerationShardCompleted>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<FilteringCompleted>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<TrainingProgress>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<TrainingCompleted>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<EvaluationTaskCompleted>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<EvaluationCompleted>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<StageFaulted>>(ObserverQueue);
            bus.AddSamsaraConsumer<ObserverConsumer<RunCancelled>>(ObserverQueue);
        });
        // The harness replaces the bus registration; it needs the transport setup handed in again.
        services.AddMassTransitTestHarness(TextWriter.Null, bus => bus.UsingSamsaraTransport(configuration));
        services.Configure<TestHarnessOptions>(o => o.TestTimeout = TimeSpan.FromMinutes(3));

        var provider = services.BuildServiceProvider(validateScopes: true);
        var bus = new StageBus(provider);
        await bus.Harness.Start();
        return bus;
    }

    public Task Publish<T>(T message) where T : class => Harness.Bus.Publish(message);

    /// <summary>
    /// Waits until a matching <typeparamref name="T"/> was published, even one the observer skips as a duplicate. Polled,
    /// not through the harness's <c>Published.Any</c>: that gives up once the harness counts the bus inactive, which
    /// can happen for good while a training runs as a background job with no delivery in flight.
    /// </summary>
    public async Task WaitForPublished<T>(Func<T, bool> match, TimeSpan timeout) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Harness.Published.Select<T>().Any(p => match(p.Context.Message)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no matching {typeof(T).Name} published within {timeout}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends a command to its queue (<see cref="CommandRoutes"/>), as the RunActor would.</summary>
    public Task Send<T>(T command) where T : class, IRunMessage => Harness.Bus.SendCommand(command);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
