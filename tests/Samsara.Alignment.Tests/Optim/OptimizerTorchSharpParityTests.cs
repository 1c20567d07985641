using Samsara.Alignment.Optim;
using Samsara.Alignment.Training;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Alignment.Tests.Optim;

/// <summary>
/// Our AdamW and RMSprop steps against TorchSharp's torch.optim ones they replace: the same parameters, gradients and
/// learning rates must give the same bits, element for element, step after step (the default run's tables depend on it).
/// </summary>
public class OptimizerTorchSharpParityTests
{
    private const double WeightDecay = 0.01;
    private static readonly double[] Rates = [2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3, 1e-3];
    private static readonly long[][] Shapes = [[4, 3], [5], [2, 2, 2]];

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Every_element_matches_TorchSharps_optimizer_over_several_steps(OptimizerKind kind)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(20260611);
        var initial = Shapes.Select(shape => randn(shape, generator: random)).ToArray();
        var ours = Copies(initial);
        var theirs = Copies(initial);
        using var optimizer = new TrainingOptimizer(ours, kind, WeightDecay);
        using var reference = kind == OptimizerKind.AdamW
            ? (optim.Optimizer)optim.AdamW(theirs.Values, lr: 0, weight_decay: WeightDecay)
            : optim.RMSProp(theirs.Values, lr: 0, alpha: 0.99, eps: 1e-8, weight_decay: WeightDecay);

        for (var step = 0; step < Rates.Length; step++)
        {
            var grads = Shapes.Select(shape => randn(shape, generator: random)).ToArray();
            for (var i = 0; i < grads.Length; i++)
            {
                // The second parameter has no gradient on step 3: both must skip it, state included.
                var grad = step == 2 && i == 1 ? null : grads[i];
                ours[$"w{i}"].grad = grad?.clone();
                theirs[$"w{i}"].grad = grad?.clone();
            }
            optimizer.Step(Rates[step]);
            foreach (var group in reference.ParamGroups) group.LearningRate = Rates[step];
            reference.step();

            foreach (var name in ours.Keys) TensorAssert.Identical(theirs[name], ours[name]);
        }
    }

    private static Dictionary<string, Parameter> Copies(Tensor[] values) =>
        values.Select((v, i) => (Name: $"w{i}", P: new Parameter(v.clone())))
              .ToDictionary(x => x.Name, x => x.P);
}
