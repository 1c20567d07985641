using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.InMemory;

public class When_an_event_is_delivered_twice
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Should_process_it_once()
    {
        await using var bus = await HarnessedBus.StartAsync(b => b.AddSamsaraConsumer<RecordingConsumer<GenerationShardCompleted>>(QueueNames.Filter));
        var runId = Guid.NewGuid();
        var first = Sample.GenerationShardCompleted(runId, shard: 1);
        // The generator restarted and published the same step again: same id, new timestamp.
        var repeat = first with { OccurredAt = first.OccurredAt.AddMinutes(5) };
        var next = Sample.GenerationShardCompleted(runId, shard: 2);

        await bus.Harness.Bus.Publish(first);
        await bus.Harness.Bus.Publish(repeat);
        await bus.Harness.Bus.Publish(next);

        // The second shard arriving shows the bus kept going; by then both copies of the first were handled
        // (the harness waits until nothing is in flight).
        var recorder = bus.Recorder<GenerationShardCompleted>();
        await recorder.WaitFor(d => d.Message.EventId == next.EventId, Timeout);
        Assert.True(await bus.Harness.Consumed.Any<GenerationShardCompleted>(c => c.Context.Message.OccurredAt == repeat.OccurredAt));
        await bus.Harness.InactivityTask;
        Assert.Single(recorder.Deliveries, d => d.Message.EventId == first.EventId);
    }

    [Fact]
    public async Task Should_process_copies_arriving_together_once()
    {
        await using var bus = await HarnessedBus.StartAsync(b => b.AddSamsaraConsumer<RecordingConsumer<GenerationShardCompleted>>(QueueNames.Filter));
        var shard = Sample.GenerationShardCompleted(Guid.NewGuid());

        // Concurrent deliveries: the in-process lock must make the second wait for the first's mark.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Harness.Bus.Publish(shard)));

        await bus.Recorder<GenerationShardCompleted>().WaitFor(d => d.Message.EventId == shard.EventId, Timeout);
        await bus.Harness.InactivityTask;
        Assert.Single(bus.Recorder<GenerationShardCompleted>().Deliveries);
    }

    [Fact]
    public async Task Should_still_give_it_to_each_subscribing_queue_once()
    {
        await using var bus = await HarnessedBus.StartAsync(b =>
        {
            b.AddSamsaraConsumer<RecordingConsumer<TrainingCompleted>>(QueueNames.Judge);
            b.AddSamsaraConsumer<GatewayRecordingConsumer<TrainingCompleted>>(QueueNames.GatewayRunEvents);
        });
        var completed = Sample.TrainingCompleted(Guid.NewGuid());

        await bus.Harness.Bus.Publish(completed);
        await bus.Harness.Bus.Publish(completed);

        var recorder = bus.Recorder<TrainingCompleted>();
        await recorder.WaitFor(d => d.Queue == QueueNames.Judge, Timeout);
        await recorder.WaitFor(d => d.Queue == QueueNames.GatewayRunEvents, Timeout);
        await bus.Harness.InactivityTask;
        Assert.Equal(
            [QueueNames.GatewayRunEvents, QueueNames.Judge],
            recorder.Deliveries.Select(d => d.Queue).Order(StringComparer.Ordinal));
    }
}
