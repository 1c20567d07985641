using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// The judge is SIGKILLed while it works through a run's evaluation tasks (some done, the report not yet written) and
/// started again: RabbitMQ hands the tasks it held to the new process, which finds the finished ones' results in the
/// workspace and does the rest. The run completes, every item is judged exactly once in the report, and no task that
/// was done is done again.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_a_judge_is_killed_mid_evaluation(ClusterFixture fixture)
{
    [Fact]
    public async Task The_restarted_judge_finishes_the_evaluation_and_every_item_is_judged_once()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var run = await runs.StartAsync(JudgedPipeline.Spec(cluster.Artifacts));
        var work = new WorkLog(cluster, run.Id);
        var tasks = Path.Combine(work.RunDirectory, "eval", "tasks");
        await WaitForAsync(() => Directory.Exists(tasks) && Directory.EnumerateFiles(tasks, "*.json", SearchOption.AllDirectories).Any(),
            "an evaluation task done", cluster);
        Assert.False(File.Exists(Path.Combine(work.RunDirectory, "eval", "report.json")), "the evaluation was over before the judge could be killed");

        cluster.Kill(Cluster.Judge);
        await cluster.StartAsync(Cluster.Judge);

        await runs.UntilFinalAsync(run.Id, RunState.Completed);
        JudgedPipeline.AssertEachItemJudgedOnce(work.RunDirectory);
        // Each task's work is logged once, when it is done: a task the killed judge had finished is only announced again.
        var done = cluster.LogsOf(Cluster.Judge).Where(l => l.Contains($"Run {run.Id}: evaluation task ", StringComparison.Ordinal) && l.Contains(" done (", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("evaluation task ", StringComparison.Ordinal) + "evaluation task ".Length)..l.IndexOf(" done (", StringComparison.Ordinal)]).ToList();
        Assert.True(done.Count > 0 && done.Distinct().Count() == done.Count, $"tasks done more than once: {string.Join(", ", done.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key))}");
        Assert.Equal(1, work.Count(Cluster.Judge, "evaluation report written"));
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, Cluster cluster)
    {
        var deadline = DateTime.UtcNow + RunFollower.Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {RunFollower.Generous} for {what}\n{cluster.Tails()}");
            await Task.Delay(50);
        }
    }
}
