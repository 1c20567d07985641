using System.Globalization;
using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Engine.Data;
using Samsara.Contracts;

namespace Samsara.Alignment.Tests.Training;

/// <summary>
/// Step 1 of each recipe at lr 0, on a tiny checkpoint and data built from GSM8K and the math paper's principles,
/// against tests/python/reference_losses.py (an independent PyTorch computation): same loss, same gradient norm.
/// </summary>
public class StepParityTests
{
    internal const double RelativeTolerance = 1e-4;

    [DataTheory]
    [InlineData(TrainingAlgorithm.Sft)]
    [InlineData(TrainingAlgorithm.Dpo)]
    [InlineData(TrainingAlgorithm.Sami)]
    public void Step_one_loss_and_gradient_norm_match_pytorch(TrainingAlgorithm algorithm)
    {
        using var dir = new TempDirectory();
        var model = TinyModels.Create(dir.File("model"), TinyModels.Config(layers: 2, context: 1536));
        var data = dir.File("data.jsonl");
        Jsonl.Write(data, Dataset(algorithm));
        var count = File.ReadAllLines(data).Length;
        var options = new TrainingOptions
        {
            Algorithm = algorithm, ModelDirectory = model, DataPath = data, OutputDirectory = dir.File("out"),
            LearningRate = 0, Steps = 1, BatchQueries = count, MicroBatch = 2, Beta = algorithm == TrainingAlgorithm.Dpo ? 0.5 : null,
        };
        Train(options);
        var metrics = JsonNode.Parse(File.ReadLines(dir.File("out/metrics.jsonl")).First())!;

        var expected = JsonNode.Parse(PythonRunner.Run(
            $"import sys; sys.path.insert(0, {Quote(Path.Combine(RepoPaths.Root, "tests", "python"))}); import reference_losses; " +
            $"reference_losses.main({Quote(algorithm.Name())}, {Quote(model)}, {Quote(data)}, 0.5)"))!;
        AssertRelative(expected["loss"]!.GetValue<double>(), metrics["loss"]!.GetValue<double>(), "loss");
        AssertRelative(expected["grad_norm"]!.GetValue<double>(), metrics["grad_norm"]!.GetValue<double>(), "grad_norm");
    }

    internal static void Train(TrainingOptions o)
    {
        TrainingRecipes.Train(o);
    }

    internal static IEnumerable<JsonObject> Dataset(TrainingAlgorithm algorithm)
    {
        var items = RealData.Gsm8k(3);
        var constitutions = RealData.MathConstitutions();
        return items.Select((item, i) => algorithm switch
        {
            TrainingAlgorithm.Sft => new JsonObject
            {
                ["id"] = $"q{i}", ["prompt"] = TrainingPrompt.Format(constitutions[0].Text, item.Question), ["completion"] = item.WorkedAnswer,
            },
            TrainingAlgorithm.Dpo => new JsonObject
            {
                ["id"] = $"q{i}", ["prompt"] = TrainingPrompt.Format(constitutions[0].Text, item.Question),
                ["chosen"] = item.WorkedAnswer, ["rejected"] = $"The answer is {item.FinalAnswer}.",
            },
            _ => new JsonObject
            {
                ["id"] = $"q{i}", ["category"] = "math", ["prompt"] = item.Question,
                ["constitutions"] = new JsonArray(constitutions.Select(c => (JsonNode?)c.Text).ToArray()),
                ["responses"] = new JsonArray(constitutions.Select(c => (JsonNode?)(c.StepByStep ? item.WorkedAnswer : $"The answer is {item.FinalAnswer}.")).ToArray()),
            },
        });
    }

    internal static void AssertRelative(double expected, double actual, string what, double relativeTolerance = RelativeTolerance) =>
        Assert.True(Math.Abs(expected - actual) <= relativeTolerance * Math.Abs(expected),
            $"{what}: PyTorch {expected.ToString("R", CultureInfo.InvariantCulture)}, Samsara {actual.ToString("R", CultureInfo.InvariantCulture)}");

    internal static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
