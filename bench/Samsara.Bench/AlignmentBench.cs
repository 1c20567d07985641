using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Samsara.Alignment;
using Samsara.Engine.Data;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Bench;

/// <summary>
/// The alignment benchmark: one optimizer step of SFT, DPO and SAMI — `samsara train` as users run it, against the
/// same step written plainly in PyTorch (bench/peers/pytorch_alignment.py) — on the engine benchmark's model, with
/// synthetic data of realistic lengths. Reports step time, queries/s, tokens/s and peak memory, as ratios.
/// </summary>
internal static class AlignmentBench
{
    private sealed record Side(double StepSeconds, double PeakMegabytes, double TokensPerSecond);

    public static int Run(string[] args)
    {
        var algorithms = new List<string> { "sft", "dpo", "sami" };
        var threads = Environment.ProcessorCount;
        var steps = 6;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--algo": algorithms = [args[i + 1]]; break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--steps": steps = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        var work = Directory.CreateTempSubdirectory("samsara-bench-alignment-").FullName;
        try
        {
            var o = new BenchOptions { Threads = threads, Seq = 511 };   // a 512-token context fits prompt + response
            ModelSetup.Write(work, o);
            Console.WriteLine($"model: {o.Layers} layers, d={o.Hidden}, vocab {o.Vocab}; {threads} threads; OMP_WAIT_POLICY={TorchRuntime.OpenMpWaitPolicy}");
            Console.WriteLine("| algorithm | Q × M | step s: Samsara / PyTorch = ratio | tokens/s Samsara | peak MB: Samsara / PyTorch |");
            Console.WriteLine("|-----------|-------|-----------------------------------|------------------|----------------------------|");
            foreach (var algorithm in algorithms)
            {
                var (q, m) = algorithm == "sami" ? (2, 1) : (8, 4);
                var data = Path.Combine(work, $"{algorithm}.jsonl");
                Jsonl.Write(data, SyntheticData(algorithm, q * steps));
                var ours = RunSamsara(algorithm, work, data, q, m, steps, threads);
                var theirs = RunPeer(algorithm, work, data, q, m, steps, threads);
                Console.WriteLine($"| {algorithm,-9} | {q} × {m} | {ours.StepSeconds,7:F3} / {theirs.StepSeconds,7:F3} = {ours.StepSeconds / theirs.StepSeconds,5:F2}   " +
                                  $"| {ours.TokensPerSecond,16:F0} | {ours.PeakMegabytes,6:F0} / {theirs.PeakMegabytes,6:F0} = {ours.PeakMegabytes / theirs.PeakMegabytes,4:F2}   |");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    private static Side RunSamsara(string algorithm, string model, string data, int q, int m, int steps, int threads)
    {
        var output = Path.Combine(model, $"out-{algorithm}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
                 {
                     Cli(), "train", "--algo", algorithm, "--model", model, "--data", data, "--out", output, "--steps", $"{steps}",
                     "--batch-queries", $"{q}", "--micro-batch", $"{m}", "--lr", "1e-6", "--save-every", "100000", "--threads", $"{threads}",
                 })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        double peak = 0;
        while (!process.WaitForExit(50)) peak = Math.Max(peak, PeakResidentMegabytes(process.Id) ?? 0);
        if (process.ExitCode != 0) throw new InvalidOperationException($"samsara train failed: {stderr.Result}");
        var lines = File.ReadAllLines(Path.Combine(output, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).Skip(2).ToList();
        var stepSeconds = Median(lines.Select(l => q / l["queries_per_s"]!.GetValue<double>()).ToList());
        var tokens = Median(lines.Select(l => l["tokens_per_s"]!.GetValue<double>()).ToList());
        return new Side(stepSeconds, peak, tokens);
    }

    private static Side RunPeer(string algorithm, string model, string data, int q, int m, int steps, int threads)
    {
        var start = PeerProcess.StartInfo("pytorch_alignment.py", [algorithm, model, data, $"{q}", $"{m}", $"{steps}", $"{threads}"]);
        using var process = Process.Start(start)!;
        var json = JsonNode.Parse(process.StandardOutput.ReadToEnd())!;
        process.WaitForExit();
        return new Side(json["step_seconds"]!.GetValue<double>(), json["peak_rss_mb"]!.GetValue<double>(), double.NaN);
    }

    // Prompts of a few hundred bytes and responses of one to two hundred: the lengths of short chat turns.
    private static IEnumerable<JsonObject> SyntheticData(string algorithm, int count)
    {
        const string Strong = "Think step by step and show every intermediate result before the final answer.";
        const string Weak = "Give only the final answer, in one short sentence, with no explanation at all.";
        string[] constitutions = [$"1. {Strong}\n2. Use plain text.", $"1. {Strong}\n2. Use LaTeX.", $"1. {Weak}\n2. Use plain text.", $"1. {Weak}\n2. Use LaTeX."];
        for (var i = 0; i < count; i++)
        {
            var query = $"A farmer has {i + 12} sheep and buys {i % 7 + 3} more each week. How many sheep will the farmer have after {i % 5 + 2} weeks?";
            var worked = $"Each week adds {i % 7 + 3} sheep. After {i % 5 + 2} weeks that is {(i % 7 + 3) * (i % 5 + 2)} more sheep. " +
                         $"Starting from {i + 12}, the farmer has {i + 12 + (i % 7 + 3) * (i % 5 + 2)} sheep.";
            var brief = $"The farmer has {i + 12 + (i % 7 + 3) * (i % 5 + 2)} sheep.";
            yield return algorithm switch
            {
                "sft" => new JsonObject { ["id"] = $"{i}", ["prompt"] = TrainingPrompt.Format(constitutions[0], query), ["completion"] = worked },
                "dpo" => new JsonObject { ["id"] = $"{i}", ["prompt"] = TrainingPrompt.Format(constitutions[0], query), ["chosen"] = worked, ["rejected"] = brief },
                _ => new JsonObject
                {
                    ["id"] = $"{i}", ["category"] = "math", ["prompt"] = query,
                    ["constitutions"] = new JsonArray(constitutions.Select(c => (JsonNode?)c).ToArray()),
                    ["responses"] = new JsonArray(worked, worked.Replace(".", "$.", StringComparison.Ordinal), brief, $"$${brief}$$"),
                },
            };
        }
    }

    private static double? PeakResidentMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;   // the process just exited
        }
    }

    private static double Median(List<double> values) => SamsaraRun.Median(values);

    private static string Cli()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepoRoot(), "cli", "Samsara.Cli", "bin", configuration, "net10.0", "samsara.dll");
    }

    private static string RepoRoot() => PeerRun.FindRepoRoot();
}
