using Samsara.Contracts;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>Exactly-once filtering: the filter's marker, not the message id, stops a second filtering.</summary>
public sealed class When_the_last_shard_arrives_twice(CompletedRun run) : IClassFixture<CompletedRun>
{
    [Fact]
    public async Task Should_not_filter_again_but_announce_the_same_result()
    {
        var kept = run.Files.RunFile(run.RunId, "filter/kept.jsonl");
        var marker = run.Files.RunFile(run.RunId, "filter/completed.json");
        var before = (File.GetLastWriteTimeUtc(kept), File.GetLastWriteTimeUtc(marker));
        var last = run.Bus.Observed.All<GenerationShardCompleted>().First(s => s.RunId == run.RunId);
        // A fresh event id, as after a replica lost its idempotency store: only the artifact store can tell.
        var again = last with { EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow };

        await run.Bus.Publish(again);

        Assert.True(await run.Bus.Harness.Consumed.Any<GenerationShardCompleted>(c => c.Context.Message.EventId == again.EventId));
        Assert.True(await run.Bus.Harness.Published.Any<FilteringCompleted>(p => p.Context.Message.OccurredAt > again.OccurredAt));
        Assert.Equal(before, (File.GetLastWriteTimeUtc(kept), File.GetLastWriteTimeUtc(marker)));
        // The repeated FilteringCompleted keeps its id, so the trainer skipped it: still one SFT and one DPO.
        Assert.Equal(2, run.Bus.Observed.All<TrainingCompleted>().Count);
    }
}
