using Samsara.Torch.Internal;
using static Samsara.Torch.Internal.NativeMethods;

namespace Samsara.Torch;

// Views, reshapes, joins, indexing and sorting (native/samsara_torch/sam_shape.cpp).
public sealed partial class Tensor
{
    public unsafe Tensor Reshape(params long[] shape)
    {
        TensorHandle r;
        fixed (long* p = shape) Native.Check(sam_tensor_reshape(Handle, p, shape.Length, out r));
        return new Tensor(r);
    }

    public unsafe Tensor Expand(params long[] shape)
    {
        TensorHandle r;
        fixed (long* p = shape) Native.Check(sam_tensor_expand(Handle, p, shape.Length, out r));
        return new Tensor(r);
    }

    public unsafe Tensor Permute(params long[] dims)
    {
        TensorHandle r;
        fixed (long* p = dims) Native.Check(sam_tensor_permute(Handle, p, dims.Length, out r));
        return new Tensor(r);
    }

    public Tensor Transpose(long dim0, long dim1) => Wrap(sam_tensor_transpose(Handle, dim0, dim1, out var r), r);
    public Tensor Unsqueeze(long dim) => Wrap(sam_tensor_unsqueeze(Handle, dim, out var r), r);
    public Tensor Squeeze(long dim) => Wrap(sam_tensor_squeeze(Handle, dim, out var r), r);

    /// <summary>Elements start..end (exclusive) of <paramref name="dim"/>, a view; end = long.MaxValue means "to the end".</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) => Wrap(sam_tensor_slice(Handle, dim, start, end, step, out var r), r);

    /// <summary>Index <paramref name="index"/> of <paramref name="dim"/>, which is removed.</summary>
    public Tensor Select(long dim, long index) => Wrap(sam_tensor_select(Handle, dim, index, out var r), r);

    public Tensor IndexSelect(long dim, Tensor index) => Wrap(sam_tensor_index_select(Handle, dim, index.Handle, out var r), r);
    public Tensor Gather(long dim, Tensor index) => Wrap(sam_tensor_gather(Handle, dim, index.Handle, out var r), r);
    public Tensor Scatter(long dim, Tensor index, Tensor source) => Wrap(sam_tensor_scatter(Handle, dim, index.Handle, source.Handle, out var r), r);
    public Tensor RepeatInterleave(long repeats, long dim) => Wrap(sam_tensor_repeat_interleave(Handle, repeats, dim, out var r), r);
    public Tensor Triu(long diagonal = 0) => Wrap(sam_tensor_triu(Handle, diagonal, out var r), r);
    public Tensor Tril(long diagonal = 0) => Wrap(sam_tensor_tril(Handle, diagonal, out var r), r);
    public Tensor Multinomial(long samples, bool replacement = false) => Wrap(sam_tensor_multinomial(Handle, samples, replacement ? 1 : 0, out var r), r);

    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1)
    {
        Native.Check(sam_tensor_topk(Handle, k, dim, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false)
    {
        Native.Check(sam_tensor_sort(Handle, dim, descending ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim) => Join(tensors, dim, stack: false);

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        // Raw handles cross the boundary here; KeepAlive below holds the tensors until the call returns.
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle.DangerousGetHandle();
        TensorHandle r;
        fixed (IntPtr* p = handles)
            Native.Check(stack ? sam_tensor_stack(p, handles.Length, dim, out r) : sam_tensor_cat(p, handles.Length, dim, out r));
        GC.KeepAlive(tensors);
        return new Tensor(r);
    }
}
