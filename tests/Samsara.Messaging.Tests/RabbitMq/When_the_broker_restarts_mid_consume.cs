using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Samsara.Messaging.Tests.RabbitMq;

/// <summary>
/// The hang seen in issue #12: the broker restarted while a consumer was busy (a trainer training inside its
/// consume), and afterwards the receive endpoint looped "ReceiveTransport faulted … Already closed" and never
/// consumed again. The consume here is held open across stop_app/start_app, then released.
/// </summary>
[Collection(RealBroker.Name)]
public class When_the_broker_restarts_mid_consume
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_finish_the_held_message_and_keep_receiving()
    {
        var gate = new Gate();
        await using var service = await RabbitMqService.StartAsync(
            bus => bus.AddSamsaraConsumer<GatedConsumer<GenerationShardCompleted>>(QueueNames.Filter),
            services => services.AddSingleton(gate));
        var runId = Guid.NewGuid();
        var held = Sample.GenerationShardCompleted(runId, shard: 0);
        var after = Sample.GenerationShardCompleted(runId, shard: 1);
        await service.Bus.Publish(held);
        await gate.Entered.WaitAsync(Timeout);

        await service.RestartBrokerAsync();

        // The held consume now completes on a channel the broker closed: its ack is lost, the broker redelivers.
        gate.Open();
        await service.PublishWithinAsync(after, Timeout);

        var recorder = service.Recorder<GenerationShardCompleted>();
        await recorder.WaitFor(d => d.Message.EventId == after.EventId, Timeout);
        await recorder.WaitFor(d => d.Message.EventId == held.EventId, Timeout);
        Assert.Equal(HealthStatus.Healthy, await service.ReadinessOf("rabbitmq"));
    }
}
