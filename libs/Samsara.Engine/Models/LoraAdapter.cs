using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Engine.Models;

/// <summary>
/// A LoRA update (Hu et al. 2021, arXiv:2106.09685) of one linear layer: W·x becomes W·x + (α / r)·B·A·x, with
/// A (r, in) and B (out, r) the only trained weights. Initialised as PEFT does: A Kaiming-uniform, B zero, so
/// the adapted model starts as the base model.
/// </summary>
public sealed class LoraAdapter : IDisposable
{
    public LoraAdapter(Tensor a, Tensor b, double alpha)
    {
        if (a.size(0) != b.size(1)) throw new ArgumentException($"LoRA A is [{string.Join(", ", a.shape)}] but B is [{string.Join(", ", b.shape)}]");
        // Parameters (TorchSharp's optimizers take no other tensors); a and b are left empty, as Parameter leaves them.
        A = new Parameter(a.DetachFromDisposeScope(), a.requires_grad);
        B = new Parameter(b.DetachFromDisposeScope(), b.requires_grad);
        Alpha = alpha;
    }

    public Parameter A { get; }       // (r, in)

    public Parameter B { get; }       // (out, r)

    public double Alpha { get; }

    public int Rank => (int)A.size(0);

    public double Scale => Alpha / Rank;

    /// <summary>A fresh adapter for a layer of <paramref name="inFeatures"/> → <paramref name="outFeatures"/>.</summary>
    public static LoraAdapter Create(long inFeatures, long outFeatures, int rank, double alpha, ScalarType dtype, Device device, torch.Generator random)
    {
        using var scope = torch.NewDisposeScope();
        // kaiming_uniform_(a=√5) on a (r, in) matrix: U(−1/√in, 1/√in).
        var bound = 1 / Math.Sqrt(inFeatures);
        var a = torch.rand([rank, inFeatures], device: device, generator: random).Times(2 * bound).Plus(-bound).to(dtype);
        var b = torch.zeros([outFeatures, rank], dtype, device);
        a.requires_grad = true;
        b.requires_grad = true;
        return new LoraAdapter(a, b, alpha);
    }

    public Tensor Forward(Tensor x) => nn.functional.linear(nn.functional.linear(x, A), B).Times(Scale);   // (…, in) → (…, out)

    /// <summary>The update as a dense (out, in) matrix: (α / r)·B·A, for merging into W.</summary>
    public Tensor Delta() => B.matmul(A).Times(Scale);

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
