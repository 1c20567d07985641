using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.Idempotency;

public sealed class When_the_service_restarts : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _volume = new();

    public void Dispose() => _volume.Dispose();

    private Task<HarnessedBus> StartFilter()
    {
        var settings = Settings.Fast();
        settings["Messaging:Idempotency:SqlitePath"] = _volume.File("filter/processed-events.db");
        return HarnessedBus.StartAsync(b => b.AddSamsaraConsumer<RecordingConsumer<GenerationShardCompleted>>(QueueNames.Filter), settings);
    }

    [Fact]
    public async Task Should_skip_events_it_processed_before_the_restart()
    {
        var runId = Guid.NewGuid();
        var before = Sample.GenerationShardCompleted(runId, shard: 0);
        var after = Sample.GenerationShardCompleted(runId, shard: 1);

        await using (var first = await StartFilter())
        {
            await first.Harness.Bus.Publish(before);
            await first.Recorder<GenerationShardCompleted>().WaitFor(d => d.Message.EventId == before.EventId, Timeout);
        }

        // A new process: new container, empty memory, same SQLite file on the volume.
        await using var second = await StartFilter();
        await second.Harness.Bus.Publish(before);
        await second.Harness.Bus.Publish(after);

        var recorder = second.Recorder<GenerationShardCompleted>();
        await recorder.WaitFor(d => d.Message.EventId == after.EventId, Timeout);
        await second.Harness.InactivityTask;
        Assert.DoesNotContain(recorder.Deliveries, d => d.Message.EventId == before.EventId);
    }
}
