using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.RabbitMq;

[Collection(RealBroker.Name)]
public class When_the_broker_restarts
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_reconnect_and_keep_receiving()
    {
        await using var service = await RabbitMqService.StartAsync(bus => bus.AddSamsaraConsumer<RecordingConsumer<GenerationShardCompleted>>(QueueNames.Filter));
        var runId = Guid.NewGuid();
        var before = Sample.GenerationShardCompleted(runId, shard: 0);
        var after = Sample.GenerationShardCompleted(runId, shard: 1);
        await service.Bus.Publish(before);
        await service.Recorder<GenerationShardCompleted>().WaitFor(d => d.Message.EventId == before.EventId, Timeout);

        await service.RestartBrokerAsync();

        await service.PublishWithinAsync(after, Timeout);
        await service.Recorder<GenerationShardCompleted>().WaitFor(d => d.Message.EventId == after.EventId, Timeout);
        Assert.Equal(HealthStatus.Healthy, await service.ReadinessOf("rabbitmq"));
    }
}
