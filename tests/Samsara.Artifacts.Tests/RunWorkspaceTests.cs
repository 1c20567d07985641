using Samsara.Contracts;

namespace Samsara.Artifacts.Tests;

/// <summary>
/// The run layout of docs/architecture.md §7 as RunWorkspace spells it: these names are what earlier runs left on
/// disk and what the default run's artifacts are, so they are pinned here.
/// </summary>
public class RunWorkspaceTests
{
    private static readonly Guid RunId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    private static readonly RunWorkspace Run = new("/store", RunId);

    private static string InStore(string path) => Run.InStore(path);

    [Fact]
    public void The_spec_the_gateway_writes_is_where_the_stages_read_it()
    {
        Assert.Equal($"runs/{RunId:D}/spec.json", RunWorkspace.SpecInStore(RunId));
        Assert.Equal(RunWorkspace.SpecInStore(RunId), InStore(Run.Spec));
        Assert.Equal(Path.Combine("/store", RunWorkspace.RunsFolder), RunWorkspace.RunsOf("/store"));
    }

    [Theory]
    [InlineData(TrainingAlgorithm.Sft, "sft")]
    [InlineData(TrainingAlgorithm.Dpo, "dpo")]
    [InlineData(TrainingAlgorithm.Sami, "sami")]
    [InlineData(TrainingAlgorithm.SftSami, "sftsami")]
    public void A_model_and_its_markers_are_named_by_the_algorithms_name(TrainingAlgorithm algorithm, string name)
    {
        Assert.Equal($"runs/{RunId:D}/models/{name}", InStore(Run.Model(algorithm)));
        Assert.Equal($"runs/{RunId:D}/models/{name}.done", InStore(Run.TrainedMarker(algorithm, 1, 1)));
        Assert.Equal($"runs/{RunId:D}/models/{name}.iter2.done", InStore(Run.TrainedMarker(algorithm, 2, 3)));
    }

    [Fact]
    public void An_iterations_round_has_its_own_folders_and_its_last_model_is_the_runs()
    {
        var round = Run.Round(new SamiIteration { Algorithm = TrainingAlgorithm.SftSami, Number = 2 });

        Assert.Equal($"runs/{RunId:D}/iter-2/sftsami/generate/shard-0003.jsonl", InStore(round.GenerationShard(3)));
        Assert.Equal($"runs/{RunId:D}/iter-2/sftsami/filter/completed.json", InStore(round.FilterMarker));
        Assert.Equal($"runs/{RunId:D}/iter-2/sftsami/datasets/sami.jsonl", InStore(round.Dataset("sami")));
        Assert.Equal($"runs/{RunId:D}/iter-1/sami/models/sami", InStore(Run.IterationModel(TrainingAlgorithm.Sami, 1, 2)));
        Assert.Equal(Run.Model(TrainingAlgorithm.Sami), Run.IterationModel(TrainingAlgorithm.Sami, 2, 2));
        Assert.Same(Run, Run.Round(null));
    }

    [Fact]
    public void The_first_rounds_and_the_evaluations_files_sit_under_the_run()
    {
        Assert.Equal($"runs/{RunId:D}/generate/shard-0000.done", InStore(Run.ShardMarker(0)));
        Assert.Equal($"runs/{RunId:D}/filter/kept.jsonl", InStore(Run.Kept));
        Assert.Equal($"runs/{RunId:D}/eval", InStore(Run.Eval));
        Assert.Equal($"runs/{RunId:D}/eval/sft", InStore(Run.Evaluation("sft")));
        Assert.Equal($"runs/{RunId:D}/jobs/train-sft-iter1.json", InStore(Run.JobRecord("train-sft-iter1")));
        Assert.Equal($"runs/{RunId:D}/cancelled.txt", InStore(Run.CancelledMarker));
    }
}
