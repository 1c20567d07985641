using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

// P/Invoke declarations for native/samsara_torch/sam_runtime.cpp; every function returns a status for Native.Check.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Native.Library)] internal static partial int sam_torch_version(out int major, out int minor, out int patch);
    [LibraryImport(Native.Library)] internal static partial int sam_cuda_device_count(out int count);
    [LibraryImport(Native.Library)] internal static partial int sam_manual_seed(ulong seed);
    [LibraryImport(Native.Library)] internal static partial int sam_set_num_threads(int threads);
    [LibraryImport(Native.Library)] internal static partial int sam_get_num_threads(out int threads);
    [LibraryImport(Native.Library)] internal static partial int sam_live_tensor_count(out long count);
    [LibraryImport(Native.Library)] internal static partial IntPtr sam_last_error();
}
