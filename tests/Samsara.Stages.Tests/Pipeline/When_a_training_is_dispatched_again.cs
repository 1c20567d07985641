using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>Exactly-once training: the training's marker, not the message id, stops a second training or save.</summary>
public sealed class When_a_training_is_dispatched_again(CompletedRun run) : IClassFixture<CompletedRun>
{
    private static readonly string[] Models = ["models/sft/model.safetensors", "models/dpo/model.safetensors"];

    [Fact]
    public async Task Should_not_train_or_save_again_but_announce_the_same_model()
    {
        var models = Models.Select(p => run.Files.RunFile(run.RunId, p)).ToList();
        var before = models.Select(File.GetLastWriteTimeUtc).ToList();
        var steps = run.Bus.Observed.All<TrainingProgress>().Count;
        // A fresh event id, as the RunActor's re-dispatch of a silent stage sends it: only the artifact store can tell.
        var again = Messages.TrainModel(run.RunId, TrainingAlgorithm.Dpo);

        await run.Bus.Send(again);

        await run.Bus.WaitForPublished<TrainingCompleted>(t => t.OccurredAt > again.OccurredAt && t.Algorithm == TrainingAlgorithm.Dpo, CompletedRun.Timeout);
        await run.Bus.Harness.InactivityTask;
        Assert.Equal(before, models.Select(File.GetLastWriteTimeUtc));
        Assert.Equal(steps, run.Bus.Observed.All<TrainingProgress>().Count);
        // The repeated TrainingCompleted keeps its id, and its step is done: the flow sends nothing, still one evaluation.
        Assert.Single(run.Bus.Observed.All<EvaluationCompleted>());
    }
}
