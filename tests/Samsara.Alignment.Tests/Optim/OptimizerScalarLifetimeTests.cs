using Samsara.Alignment.Optim;
using Samsara.Alignment.Training;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Alignment.Tests.Optim;

/// <summary>
/// Optimizer steps against the finalizer race on TorchSharp's temporary Scalars (see ScalarMath): thousands of steps
/// on optimised code while another thread keeps collecting garbage and running finalizers, as a busy host does
/// mid-training. They must neither fail nor compute anything other than the same steps taken with no collector.
/// TorchSharp's own torch.optim.AdamW and RMSProp, run the same way, failed it within seconds ("Expected false to be true"
/// from c10::Scalar::toFloat).
/// </summary>
public class OptimizerScalarLifetimeTests
{
    private const int Steps = 20_000;

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Steps_keep_their_Scalars_alive_while_another_thread_collects(OptimizerKind kind)
    {
        using var scope = NewDisposeScope();
        var grads = new[] { linspace(-1, 1, 64).reshape(8, 8), linspace(0.5, -0.5, 8) };
        var quiet = Train(kind, grads, withCollector: false);
        var collected = Train(kind, grads, withCollector: true);
        for (var i = 0; i < quiet.Length; i++) TensorAssert.Identical(quiet[i], collected[i]);
    }

    private static Parameter[] Train(OptimizerKind kind, Tensor[] grads, bool withCollector)
    {
        var parameters = grads.Select((g, i) => (Name: $"w{i}", P: new Parameter(ones_like(g))))
                              .ToDictionary(x => x.Name, x => x.P);
        using var optimizer = new TrainingOptimizer(parameters, kind, weightDecay: 0.01);
        using var collector = withCollector ? new CollectingThread() : null;
        for (var step = 0; step < Steps; step++)
        {
            foreach (var (p, g) in parameters.Values.Zip(grads)) p.grad = g;
            optimizer.Step(1e-3);
        }
        return [.. parameters.Values];
    }
}
