using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.RabbitMq;

[Collection(RealBroker.Name)]
public class When_rabbitmq_redelivers_an_event
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_process_it_once_and_not_park_the_copy_as_skipped()
    {
        await using var service = await RabbitMqService.StartAsync(bus =>
            bus.AddSamsaraConsumer<RecordingConsumer<FilteringCompleted>>(QueueNames.Trainer, endpoint => endpoint.ConcurrentMessageLimit = 1));
        var runId = Guid.NewGuid();
        var filtered = Sample.FilteringCompleted(runId);
        var otherRun = Sample.FilteringCompleted(Guid.NewGuid());

        await service.Bus.Publish(filtered);
        await service.Bus.Publish(filtered with { OccurredAt = filtered.OccurredAt.AddSeconds(1) });
        await service.Bus.Publish(otherRun);

        // One message at a time on this queue: once the other run is in, both copies were handled before it.
        var recorder = service.Recorder<FilteringCompleted>();
        await recorder.WaitFor(d => d.Message.RunId == otherRun.RunId, Timeout);
        Assert.Single(recorder.Deliveries, d => d.Message.RunId == runId);
        // A consumer skipping a message leaves MassTransit thinking nobody consumed it, which parks it in _skipped;
        // the filter reports the duplicate consumed, so nothing of this run may be there.
        var skipped = await DeadLetter.TryTakeAsync($"{QueueNames.Trainer}_skipped", m => m.GetProperty("runId").GetGuid() == runId, TimeSpan.FromSeconds(2));
        Assert.Null(skipped);
    }
}
