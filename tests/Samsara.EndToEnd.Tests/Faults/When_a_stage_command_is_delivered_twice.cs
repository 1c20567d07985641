using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.EndToEnd.Tests.Infrastructure;

namespace Samsara.EndToEnd.Tests.Faults;

/// <summary>
/// A finished run's TrainModel reaches the trainer again through the broker, once as a redelivery (the RunActor's event
/// id: the trainer's processed-event store skips it) and once under a new id (as the RunActor's re-dispatch of a
/// silent stage sends it: the training's marker makes the trainer only announce it again). No step is trained, no model
/// written again, the gateway skips the repeated announcement (its step is done), and the run stays Completed.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class When_a_stage_command_is_delivered_twice(ClusterFixture fixture)
{
    private const int Prompts = 4;

    [Fact]
    public async Task No_work_is_done_twice()
    {
        var cluster = fixture.Cluster;
        var runs = new RunFollower(cluster);
        var spec = TinyPipeline.Spec(cluster.Artifacts, Prompts, shardSize: 2, TinyPipeline.Sft(2));
        var run = await runs.StartAsync(spec);
        var completed = await runs.UntilFinalAsync(run.Id, RunState.Completed);
        var work = new WorkLog(cluster, run.Id);
        var model = Path.Combine(work.RunDirectory, "models", "sft", "model.safetensors");
        var report = Path.Combine(work.RunDirectory, "eval", "report.json");
        var written = (File.GetLastWriteTimeUtc(model), File.GetLastWriteTimeUtc(report));
        var runId = Guid.Parse(run.Id);
        var train = new TrainModel
        {
            RunId = runId, EventId = EventIds.For(runId, "train-model/sft/1"), OccurredAt = DateTimeOffset.UtcNow, Algorithm = TrainingAlgorithm.Sft, Iteration = 1,
        };
        var broker = new BrokerMessages(cluster.Vhost);

        await broker.PublishAsync(train);
        await UntilLoggedAsync(cluster, Cluster.Trainer, $"Skipped TrainModel {train.EventId} of run {run.Id}");
        await broker.PublishAsync(train with { EventId = Guid.NewGuid() });
        await UntilLoggedAsync(cluster, Cluster.Gateway, $"Skipped TrainingCompleted {EventIds.For(runId, "train/sft")} of run {run.Id}");

        work.AssertEachDoneOnce(spec, Prompts);
        Assert.Equal(1, work.Count(Cluster.Trainer, "sft trained into"));
        Assert.Equal(1, work.Count(Cluster.Trainer, "sft already trained; announcing it again"));
        Assert.Equal(written, (File.GetLastWriteTimeUtc(model), File.GetLastWriteTimeUtc(report)));
        var after = await cluster.Client().GetRunAsync(new GetRunRequest { RunId = run.Id });
        Assert.Equal(RunState.Completed, after.State);
        Assert.Equal(completed.UpdatedAt, after.UpdatedAt);
    }

    private static async Task UntilLoggedAsync(Cluster cluster, string service, string text)
    {
        var deadline = DateTime.UtcNow + RunFollower.Generous;
        while (!cluster.LogsOf(service).Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{service} never logged '{text}'\n{cluster.Tails()}");
            await Task.Delay(100);
        }
    }
}
