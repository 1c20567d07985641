using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// RMSprop (Hinton, Coursera lecture 6e), as torch.optim.RMSprop without momentum or centering — the SAMI
/// reference code's optimizer: v ← αv + (1−α)g²; p ← p − lr · g / (√v + ε).
/// </summary>
public sealed class RmsProp(IReadOnlyDictionary<string, Tensor> parameters, double alpha = 0.99, double eps = 1e-8,
                            double weightDecay = 0.0) : Optimizer(parameters)
{
    protected override void Update(string name, Tensor p, Tensor grad, double lr)
    {
        var g = weightDecay == 0 ? grad : grad + p * weightDecay;
        var v = Slot(name, "square_avg", p);
        v.mul_(alpha);
        v.addcmul_(g, g, 1 - alpha);
        p.addcdiv_(g, v.sqrt() + eps, -lr);
    }
}
