using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Samsara.Engine.Runtime;

/// <summary>
/// Process-wide libtorch settings Samsara tunes, applied before TorchSharp loads libtorch, plus the thread count and
/// the live-tensor count that tests assert on.
/// </summary>
public static partial class TorchRuntime
{
    /// <summary>How libtorch's idle CPU threads wait: PASSIVE (sleep, Samsara's default) unless OMP_WAIT_POLICY says otherwise.</summary>
    public static string OpenMpWaitPolicy { get; private set; } = "PASSIVE";

    /// <summary>Runs when Samsara.Engine loads, so before any of its code touches TorchSharp (which loads libtorch lazily).</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "the environment must be set before libtorch and its OpenMP runtime load, whichever Engine type is used first")]
    internal static void Initialize()
    {
        // libgomp's default is to spin-wait between parallel regions; on a machine with few cores the spinning threads
        // take the CPU from the thread that issues the next operation, and small operations (a decode step, a batch of
        // one) run several times slower. PASSIVE lets them sleep. A user's own setting wins. .NET keeps its own copy of
        // the environment on Unix; libgomp reads the process's, so set that one.
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } policy) OpenMpWaitPolicy = policy;
        else if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = setenv("OMP_WAIT_POLICY", "PASSIVE", 0);

        // Training allocates and frees the same large activations every step. With glibc's defaults, blocks past the
        // (dynamic) mmap threshold go back to the kernel when freed and the heap top is trimmed, so every step
        // page-faults its memory in again (measured: a 4-layer step took 470 ms instead of 360 ms). Keeping blocks up
        // to 32 MiB on the heap and trimming only past 1 GiB of free space removes that. A user's MALLOC_* settings win.
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null
            && Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is null)
        {
            _ = mallopt(MallocMmapThreshold, 32 << 20);
            _ = mallopt(MallocTrimThreshold, 1 << 30);
        }
    }

    /// <summary>The libtorch version TorchSharp runs on, e.g. 2.10.0.</summary>
    public static string LibTorchVersion => torch.__version__;

    public static int Threads
    {
        get => torch.get_num_threads();
        set => torch.set_num_threads(value);
    }

    /// <summary>Tensors created on this thread and not yet disposed (TorchSharp's dispose-scope statistics).</summary>
    public static long LiveTensorCount => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    private const int MallocTrimThreshold = -1, MallocMmapThreshold = -3;   // glibc's M_TRIM_THRESHOLD, M_MMAP_THRESHOLD

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc")]
    private static partial int mallopt(int param, int value);
}
