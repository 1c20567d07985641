using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Engine.Data;
using Samsara.Contracts;

namespace Samsara.Alignment.Tests.Training;

/// <summary>Inputs a run cannot use are refused, by name, before any step runs and before anything is written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string model;

    public BadInputTests() => model = TinyModels.Create(dir.File("base"), TinyModels.Config(layers: 1, context: 160));

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_reference_model_with_another_tokenizer_is_refused()
    {
        var other = TinyModels.Create(dir.File("other"), TinyModels.Config(layers: 1, context: 160));
        // Same size, one special token spelled differently: ids would no longer mean the same text.
        var path = Path.Combine(other, "tokenizer.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("<pad>", "<|pad|>", StringComparison.Ordinal));
        Jsonl.Write(dir.File("dpo.jsonl"), SyntheticPrinciples.PreferenceLines(SyntheticPrinciples.Train));
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Dpo, ModelDirectory = model, ReferenceModelDirectory = other, DataPath = dir.File("dpo.jsonl"),
            OutputDirectory = dir.File("out"), Steps = 1,
        };
        var error = Assert.Throws<ArgumentException>(() => new DpoRecipe(options, DatasetReader.ReadPreferences(options.DataPath)).Train());
        Assert.Contains("the reference model's tokenizer", error.Message);
        Assert.Contains(other, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(options.OutputDirectory));
    }

    [Fact]
    public void Sami_examples_with_different_numbers_of_constitutions_are_refused()
    {
        var lines = SyntheticPrinciples.SamiLines(SyntheticPrinciples.Train.Take(2)).ToList();
        lines[1]["constitutions"]!.AsArray().RemoveAt(3);
        lines[1]["responses"]!.AsArray().RemoveAt(3);
        Jsonl.Write(dir.File("sami.jsonl"), lines);
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Sami, ModelDirectory = model, DataPath = dir.File("sami.jsonl"), OutputDirectory = dir.File("out"), Steps = 1,
        };
        var error = Assert.Throws<ArgumentException>(() => new SamiRecipe(options, DatasetReader.ReadSami(options.DataPath)).Train());
        Assert.Contains($"'{SyntheticPrinciples.Train[1]}' has 3 constitutions", error.Message);
        Assert.False(Directory.Exists(options.OutputDirectory));
    }

    [Theory]
    [InlineData("steps", "give exactly one of --steps N or --epochs E")]
    [InlineData("micro", "--micro-batch must be at least 1")]
    [InlineData("lr", "--lr must be ≥ 0")]
    public void Bad_settings_are_named(string what, string expected)
    {
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Sft, ModelDirectory = model, DataPath = "unused", OutputDirectory = dir.File("out"), Steps = 1,
        };
        options = what switch
        {
            "steps" => options with { Epochs = 1 },
            "micro" => options with { MicroBatch = 0 },
            _ => options with { LearningRate = -1 },
        };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
