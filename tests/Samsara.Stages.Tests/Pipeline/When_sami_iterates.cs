using System.Text.Json;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Filtering;
using Samsara.Stages.Generation;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// Iterated SAMI (docs/architecture.md §11, Iterations): iteration 2 regenerates the train prompts with iteration 1's model,
/// filters them and trains again from the base model; the run's model of each algorithm is its last iteration's.
/// </summary>
public sealed class When_sami_iterates(IteratedSamiRun run) : IClassFixture<IteratedSamiRun>
{
    private static readonly TrainingAlgorithm[] Iterated = [TrainingAlgorithm.Sami, TrainingAlgorithm.SftSami];

    private static readonly string[] Repeated = ["models/sami/model.safetensors", "models/sftsami/model.safetensors", "iter-2/sftsami/generate/shard-0000.jsonl"];

    [Fact]
    public void Should_train_every_iteration_in_rounds_and_evaluate_once_after_the_last()
    {
        var trained = run.Bus.Observed.All<TrainingCompleted>().Select(t => (t.Algorithm.Name(), t.Iteration)).ToArray();

        // The first round trains iteration 1 of everything (SFT first); then one iterated training at a time.
        Assert.Equal([("sft", 1), ("sami", 1), ("sftsami", 1), ("sami", 2), ("sftsami", 2)], trained);
        Assert.Single(run.Bus.Observed.All<EvaluationCompleted>());
        Assert.Empty(run.Bus.Observed.All<StageFaulted>());
        var final = run.Bus.Observed.All<TrainingCompleted>().Where(t => t.Iteration == 2).Select(t => t.CheckpointPath).ToArray();
        Assert.Equal([$"runs/{run.RunId:D}/models/sami", $"runs/{run.RunId:D}/models/sftsami"], final);
    }

    [Fact]
    public void Should_keep_each_iterations_artifacts_apart()
    {
        foreach (var algorithm in Iterated)
        {
            var name = algorithm.Name();
            Assert.True(File.Exists(run.Files.RunFile(run.RunId, $"iter-1/{name}/models/{name}/model.safetensors")), $"{name} iteration 1's model");
            Assert.True(File.Exists(run.Files.RunFile(run.RunId, $"models/{name}/model.safetensors")), $"{name} iteration 2's (the run's) model");
            Assert.True(File.Exists(run.Files.RunFile(run.RunId, $"iter-2/{name}/generate/shard-0001.jsonl")));
            Assert.True(File.Exists(run.Files.RunFile(run.RunId, $"iter-2/{name}/filter/kept.jsonl")));
            Assert.True(File.Exists(run.Files.RunFile(run.RunId, $"iter-2/{name}/datasets/sami.jsonl")));
            Assert.True(File.Exists(Workspace.Iteration(algorithm, 2).FilterMarker));
        }
        // Each round of data is announced under its own stage and ids.
        var filtered = run.Bus.Observed.All<FilteringCompleted>();
        Assert.Equal(["first", "sami", "sftsami"], filtered.Select(f => f.Iteration?.Algorithm.Name() ?? "first").ToArray());
        Assert.Equal(3, filtered.Select(f => f.EventId).Distinct().Count());
        Assert.Equal(6, run.Bus.Observed.All<GenerationShardCompleted>().Select(s => s.EventId).Distinct().Count());
    }

    [Fact]
    public void Should_generate_iteration_2s_data_with_iteration_1s_model()
    {
        for (var shard = 0; shard < 2; shard++)
        {
            Assert.Equal(run.Files.Model, GeneratorOf(Workspace.ShardMarker(shard)));
            foreach (var algorithm in Iterated)
                Assert.Equal(run.Files.RunFile(run.RunId, $"iter-1/{algorithm.Name()}/models/{algorithm.Name()}"),
                    GeneratorOf(Workspace.Iteration(algorithm, 2).ShardMarker(shard)));
        }
        // Another model, another seed: iteration 2's responses are not the teacher's.
        Assert.NotEqual(File.ReadAllText(run.Files.RunFile(run.RunId, "generate/shard-0000.jsonl")),
            File.ReadAllText(run.Files.RunFile(run.RunId, "iter-2/sami/generate/shard-0000.jsonl")));
    }

    [Fact]
    public void Should_train_every_iteration_from_the_base_model_on_its_own_data()
    {
        var sft = Path.GetFullPath(run.Files.RunFile(run.RunId, "models/sft"));
        Assert.Equal(Path.GetFullPath(run.Files.Model), ArgsOf("iter-1/sami/models/sami").GetProperty("model").GetString());
        Assert.Equal(Path.GetFullPath(run.Files.Model), ArgsOf("models/sami").GetProperty("model").GetString());
        Assert.Equal(sft, ArgsOf("iter-1/sftsami/models/sftsami").GetProperty("model").GetString());
        Assert.Equal(sft, ArgsOf("models/sftsami").GetProperty("model").GetString());
        Assert.NotEqual(ArgsOf("iter-1/sami/models/sami").GetProperty("data_sha256").GetString(), ArgsOf("models/sami").GetProperty("data_sha256").GetString());
    }

    [Fact]
    public async Task Should_only_announce_again_when_an_iterations_training_is_dispatched_again()
    {
        var models = Repeated.Select(p => run.Files.RunFile(run.RunId, p)).ToList();
        var before = models.Select(File.GetLastWriteTimeUtc).ToList();
        var steps = run.Bus.Observed.All<TrainingProgress>().Count;
        // A fresh event id, as the RunActor's re-dispatch of a silent stage sends it: only the artifact store can tell.
        var again = Support.Messages.TrainModel(run.RunId, TrainingAlgorithm.Sami, 2);

        await run.Bus.Send(again);

        await run.Bus.WaitForPublished<TrainingCompleted>(t => t.OccurredAt > again.OccurredAt && t is { Algorithm: TrainingAlgorithm.Sami, Iteration: 2 },
            CompletedRun.Timeout);
        await run.Bus.Harness.InactivityTask;
        Assert.Equal(before, models.Select(File.GetLastWriteTimeUtc));
        Assert.Equal(steps, run.Bus.Observed.All<TrainingProgress>().Count);
        Assert.Single(run.Bus.Observed.All<EvaluationCompleted>());
    }

    private RunWorkspace Workspace => new(run.Files.Artifacts, run.RunId);

    private static string? GeneratorOf(string marker) =>
        JsonDocument.Parse(File.ReadAllText(marker)).RootElement.GetProperty("generator").GetString();

    private JsonElement ArgsOf(string model) =>
        JsonDocument.Parse(File.ReadAllText(run.Files.RunFile(run.RunId, Path.Combine(model, "training_args.json")))).RootElement.Clone();
}
