using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// One judge batch of a run cannot be written (a directory stands where its judgements file goes: an I/O error no
/// retry fixes): after its retries the task lands in samsara-judge_error, MassTransit's Fault reaches the gateway,
/// and the run is Failed with the reason, which names the batch's file.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_an_evaluation_task_is_poison(ClusterFixture fixture)
{
    // QueueNames.ErrorQueueOf(QueueNames.Judge), as the Helm chart and an operator see it.
    private const string JudgeErrorQueue = "samsara-judge_error";

    [Fact]
    public async Task The_run_fails_with_the_reason()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var run = await runs.StartAsync(JudgedPipeline.Spec(cluster.Artifacts));
        // The first batch of SAMI vs the base under the spec's first judge (EvaluationTasks.JudgeBatchId).
        Directory.CreateDirectory(Path.Combine(cluster.Artifacts, "runs", run.Id, "eval", "tasks", "judge", "sami-vs-base", "0", "0.jsonl"));

        var failed = await runs.UntilFinalAsync(run.Id, RunState.Failed);

        Assert.StartsWith("Evaluation: ", failed.Error, StringComparison.Ordinal);
        Assert.Contains("sami-vs-base/0/0.jsonl", failed.Error, StringComparison.Ordinal);
        var dead = await new BrokerMessages(cluster.Vhost).WaitToTakeAsync(JudgeErrorQueue,
            m => m.GetProperty("runId").GetString() == run.Id, RunFollower.Generous);
        Assert.True(dead is not null, $"no message of run {run.Id} in {JudgeErrorQueue}; the run failed with: {failed.Error}");
        Assert.False(File.Exists(Path.Combine(cluster.Artifacts, "runs", run.Id, "eval", "report.json")), "a report was written for a failed evaluation");
    }
}
