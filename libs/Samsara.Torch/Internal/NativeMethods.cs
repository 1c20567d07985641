using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

internal static partial class NativeMethods
{
    /// <summary>The OpenMP wait policy libtorch's threads run with (set before libtorch loads; see the constructor).</summary>
    internal static string OpenMpWaitPolicy { get; }

    // Runs before the first call into samsara_torch, so before libtorch and its OpenMP runtime are loaded.
    // libgomp's default is to spin-wait between parallel regions; on a machine with few cores the spinning
    // threads take the CPU from the thread that issues the next operation, and small operations (a decode
    // step, a batch of one) run several times slower. PASSIVE lets them sleep. A user's own setting wins.
    static NativeMethods()
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } policy)
        {
            OpenMpWaitPolicy = policy;
            return;
        }
        // .NET keeps its own copy of the environment on Unix; libgomp reads the process's, so set that one.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        OpenMpWaitPolicy = "PASSIVE";
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
