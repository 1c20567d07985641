using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Samsara.Bench;

/// <summary>Runs bench/peers/pytorch_llama.py with Debian's python3 (or $SAMSARA_BENCH_PYTHON) and reads its JSON.</summary>
internal static class PeerRun
{
    public static (Measurement Result, string TorchVersion) Measure(string modelDir, string idsPath, BenchOptions o)
    {
        var start = PeerProcess.StartInfo("pytorch_llama.py",
            new object[] { modelDir, idsPath, o.Threads, o.Device, o.DType, o.Steps, o.Warmup, o.PromptLength, o.GenTokens }
                .Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)!));
        Console.Error.WriteLine("pytorch peer running…");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start python3");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the PyTorch peer failed with exit code {process.ExitCode}");
        var json = JsonNode.Parse(output)!;
        return (new Measurement(
            json["step_seconds"]!.GetValue<double>(), json["step_cpu_seconds"]!.GetValue<double>(), json["loss"]!.GetValue<double>(),
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
