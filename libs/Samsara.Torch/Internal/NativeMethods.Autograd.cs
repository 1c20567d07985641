using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

// P/Invoke declarations for native/samsara_torch/sam_autograd.cpp; every function returns a status for Native.Check.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Native.Library)] internal static partial int sam_autograd_requires_grad(TensorHandle x, out int requires);
    [LibraryImport(Native.Library)] internal static partial int sam_autograd_set_requires_grad(TensorHandle x, int requires);
    [LibraryImport(Native.Library)] internal static partial int sam_autograd_grad(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_autograd_zero_grad(TensorHandle x);
    [LibraryImport(Native.Library)] internal static partial int sam_autograd_backward(TensorHandle x, TensorHandle grad, int retainGraph);
    [LibraryImport(Native.Library)] internal static partial int sam_autograd_set_grad_enabled(int enabled, out int previous);
}
