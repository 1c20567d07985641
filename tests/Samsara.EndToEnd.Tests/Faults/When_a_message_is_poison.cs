using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// A run whose trainer cannot write its model (a file stands where the run's SFT model directory goes: an I/O error
/// no retry fixes, and not one of the input errors a stage reports itself) beside a healthy run: after its retries the trainer's message lands in samsara-trainer_error with the
/// exception, MassTransit's Fault reaches the gateway and that run is Failed with the reason, while the other run,
/// trained by the same trainer, completes.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_a_message_is_poison(ClusterFixture fixture)
{
    private const int Prompts = 4;

    // QueueNames.ErrorQueueOf(QueueNames.Trainer), as the Helm chart and an operator see it.
    private const string TrainerErrorQueue = "samsara-trainer_error";

    [Fact]
    public async Task Its_run_fails_with_the_reason_and_the_other_run_completes()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var spec = TinyPipeline.Spec(cluster.Artifacts, Prompts, shardSize: 2, TinyPipeline.Sft(2));
        var poisoned = await runs.StartAsync(spec);
        // Generation and filtering take seconds; the trainer comes after them.
        var blocker = Path.Combine(cluster.Artifacts, "runs", poisoned.Id, "models", "sft");
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "not a directory");
        var healthy = await runs.StartAsync(spec);

        var failed = await runs.UntilFinalAsync(poisoned.Id, RunState.Failed);
        await runs.UntilFinalAsync(healthy.Id, RunState.Completed);

        Assert.StartsWith("Training: ", failed.Error, StringComparison.Ordinal);
        Assert.Contains("models/sft", failed.Error, StringComparison.Ordinal);
        // The Fault that failed the run can reach the gateway before MassTransit has moved the message to the error queue.
        var dead = await new BrokerMessages(cluster.Vhost).WaitToTakeAsync(TrainerErrorQueue,
            m => m.GetProperty("runId").GetString() == poisoned.Id, RunFollower.Generous);
        Assert.True(dead is not null, $"no message of run {poisoned.Id} in {TrainerErrorQueue}; the run failed with: {failed.Error}");
        Assert.Equal(failed.Error["Training: ".Length..], dead.Headers["MT-Fault-Message"]);
        Assert.Equal(0, new WorkLog(cluster, poisoned.Id).Count(Cluster.Trainer, "sft step"));
        new WorkLog(cluster, healthy.Id).AssertEachDoneOnce(spec, Prompts);
    }
}
