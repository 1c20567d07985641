using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// CancelRun while the trainer is in a long training: the run is Cancelled at once, the trainer hears the request on
/// its own queue, stops between micro-batches and says so, and nothing of the run is saved or judged.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_a_run_is_cancelled_mid_training(ClusterFixture fixture)
{
    private const int Steps = 5000;

    [Fact]
    public async Task The_trainer_stops_and_the_run_is_Cancelled()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var spec = TinyPipeline.Spec(cluster.Artifacts, prompts: 4, shardSize: 2, TinyPipeline.Sft(Steps));
        var run = await runs.StartAsync(spec);
        await runs.UntilAsync(run.Id, r => RunFollower.Progressed(r, "train:sft", 2), "two training steps");

        var cancelled = await cluster.Client().CancelRunAsync(new CancelRunRequest { RunId = run.Id, Reason = "enough" });

        Assert.Equal(RunState.Cancelled, cancelled.State);
        Assert.Equal("enough", cancelled.Error);
        var work = new WorkLog(cluster, run.Id);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (work.Count(Cluster.Trainer, "training stopped, the run was cancelled") == 0)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"the trainer did not stop\n{cluster.Tails()}");
            await Task.Delay(100);
        }
        Assert.InRange(work.Count(Cluster.Trainer, "sft step"), 2, Steps - 1);
        Assert.Equal(0, work.Count(Cluster.Trainer, "sft trained into"));
        Assert.False(File.Exists(Path.Combine(work.RunDirectory, "models", "sft", "model.safetensors")));
        Assert.False(File.Exists(Path.Combine(work.RunDirectory, "eval", "report.json")));
        Assert.Equal(RunState.Cancelled, (await cluster.Client().GetRunAsync(new GetRunRequest { RunId = run.Id })).State);
    }
}
