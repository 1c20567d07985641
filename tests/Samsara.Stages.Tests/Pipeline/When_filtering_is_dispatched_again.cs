using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>Exactly-once filtering: the filter's marker, not the message id, stops a second filtering.</summary>
public sealed class When_filtering_is_dispatched_again(CompletedRun run) : IClassFixture<CompletedRun>
{
    [Fact]
    public async Task Should_not_filter_again_but_announce_the_same_result()
    {
        var kept = run.Files.RunFile(run.RunId, "filter/kept.jsonl");
        var marker = run.Files.RunFile(run.RunId, "filter/completed.json");
        var before = (File.GetLastWriteTimeUtc(kept), File.GetLastWriteTimeUtc(marker));
        // A fresh event id, as the RunActor's re-dispatch of a silent stage sends it: only the artifact store can tell.
        var again = Messages.FilterRun(run.RunId, shardCount: 2);

        await run.Bus.Send(again);

        // Polled: the harness's Consumed/Published.Any give up at once here, because the finished run left it inactive.
        await run.Bus.WaitForPublished<FilteringCompleted>(p => p.OccurredAt > again.OccurredAt, CompletedRun.Timeout);
        await run.Bus.Harness.InactivityTask;
        Assert.Equal(before, (File.GetLastWriteTimeUtc(kept), File.GetLastWriteTimeUtc(marker)));
        // The repeated FilteringCompleted keeps its id, and its step is done: still one SFT and one DPO.
        Assert.Equal(2, run.Bus.Observed.All<TrainingCompleted>().Count);
    }
}
