using Samsara.Testing.Broker;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samsara.Artifacts;
using Samsara.Messaging;
using Samsara.Stages;
using Samsara.Stages.Judging;

namespace Samsara.Judging.Tests.FanOut;

/// <summary>
/// A judge process on the test broker's vhost, wired as the judge service wires itself (AddSamsaraJudging,
/// AddSamsaraMessaging), sharing an artifact store with the others as judge pods share their volume.
/// </summary>
internal sealed class BusHost : IAsyncDisposable
{
    /// <summary>Pairs per batch in these tests: small, so a job of the 80 paper items has 20 batches to share.</summary>
    public const int BatchItems = 4;

    private readonly IHost host;

    private BusHost(IHost host) => this.host = host;

    public JudgingJobs Jobs => host.Services.GetRequiredService<JudgingJobs>();

    /// <summary>
    /// A judge replica named <paramref name="instance"/>: the judging job's batch consumer on the judge queue, its
    /// <c>openai:</c> judges' models <paramref name="openAiModels"/> when given (in place before it takes a batch).
    /// </summary>
    public static Task<BusHost> StartReplicaAsync(RabbitMqVhost vhost, string artifacts, string instance, Func<JudgeSpec, IJudgeModel>? openAiModels = null) =>
        StartAsync(vhost, artifacts, instance, bus => bus.AddSamsaraConsumer<JudgeJobBatchConsumer>(QueueNames.Judge), openAiModels);

    /// <summary>The replica that took a JudgeService call, judging nothing itself: it sends the job and hears the verdicts.</summary>
    public static Task<BusHost> StartCallerAsync(RabbitMqVhost vhost, string artifacts) => StartAsync(vhost, artifacts, "caller", _ => { }, null);

    private static async Task<BusHost> StartAsync(RabbitMqVhost vhost, string artifacts, string instance, Action<IBusRegistrationConfigurator> consumers,
        Func<JudgeSpec, IJudgeModel>? openAiModels)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Host"] = RabbitMqVhost.Host,
            ["Messaging:RabbitMq:VirtualHost"] = vhost.Name,
            ["Judging:Instance"] = instance,
            ["Judging:JobBatchItems"] = BatchItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(new ArtifactStore(artifacts));
        if (openAiModels is not null)
            builder.Services.AddSingleton(provider =>
            {
                var judges = ActivatorUtilities.CreateInstance<PairJudges>(provider);
                judges.OpenAiModels = openAiModels;
                return judges;
            });
        builder.Services.AddSamsaraJudging(builder.Configuration);
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
