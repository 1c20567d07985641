using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Engine.Data;
using Samsara.Contracts;

namespace Samsara.Alignment.Tests.Training;

/// <summary>A run stopped after a checkpoint and resumed gives the same metrics and weights as one that never stopped.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string model;

    public ResumeTests()
    {
        model = TinyModels.Create(dir.File("base"), TinyModels.Config(layers: 2, context: 160), seed: 5);
        Jsonl.Write(dir.File("sft.jsonl"), SyntheticPrinciples.SftLines(SyntheticPrinciples.Train));
        Jsonl.Write(dir.File("sami.jsonl"), SyntheticPrinciples.SamiLines(SyntheticPrinciples.Train));
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Sft_with_adamw_resumes_exactly()
    {
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Sft, ModelDirectory = model, DataPath = dir.File("sft.jsonl"), OutputDirectory = "",
            LearningRate = 2e-3, BatchQueries = 8, MicroBatch = 3, Steps = 5, WarmupSteps = 2, Clip = 1.0, SaveEvery = 1, Seed = 9,
        };
        void Train(TrainingOptions o) => new SftRecipe(o, DatasetReader.ReadSft(o.DataPath)).Train();
        AssertResumeMatches(options, Train);
    }

    [Fact]
    public void Sami_with_lora_and_rmsprop_resumes_exactly()
    {
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Sami, ModelDirectory = model, DataPath = dir.File("sami.jsonl"), OutputDirectory = "",
            LearningRate = 1e-3, Optimizer = OptimizerKind.RmsProp, BatchQueries = 4, MicroBatch = 2, Steps = 4, SaveEvery = 1, Seed = 2,
            Lora = new LoraOptions(4, 8, ["q_proj", "v_proj", "down_proj"]),
        };
        void Train(TrainingOptions o) => new SamiRecipe(o, DatasetReader.ReadSami(o.DataPath)).Train();
        AssertResumeMatches(options, Train);
    }

    private void AssertResumeMatches(TrainingOptions options, Action<TrainingOptions> train)
    {
        var whole = options with { OutputDirectory = dir.File("whole") };
        train(whole);
        var parts = options with { OutputDirectory = dir.File("parts") };
        train(parts with { Steps = 2 });
        Assert.Throws<ArgumentException>(() => train(parts));            // without --resume the directory is protected
        train(parts with { Resume = true });

        var expected = Metrics(whole.OutputDirectory);
        var actual = Metrics(parts.OutputDirectory);
        Assert.Equal(options.Steps, actual.Count);
        foreach (var field in new[] { "step", "loss", "lr", "grad_norm", "epoch" })
            Assert.Equal(expected.Select(m => m[field]!.GetValue<double>()), actual.Select(m => m[field]!.GetValue<double>()));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.OutputDirectory, "model.safetensors")),
                     File.ReadAllBytes(Path.Combine(parts.OutputDirectory, "model.safetensors")));
    }

    [Fact]
    public void A_cancelled_run_stops_within_the_step_and_resumes_from_its_last_checkpoint()
    {
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Sft, ModelDirectory = model, DataPath = dir.File("sft.jsonl"), OutputDirectory = dir.File("cancelled"),
            LearningRate = 1e-3, BatchQueries = 8, MicroBatch = 2, Steps = 6, SaveEvery = 1,
        };
        using var cancel = new CancellationTokenSource();
        var data = DatasetReader.ReadSft(options.DataPath);
        Assert.Throws<OperationCanceledException>(() =>
            new SftRecipe(options, data).Train(m => { if (m.Step == 2) cancel.Cancel(); }, cancel.Token));
        Assert.Equal(2, Metrics(options.OutputDirectory).Count);
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, "model.safetensors")));   // no final model from a cancelled run

        new SftRecipe(options with { Resume = true }, data).Train();
        Assert.Equal([1.0, 2, 3, 4, 5, 6], Metrics(options.OutputDirectory).Select(m => m["step"]!.GetValue<double>()));
    }

    [Fact]
    public void Resuming_with_different_settings_is_refused_by_name()
    {
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Sft, ModelDirectory = model, DataPath = dir.File("sft.jsonl"), OutputDirectory = dir.File("run"),
            LearningRate = 1e-3, BatchQueries = 8, MicroBatch = 8, Steps = 1,
        };
        new SftRecipe(options, DatasetReader.ReadSft(options.DataPath)).Train();
        var changed = options with { LearningRate = 5e-4, Steps = 2, Resume = true };
        var error = Assert.Throws<ArgumentException>(() => new SftRecipe(changed, DatasetReader.ReadSft(options.DataPath)).Train());
        Assert.Contains("lr (0.001 → 0.0005)", error.Message);
    }

    private static List<JsonNode> Metrics(string directory) =>
        File.ReadAllLines(Path.Combine(directory, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
}
