using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>Exactly-once evaluation tasks: a task's marker in the workspace, not the message id, stops it being done again.</summary>
public sealed class When_an_evaluation_task_is_dispatched_again(CompletedRun run) : IClassFixture<CompletedRun>
{
    [Fact]
    public async Task Should_not_do_it_again_but_announce_the_same_completion()
    {
        var marker = run.Files.RunFile(run.RunId, "eval/tasks/accuracy/sft.json");
        var samples = run.Files.RunFile(run.RunId, "eval/sft/eval.json");
        var before = (File.GetLastWriteTimeUtc(marker), File.GetLastWriteTimeUtc(samples));
        var first = run.Bus.Observed.All<EvaluationTaskCompleted>().Single(c => c.RunId == run.RunId && c.Task.Id == "accuracy/sft");
        // A fresh event id, as the RunActor's re-dispatch of a silent evaluation sends it: only the workspace can tell.
        var again = new EvaluationTask
        {
            RunId = run.RunId, EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow,
            Task = new EvaluationTaskSpec { Id = "accuracy/sft", Kind = EvaluationTaskKind.Accuracy, Model = "sft" },
        };

        await run.Bus.Send(again);

        // Polled: the harness's Consumed/Published.Any give up at once here, because the finished run left it inactive.
        await run.Bus.WaitForPublished<EvaluationTaskCompleted>(p => p.OccurredAt > again.OccurredAt && p.Task.Id == "accuracy/sft", CompletedRun.Timeout);
        await run.Bus.Harness.InactivityTask;
        Assert.Equal(before, (File.GetLastWriteTimeUtc(marker), File.GetLastWriteTimeUtc(samples)));
        // The same completion, under the same id (the RunActor records it once), with the same count of questions.
        var repeat = run.Bus.Harness.Published.Select<EvaluationTaskCompleted>().Select(p => p.Context.Message)
            .Last(c => c.RunId == run.RunId && c.Task.Id == "accuracy/sft");
        Assert.Equal((first.EventId, first.Items), (repeat.EventId, repeat.Items));
        Assert.True(first.Items > 0);
    }

    [Fact]
    public void The_report_came_after_every_task_and_counts_every_model()
    {
        var done = run.Bus.Observed.All<EvaluationTaskCompleted>().Where(c => c.RunId == run.RunId).Select(c => c.Task.Id).ToHashSet();

        // base, sft and dpo, sampled and greedy (the tiny run samples at temperature 1); no judges: no answers.
        Assert.Superset(new HashSet<string> { "accuracy/base", "accuracy/base-t0", "accuracy/sft", "accuracy/sft-t0", "accuracy/dpo", "accuracy/dpo-t0" }, done);
        Assert.Contains("eval:dpo/strict/pass@1", run.Completed.Metrics.Keys);
    }
}
