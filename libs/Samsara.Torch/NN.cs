using Samsara.Torch.Internal;
using static Samsara.Torch.Internal.NativeMethods;

namespace Samsara.Torch;

/// <summary>Neural-network functions (torch.nn.functional), native/samsara_torch/sam_nn.cpp.</summary>
public static class NN
{
    /// <summary>x·Wᵀ (+ b): x (…, in), W (out, in) → (…, out).</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null) =>
        Tensor.Wrap(sam_nn_linear(x.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null, out var r), r);

    /// <summary>Rows of <paramref name="weight"/> (V, C) picked by integer <paramref name="ids"/> (…) → (…, C).</summary>
    public static Tensor Embedding(Tensor weight, Tensor ids) => Tensor.Wrap(sam_nn_embedding(weight.Handle, ids.Handle, out var r), r);

    public static Tensor Softmax(Tensor x, long dim) => Tensor.Wrap(sam_nn_softmax(x.Handle, dim, out var r), r);

    public static Tensor LogSoftmax(Tensor x, long dim) => Tensor.Wrap(sam_nn_log_softmax(x.Handle, dim, out var r), r);

    /// <summary>
    /// softmax(q·kᵀ·scale + mask)·v. q (B, H, T, D), k and v (B, H, S, D) → (B, H, T, D). <paramref name="mask"/>
    /// is additive (0 or −∞), broadcastable to (B, H, T, S); <paramref name="isCausal"/> masks future keys,
    /// aligned so that query t sees keys up to S − T + t (a KV cache's layout). Fused kernel on libtorch ≥ 2.1.
    /// </summary>
    public static Tensor ScaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor? mask = null, bool isCausal = false, double? scale = null) =>
        Tensor.Wrap(sam_nn_scaled_dot_product_attention(q.Handle, k.Handle, v.Handle, mask?.Handle ?? TensorHandle.Null,
            isCausal ? 1 : 0, scale ?? 1.0 / Math.Sqrt(q.Size(-1)), out var r), r);
}
