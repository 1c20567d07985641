using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>Gradient norm and clipping over all parameters together, as torch.nn.utils.clip_grad_norm_.</summary>
public static class GradientClipping
{
    /// <summary>
    /// The L2 norm of all gradients, before clipping; when <paramref name="maxNorm"/> is positive and exceeded,
    /// scales every gradient by maxNorm / (norm + 1e-6).
    /// </summary>
    public static double ClipByGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        var norm = torch.stack(grads.Select(g => g.norm()).ToList(), 0).norm().ToDouble();
        if (maxNorm > 0 && norm > maxNorm)
            foreach (var g in grads) g.mul_(maxNorm / (norm + 1e-6));
        return norm;
    }
}
