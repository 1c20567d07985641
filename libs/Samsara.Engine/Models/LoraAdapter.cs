using Samsara.Torch;

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
        if (a.Size(0) != b.Size(1)) throw new ArgumentException($"LoRA A is [{string.Join(", ", a.Shape)}] but B is [{string.Join(", ", b.Shape)}]");
        A = a.DetachFromDisposeScope();
        B = b.DetachFromDisposeScope();
        Alpha = alpha;
    }

    public Tensor A { get; }          // (r, in)

    public Tensor B { get; }          // (out, r)

    public double Alpha { get; }

    public int Rank => (int)A.Size(0);

    public double Scale => Alpha / Rank;

    /// <summary>A fresh adapter for a layer of <paramref name="inFeatures"/> → <paramref name="outFeatures"/>.</summary>
    public static LoraAdapter Create(long inFeatures, long outFeatures, int rank, double alpha, DType dtype, Device device)
    {
        using var scope = Torch.Torch.NewDisposeScope();
        // kaiming_uniform_(a=√5) on a (r, in) matrix: U(−1/√in, 1/√in).
        var bound = 1 / Math.Sqrt(inFeatures);
        var a = ((Torch.Torch.Rand([rank, inFeatures], device: device) * (2 * bound)) - bound).To(dtype);
        var b = Torch.Torch.Zeros([outFeatures, rank], dtype, device);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        return new LoraAdapter(a, b, alpha);
    }

    public Tensor Forward(Tensor x) => NN.Linear(NN.Linear(x, A), B) * Scale;   // (…, in) → (…, out)

    /// <summary>The update as a dense (out, in) matrix: (α / r)·B·A, for merging into W.</summary>
    public Tensor Delta() => B.Matmul(A) * Scale;

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
