using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

// P/Invoke declarations for native/samsara_torch/sam_tensor.cpp; every function returns a status for Native.Check.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_free(IntPtr x);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_from_data(void* data, long nbytes, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_empty(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_full(long* shape, int ndim, double value, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_randn(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_rand(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_ndim(TensorHandle x, out int ndim);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_shape(TensorHandle x, long* shape, int capacity);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_dtype(TensorHandle x, out int dtype);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_device(TensorHandle x, out int deviceType, out int deviceIndex);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_copy_to_host(TensorHandle x, void* data, long nbytes);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_item_double(TensorHandle x, out double value);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_item_int64(TensorHandle x, out long value);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_to(TensorHandle x, int dtype, int deviceType, int deviceIndex, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_copy_inplace(TensorHandle dst, TensorHandle src);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_clone(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_contiguous(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_detach(TensorHandle x, out TensorHandle result);
}
