using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

// P/Invoke declarations for native/samsara_torch/sam_nn.cpp; every function returns a status for Native.Check.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Native.Library)] internal static partial int sam_nn_linear(TensorHandle x, TensorHandle weight, TensorHandle bias, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_nn_embedding(TensorHandle weight, TensorHandle ids, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_nn_softmax(TensorHandle x, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_nn_log_softmax(TensorHandle x, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_nn_scaled_dot_product_attention(TensorHandle q, TensorHandle k, TensorHandle v, TensorHandle mask, int isCausal, double scale, out TensorHandle result);
}
