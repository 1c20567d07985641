using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.InMemory;

public class When_an_event_is_published
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_reach_the_consumer_on_its_stable_queue_intact()
    {
        await using var bus = await HarnessedBus.StartAsync(b => b.AddSamsaraConsumer<RecordingConsumer<TrainingProgress>>(QueueNames.GatewayRunEvents));
        var sent = Sample.TrainingProgress(Guid.NewGuid(), step: 3);

        await bus.Harness.Bus.Publish(sent);

        var received = await bus.Recorder<TrainingProgress>().WaitFor(d => d.Message.RunId == sent.RunId, Timeout);
        Assert.Equal(QueueNames.GatewayRunEvents, received.Queue);
        // The message went through the serializer; records compare by value, the dictionary by content.
        Assert.Equal(sent with { Metrics = received.Message.Metrics }, received.Message);
        Assert.Equal(sent.Metrics, received.Message.Metrics);
    }

    [Fact]
    public async Task Should_reach_every_queue_that_subscribes_to_it()
    {
        await using var bus = await HarnessedBus.StartAsync(b =>
        {
            b.AddSamsaraConsumer<RecordingConsumer<RunRequested>>(QueueNames.Generator);
            b.AddSamsaraConsumer<GatewayRecordingConsumer<RunRequested>>(QueueNames.GatewayRunEvents);
        });
        var sent = Sample.RunRequested(Guid.NewGuid());

        await bus.Harness.Bus.Publish(sent);

        var recorder = bus.Recorder<RunRequested>();
        await recorder.WaitFor(d => d.Queue == QueueNames.Generator, Timeout);
        await recorder.WaitFor(d => d.Queue == QueueNames.GatewayRunEvents, Timeout);
    }

    [Fact]
    public async Task Should_let_one_service_queue_carry_several_message_types()
    {
        await using var bus = await HarnessedBus.StartAsync(b =>
        {
            b.AddSamsaraConsumer<RecordingConsumer<RunRequested>>(QueueNames.Generator);
            b.AddSamsaraConsumer<RecordingConsumer<GenerateShard>>(QueueNames.Generator);
        });
        var runId = Guid.NewGuid();

        await bus.Harness.Bus.Publish(Sample.RunRequested(runId));
        await bus.Harness.Bus.SendCommand(Sample.GenerateShard(runId, shard: 2));

        Assert.Equal(QueueNames.Generator, (await bus.Recorder<RunRequested>().WaitFor(d => d.Message.RunId == runId, Timeout)).Queue);
        var shard = await bus.Recorder<GenerateShard>().WaitFor(d => d.Message.RunId == runId, Timeout);
        Assert.Equal((QueueNames.Generator, 2), (shard.Queue, shard.Message.ShardIndex));
    }
}
