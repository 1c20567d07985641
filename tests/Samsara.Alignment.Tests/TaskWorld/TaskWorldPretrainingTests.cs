using Samsara.Alignment.Constitutions;
using Samsara.Alignment.TaskWorld;
using Samsara.Engine;
using Samsara.Engine.Generation;
using Samsara.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Samsara.Engine.Generation.Generator;

namespace Samsara.Alignment.Tests.TaskWorld;

public sealed class TaskWorldPretrainingTests
{
    private static readonly string[] ModelFiles = ["config.json", "model.safetensors", "tokenizer.json"];

    [Fact]
    public void A_few_steps_of_pretraining_write_a_loadable_model_that_generates()
    {
        using var dir = new TempDirectory();
        var tiny = TinyModelConfigs.For(PretrainRole.Student) with { HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 1 };
        var losses = new List<double>();
        var result = TaskWorldPretraining.Run(new PretrainOptions
        {
            Role = PretrainRole.Student, Config = tiny, OutputDirectory = dir.File("model"), WorkDirectory = dir.File("work"),
            Examples = 64, Steps = 4, AnnealSteps = 2, BatchSize = 4, MicroBatch = 4,
        }, (_, m) => losses.Add(m.Loss));

        Assert.Equal(6, losses.Count);
        Assert.True(double.IsFinite(result.FinalLoss));
        Assert.Equal(ModelFiles, Directory.GetFiles(dir.File("model")).Select(Path.GetFileName).Order());
        using var lm = LanguageModel.Load(dir.File("model"), CPU);
        Assert.Equal(32, lm.Config.HiddenSize);
        Assert.Equal(result.Parameters, lm.Model.Parameters.Values.Sum(t => t.NumberOfElements));
        var completion = new Generator(lm).Generate(["Assistant System Instructions: 1. Be polite.\n\nHuman: Where does a cat live?\n\nAssistant:"],
            new GenerationOptions { Temperature = 0, MaxNewTokens = 8 });
        Assert.InRange(completion[0].TokenIds.Count, 1, 8);
    }

    [Fact]
    public void A_config_without_the_byte_tokenizer_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => TaskWorldPretraining.Run(new PretrainOptions
        {
            Role = PretrainRole.Teacher, Config = TinyModelConfigs.For(PretrainRole.Teacher) with { Tokenizer = null },
            OutputDirectory = dir.File("model"), WorkDirectory = dir.File("work"), Steps = 0,
        }));
        Assert.Contains("byte tokenizer", error.Message, StringComparison.Ordinal);
        Assert.Contains("--steps", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("model")));
    }
}
