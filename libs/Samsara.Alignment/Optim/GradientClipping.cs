using Samsara.Torch;

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
        using var noGrad = Torch.Torch.NoGrad();
        using var scope = Torch.Torch.NewDisposeScope();
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        var norm = Tensor.Stack(grads.Select(g => g.Norm()).ToList(), 0).Norm().ItemDouble();
        if (maxNorm > 0 && norm > maxNorm)
            foreach (var g in grads) g.MulInPlace(maxNorm / (norm + 1e-6));
        return norm;
    }
}
