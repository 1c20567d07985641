using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

// P/Invoke declarations for native/samsara_torch/sam_shape.cpp; every function returns a status for Native.Check.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_reshape(TensorHandle x, long* shape, int ndim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_expand(TensorHandle x, long* shape, int ndim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_permute(TensorHandle x, long* dims, int ndim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_transpose(TensorHandle x, long dim0, long dim1, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_unsqueeze(TensorHandle x, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_squeeze(TensorHandle x, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_slice(TensorHandle x, long dim, long start, long end, long step, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_select(TensorHandle x, long dim, long index, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_cat(IntPtr* items, int count, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_stack(IntPtr* items, int count, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_index_select(TensorHandle x, long dim, TensorHandle index, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_gather(TensorHandle x, long dim, TensorHandle index, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_scatter(TensorHandle x, long dim, TensorHandle index, TensorHandle src, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_repeat_interleave(TensorHandle x, long repeats, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_triu(TensorHandle x, long diagonal, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_tril(TensorHandle x, long diagonal, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_topk(TensorHandle x, long k, long dim, out TensorHandle values, out TensorHandle indices);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sort(TensorHandle x, long dim, int descending, out TensorHandle values, out TensorHandle indices);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_multinomial(TensorHandle probs, long samples, int replacement, out TensorHandle result);
}
