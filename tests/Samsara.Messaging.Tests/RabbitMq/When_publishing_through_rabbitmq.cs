using Samsara.Testing.Broker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.RabbitMq;

[Collection(RealBroker.Name)]
public class When_publishing_through_rabbitmq
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_deliver_each_stage_event_on_its_stable_queue_and_show_those_queues_in_the_broker()
    {
        await using var service = await RabbitMqService.StartAsync(bus =>
        {
            bus.AddSamsaraConsumer<RecordingConsumer<RunRequested>>(QueueNames.Generator);
            bus.AddSamsaraConsumer<RecordingConsumer<GenerateShard>>(QueueNames.Generator);
            bus.AddSamsaraConsumer<RecordingConsumer<GenerationShardCompleted>>(QueueNames.Filter);
            bus.AddSamsaraConsumer<RecordingConsumer<FilteringCompleted>>(QueueNames.Trainer);
            bus.AddSamsaraConsumer<RecordingConsumer<TrainingCompleted>>(QueueNames.Judge);
            bus.AddSamsaraConsumer<GatewayRecordingConsumer<RunRequested>>(QueueNames.GatewayRunEvents);
        });
        var runId = Guid.NewGuid();

        await service.Bus.Publish(Sample.RunRequested(runId));
        await service.Bus.SendCommand(Sample.GenerateShard(runId, shard: 1));
        await service.Bus.Publish(Sample.GenerationShardCompleted(runId, shard: 1));
        await service.Bus.Publish(Sample.FilteringCompleted(runId));
        await service.Bus.Publish(Sample.TrainingCompleted(runId));

        await service.Recorder<RunRequested>().WaitFor(d => d.Message.RunId == runId && d.Queue == QueueNames.Generator, Timeout);
        await service.Recorder<RunRequested>().WaitFor(d => d.Message.RunId == runId && d.Queue == QueueNames.GatewayRunEvents, Timeout);
        Assert.Equal(QueueNames.Generator, (await service.Recorder<GenerateShard>().WaitFor(d => d.Message.RunId == runId, Timeout)).Queue);
        Assert.Equal(QueueNames.Filter, (await service.Recorder<GenerationShardCompleted>().WaitFor(d => d.Message.RunId == runId, Timeout)).Queue);
        Assert.Equal(QueueNames.Trainer, (await service.Recorder<FilteringCompleted>().WaitFor(d => d.Message.RunId == runId, Timeout)).Queue);
        Assert.Equal(QueueNames.Judge, (await service.Recorder<TrainingCompleted>().WaitFor(d => d.Message.RunId == runId, Timeout)).Queue);

        var queues = await Rabbitmqctl.ListQueuesAsync();
        Assert.All(QueueNames.All, name => Assert.Contains(name, queues));
    }

    [Fact]
    public async Task Should_report_the_broker_and_the_bus_ready()
    {
        await using var service = await RabbitMqService.StartAsync(bus => bus.AddSamsaraConsumer<RecordingConsumer<RunRequested>>(QueueNames.Generator));

        Assert.Equal(HealthStatus.Healthy, await service.ReadinessOf("rabbitmq"));
        Assert.Equal(HealthStatus.Healthy, await service.ReadinessOf("messaging-bus"));
    }
}
