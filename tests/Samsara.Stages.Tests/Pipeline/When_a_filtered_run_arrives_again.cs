using Samsara.Contracts;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>Exactly-once training: the training's marker, not the message id, stops a second training or save.</summary>
public sealed class When_a_filtered_run_arrives_again(CompletedRun run) : IClassFixture<CompletedRun>
{
    private static readonly string[] Models = ["models/sft/model.safetensors", "models/dpo/model.safetensors"];

    [Fact]
    public async Task Should_not_train_or_save_again_but_announce_the_same_models()
    {
        var models = Models.Select(p => run.Files.RunFile(run.RunId, p)).ToList();
        var before = models.Select(File.GetLastWriteTimeUtc).ToList();
        var steps = run.Bus.Observed.All<TrainingProgress>().Count;
        // A fresh event id, as after a replica lost its idempotency store: only the artifact store can tell.
        var again = run.Bus.Observed.All<FilteringCompleted>().Single() with { EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow };

        await run.Bus.Publish(again);

        await run.Bus.WaitForPublished<TrainingCompleted>(t => t.OccurredAt > again.OccurredAt && t.IsLast, CompletedRun.Timeout);
        Assert.Equal(before, models.Select(File.GetLastWriteTimeUtc));
        Assert.Equal(steps, run.Bus.Observed.All<TrainingProgress>().Count);
        // The repeated TrainingCompleted keeps its id, so the judge skipped it: still one evaluation.
        Assert.Single(run.Bus.Observed.All<EvaluationCompleted>());
    }
}
