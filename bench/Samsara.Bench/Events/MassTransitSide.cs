using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Messaging;

namespace Samsara.Bench.Events;

/// <summary>
/// Samsara's side: TrainingProgress events published on Samsara.Messaging's bus (MassTransit over RabbitMQ, as a
/// service configures it: publisher confirms, retry, the idempotency filter) to a consumer on a queue of its own.
/// </summary>
internal sealed class MassTransitSide : IAsyncDisposable
{
    public const string Queue = "samsara-bench-events";

    private readonly IHost host;
    private readonly Arrivals arrivals;
    private readonly Guid runId = Guid.NewGuid();

    private MassTransitSide(IHost host)
    {
        this.host = host;
        arrivals = host.Services.GetRequiredService<Arrivals>();
    }

    /// <summary>The body of the last event consumed, as it travelled: MassTransit's JSON envelope.</summary>
    public byte[]? LastBody => arrivals.LastBody;

    public static async Task<MassTransitSide> StartAsync(string vhost)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Host"] = "127.0.0.1",
            ["Messaging:RabbitMq:VirtualHost"] = vhost,
        });
        builder.Services.AddSingleton<Arrivals>();
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus => bus.AddSamsaraConsumer<BenchEventConsumer>(Queue));
        // Start returns once the bus is connected and its queue consumed, not before.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new MassTransitSide(host);
    }

    public async Task<EventResult> MeasureAsync(int count, int window, string label)
    {
        var clock = new EventClock(count);
        arrivals.Clock = clock;
        var bus = host.Services.GetRequiredService<IBus>();
        return await clock.RunAsync(i => bus.Publish(Event(runId, i, count)), window, label);
    }

    /// <summary>A training-progress event of a realistic size; <see cref="TrainingProgress.Step"/> is its index in the measurement.</summary>
    internal static TrainingProgress Event(Guid runId, int index, int count) => new()
    {
        RunId = runId,
        EventId = EventIds.New(),
        OccurredAt = DateTimeOffset.UtcNow,
        Algorithm = TrainingAlgorithm.Sami,
        Step = index,
        TotalSteps = count,
        Loss = 0.6931 - index * 1e-6,
        Metrics = new Dictionary<string, double> { ["mi_lower_bound"] = 0.42, ["grad_norm"] = 1.7, ["lr"] = 1e-6 },
        Iteration = 1,
    };

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>Where the consumer reports to: the current measurement's clock.</summary>
    internal sealed class Arrivals
    {
        public EventClock? Clock { get; set; }

        public byte[]? LastBody { get; set; }
    }

    internal sealed class BenchEventConsumer(Arrivals arrivals) : IConsumer<TrainingProgress>
    {
        public Task Consume(ConsumeContext<TrainingProgress> context)
        {
            arrivals.Clock?.Received(context.Message.Step);
            if (context.Message.Step == 0) arrivals.LastBody = context.ReceiveContext.Body.GetBytes();
            return Task.CompletedTask;
        }
    }
}
