using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, arXiv:1711.05101), as torch.optim.AdamW:
/// p ← p·(1 − lr·λ); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
/// </summary>
public sealed class AdamW(IReadOnlyDictionary<string, Tensor> parameters, double beta1 = 0.9, double beta2 = 0.999,
                          double eps = 1e-8, double weightDecay = 0.0) : Optimizer(parameters)
{
    protected override void Update(string name, Tensor p, Tensor grad, double lr)
    {
        var m = Slot(name, "exp_avg", p);
        var v = Slot(name, "exp_avg_sq", p);
        if (weightDecay != 0) p.mul_(1 - lr * weightDecay);
        m.lerp_(grad, 1 - beta1);
        v.mul_(beta2);
        v.addcmul_(grad, grad, 1 - beta2);
        var biasCorrection1 = 1 - Math.Pow(beta1, StepCount);
        var biasCorrection2 = 1 - Math.Pow(beta2, StepCount);
        var denominator = v.sqrt() / Math.Sqrt(biasCorrection2) + eps;
        p.addcdiv_(m, denominator, -lr / biasCorrection1);
    }
}
