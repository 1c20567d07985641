using Samsara.Engine.Runtime;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Samsara.Bench;

/// <summary>Runs bench/peers/pytorch_llama.py with Debian's python3 (or $SAMSARA_BENCH_PYTHON) and reads its JSON.</summary>
internal static class PeerRun
{
    public static (Measurement Result, string TorchVersion) Measure(string modelDir, string idsPath, BenchOptions o)
    {
        var script = Path.Combine(FindRepoRoot(), "bench", "peers", "pytorch_llama.py");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("SAMSARA_BENCH_PYTHON") ?? "/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // The peer's OpenMP threads wait as Samsara's do, or the comparison measures the wait policy.
        start.Environment["OMP_WAIT_POLICY"] = Samsara.Engine.Runtime.TorchRuntime.OpenMpWaitPolicy;
        // …and allocates with the malloc settings Samsara.Engine sets (Runtime/TorchRuntime.cs), so the ratio
        // compares the frameworks, not glibc's tuning.
        start.Environment["MALLOC_MMAP_THRESHOLD_"] = "33554432";
        start.Environment["MALLOC_TRIM_THRESHOLD_"] = "1073741824";
        foreach (var a in new object[] { script, modelDir, idsPath, o.Threads, o.Device, o.DType, o.Steps, o.Warmup, o.PromptLength, o.GenTokens })
            start.ArgumentList.Add(Convert.ToString(a, CultureInfo.InvariantCulture)!);
        Console.Error.WriteLine("pytorch peer running…");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start python3");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the PyTorch peer failed with exit code {process.ExitCode}");
        var json = JsonNode.Parse(output)!;
        return (new Measurement(
            json["step_seconds"]!.GetValue<double>(), json["loss"]!.GetValue<double>(),
            json["generated_tokens"]!.GetValue<long>(), json["generation_seconds"]!.GetValue<double>()),
            $"{json["torch"]} (fused attention: {json["fused_attention"]})");
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Samsara.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmark from inside the Samsara repository");
    }
}
