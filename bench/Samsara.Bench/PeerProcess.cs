using System.Diagnostics;
using Samsara.Engine.Runtime;

namespace Samsara.Bench;

/// <summary>
/// How every PyTorch peer starts: Debian's python3 (or $SAMSARA_BENCH_PYTHON) running a script of bench/peers, with
/// the process settings Samsara.Engine gives itself, so a ratio compares the frameworks, not the tuning. (The peers
/// set their thread count and flush denormals themselves: bench/peers/peer_runtime.py.)
/// </summary>
internal static class PeerProcess
{
    public static ProcessStartInfo StartInfo(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("SAMSARA_BENCH_PYTHON") ?? "/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PeerRun.FindRepoRoot(), "bench", "peers", script));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The peer's OpenMP threads wait as Samsara's do (Runtime/TorchRuntime.cs), or the comparison measures the
        // wait policy; and it allocates with the malloc settings Samsara.Engine sets.
        start.Environment["OMP_WAIT_POLICY"] = TorchRuntime.OpenMpWaitPolicy;
        start.Environment["MALLOC_MMAP_THRESHOLD_"] = "33554432";
        start.Environment["MALLOC_TRIM_THRESHOLD_"] = "1073741824";
        return start;
    }
}
