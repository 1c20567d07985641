using System.Text.Json.Nodes;
using Samsara.Alignment.Training;
using Samsara.Engine.Data;
using Samsara.Contracts;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Training;

/// <summary>
/// Several optimizer steps of each recipe, with warm-up, clipping and weight decay, against torch.optim's AdamW and
/// RMSprop and clip_grad_norm_ in tests/python/reference_losses.py: every step's loss and gradient norm match, so the
/// optimizer, the schedule and the clipping all agree with PyTorch's, not only the first step's loss.
/// In fp32, two steps: the second runs at the full learning rate after the warm-up, on the optimizer state of the
/// first, with clipping and weight decay. A third would compare rounding, not the optimizer: Adam-style steps move
/// every weight by about the learning rate whatever its gradient's size, so the forward pass's float32 rounding grows
/// each step. SAMI's grad-norm difference from PyTorch, measured step by step: 4e-7, 1.3e-5, 5.3e-5 scoring whole
/// sequences; 3.5e-7, 2.8e-5, 1.6e-4 with shared prompt prefixes (SharedPrefixScorer), the same mathematics in
/// another order. In fp64 (both sides, norms and RoPE included) that rounding is gone, so three steps must agree to
/// 1e-9: a wrong moment, bias correction, decay or clipping term would show at once.
/// </summary>
public class MultiStepParityTests
{
    [DataTheory]
    [InlineData(TrainingAlgorithm.Sft, OptimizerKind.AdamW)]
    [InlineData(TrainingAlgorithm.Dpo, OptimizerKind.AdamW)]
    [InlineData(TrainingAlgorithm.Sami, OptimizerKind.RmsProp)]
    public void Every_step_matches_torch_optim(TrainingAlgorithm algorithm, OptimizerKind optimizer) =>
        AssertStepsMatch(algorithm, optimizer, ScalarType.Float32, steps: 2, StepParityTests.RelativeTolerance);

    [DataTheory]
    [InlineData(TrainingAlgorithm.Sft, OptimizerKind.AdamW)]
    [InlineData(TrainingAlgorithm.Dpo, OptimizerKind.AdamW)]
    [InlineData(TrainingAlgorithm.Sami, OptimizerKind.RmsProp)]
    public void Every_step_matches_torch_optim_in_float64(TrainingAlgorithm algorithm, OptimizerKind optimizer) =>
        AssertStepsMatch(algorithm, optimizer, ScalarType.Float64, steps: 3, relativeTolerance: 1e-9);

    private static void AssertStepsMatch(TrainingAlgorithm algorithm, OptimizerKind optimizer, ScalarType dtype, int steps, double relativeTolerance)
    {
        using var dir = new TempDirectory();
        var model = TinyModels.Create(dir.File("model"), TinyModels.Config(layers: 2, context: 1536));
        var data = dir.File("data.jsonl");
        Jsonl.Write(data, StepParityTests.Dataset(algorithm));
        var options = new TrainingOptions
        {
            Algorithm = algorithm, ModelDirectory = model, DataPath = data, OutputDirectory = dir.File("out"),
            LearningRate = 1e-3, Optimizer = optimizer, WeightDecay = 0.01, WarmupSteps = 2, Clip = 1.0, Steps = steps,
            BatchQueries = File.ReadAllLines(data).Length, MicroBatch = 2, Beta = algorithm == TrainingAlgorithm.Dpo ? 0.5 : null,
            DType = dtype,
        };
        StepParityTests.Train(options);
        var metrics = File.ReadLines(dir.File("out/metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();

        var name = optimizer == OptimizerKind.AdamW ? "adamw" : "rmsprop";
        var torchDType = dtype == ScalarType.Float64 ? "float64" : "float32";
        var expected = JsonNode.Parse(PythonRunner.Run(
            $"import sys; sys.path.insert(0, {StepParityTests.Quote(Path.Combine(RepoPaths.Root, "tests", "python"))}); import reference_losses; " +
            $"reference_losses.train_steps({StepParityTests.Quote(algorithm.ToString().ToLowerInvariant())}, {StepParityTests.Quote(model)}, {StepParityTests.Quote(data)}, 0.5, " +
            $"{steps}, {StepParityTests.Quote(name)}, 1e-3, 2, 1.0, 0.01, {StepParityTests.Quote(torchDType)})",
            timeout: TimeSpan.FromMinutes(10)))!;   // fp64 SAMI steps take minutes on a loaded 2-core machine
        Assert.Equal(steps, metrics.Count);
        for (var i = 0; i < steps; i++)
        {
            StepParityTests.AssertRelative(expected["losses"]![i]!.GetValue<double>(), metrics[i]["loss"]!.GetValue<double>(), $"step {i + 1} loss", relativeTolerance);
            StepParityTests.AssertRelative(expected["grad_norms"]![i]!.GetValue<double>(), metrics[i]["grad_norm"]!.GetValue<double>(), $"step {i + 1} grad_norm", relativeTolerance);
        }
    }
}
