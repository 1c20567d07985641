using Microsoft.Extensions.DependencyInjection;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.InMemory;

public class When_a_consumer_fails_transiently
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Should_retry_with_growing_waits_and_then_succeed_once()
    {
        // Waits of about MinInterval + 2^n · IntervalDelta, the delta drawn within ±20% and the whole wait then scaled by
        // 0.75–1.25 (MassTransit 8.5): ≥ 0.75 · (40 + 2^n · 136) = 132, 234, 438 ms for n = 0, 1, 2.
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Retry:Limit"] = "3",
            ["Messaging:Retry:MinInterval"] = "00:00:00.040",
            ["Messaging:Retry:MaxInterval"] = "00:00:05",
            ["Messaging:Retry:IntervalDelta"] = "00:00:00.170",
        };
        await using var bus = await HarnessedBus.StartAsync(b => b.AddSamsaraConsumer<FaultingConsumer<FilteringCompleted>>(QueueNames.Trainer), settings);
        var filtered = Sample.FilteringCompleted(Guid.NewGuid());
        bus.Faults.FailTransiently(filtered.RunId, failures: 3);

        await bus.Harness.Bus.Publish(filtered);

        var recorder = bus.Recorder<FilteringCompleted>();
        await recorder.WaitFor(d => d.Message.EventId == filtered.EventId, Timeout);
        await bus.Harness.InactivityTask;
        Assert.Single(recorder.Deliveries);
        var attempts = recorder.Attempts.Select(a => a.At).ToArray();
        Assert.Equal(4, attempts.Length);
        double[] lowerBoundsMs = [0.75 * (40 + (1 * 136)), 0.75 * (40 + (2 * 136)), 0.75 * (40 + (4 * 136))];
        for (var n = 0; n < lowerBoundsMs.Length; n++)
        {
            var waitedMs = (attempts[n + 1] - attempts[n]).TotalMilliseconds;
            Assert.True(waitedMs >= lowerBoundsMs[n] - 5, $"retry {n} came after {waitedMs:F0} ms, expected at least {lowerBoundsMs[n]} ms");
        }

        Assert.False(bus.Harness.Published.Select<MassTransit.Fault<FilteringCompleted>>().Any());
        Assert.True(await bus.Services.GetRequiredService<IProcessedEventStore>().HasProcessedAsync(QueueNames.Trainer, filtered.EventId, CancellationToken.None));
    }
}
