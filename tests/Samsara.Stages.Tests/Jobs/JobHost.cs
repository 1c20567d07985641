using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Messaging;
using Samsara.ServiceDefaults;
using Samsara.Stages.Jobs;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Jobs;

/// <summary>
/// A worker host as production wires one (generic host, <see cref="MessagingServiceCollectionExtensions.AddSamsaraMessaging"/>)
/// running the <see cref="GatedJob"/> from <see cref="Queue"/>, with an observer queue recording what it announces.
/// RabbitMQ when <paramref name="settings"/> name a broker, the in-memory transport otherwise.
/// </summary>
internal sealed class JobHost : IAsyncDisposable
{
    public const string Queue = "test-jobs";
    private const string ObserverQueue = "test-jobs-observer";
    private readonly IHost _host;
    private bool _stopped;

    private JobHost(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public GatedJob Job => _host.Services.GetRequiredService<GatedJob>();

    public StageJobs Jobs => _host.Services.GetRequiredService<StageJobs>();

    public Observed Observed => _host.Services.GetRequiredService<Observed>();

    /// <summary>Starts a worker; <paramref name="clock"/> replaces the system's for its job leases.</summary>
    public static async Task<JobHost> StartAsync(string artifactRoot, Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new ArtifactStore(artifactRoot));
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.Services.AddValidatedOptions<JobOptions>(builder.Configuration, JobOptions.SectionName);
        builder.Services.AddSingleton<Observed>();
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus =>
        {
            bus.AddStageJob<TrainModel, GatedJob>();
            // One consume at a time: commands are accepted in the order sent, so a test knows when one was handled.
            bus.AddSamsaraConsumer<GatedJobConsumer>(Queue, e => e.ConcurrentMessageLimit = 1);
            bus.AddSamsaraConsumer<ObserverConsumer<TrainingCompleted>>(ObserverQueue);
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new JobHost(host);
    }

    /// <summary>A command for run <paramref name="runId"/>'s job, under a new event id each time (as a re-dispatch would be).</summary>
    public static TrainModel Command(Guid runId) => new()
    {
        RunId = runId, EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = TrainingAlgorithm.Sft, Iteration = 1,
    };

    public async Task SendAsync(TrainModel command)
    {
        var endpoint = await Bus.GetSendEndpoint(new Uri($"queue:{Queue}"));
        await endpoint.Send(command);
    }

    /// <summary>Stops the host as a shutdown would: the bus stops, running jobs are cancelled, their records stay.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped) await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
