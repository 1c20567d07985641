using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine.Models;

namespace Samsara.Bench;

/// <summary>The comparison table per round, the median ratios against the goals, and optionally a JSON record.</summary>
internal static class Report
{
    public static void Print(BenchOptions o, LlamaConfig config, List<(Measurement Samsara, Measurement Peer)> rounds, string peerVersion)
    {
        Console.WriteLine($"peer: PyTorch {peerVersion}");
        Console.WriteLine("| round | train step ms: Samsara / PyTorch = ratio | generation tokens/s: Samsara / PyTorch = ratio |");
        Console.WriteLine("|-------|------------------------------------------|-------------------------------------------------|");
        var stepRatios = new List<double>();
        var genRatios = new List<double>();
        for (var i = 0; i < rounds.Count; i++)
        {
            var (s, p) = rounds[i];
            stepRatios.Add(s.StepSeconds / p.StepSeconds);
            genRatios.Add(s.TokensPerSecond / p.TokensPerSecond);
            Console.WriteLine($"| {i + 1,5} | {s.StepSeconds * 1e3,8:F1} / {p.StepSeconds * 1e3,8:F1} = {stepRatios[^1],5:F2}{"",14}" +
                              $"| {s.TokensPerSecond,8:F1} / {p.TokensPerSecond,8:F1} = {genRatios[^1],5:F2}{"",21}|");
        }
        // CPU time is the figure that survives a machine busy with other work, where wall time mostly measures the queue.
        var cpuRatio = SamsaraRun.Median(rounds.Select(r => r.Samsara.StepCpuSeconds / r.Peer.StepCpuSeconds).ToList());
        Console.WriteLine($"train step CPU time (median of rounds): Samsara {SamsaraRun.Median(rounds.Select(r => r.Samsara.StepCpuSeconds * 1e3).ToList()):F0} ms, " +
                          $"PyTorch {SamsaraRun.Median(rounds.Select(r => r.Peer.StepCpuSeconds * 1e3).ToList()):F0} ms, ratio {cpuRatio:F2}");
        var stepRatio = SamsaraRun.Median(stepRatios);
        var genRatio = SamsaraRun.Median(genRatios);
        Console.WriteLine($"median ratios: train step time {stepRatio:F2} (goal ≤ 1.10), generation throughput {genRatio:F2} (goal ≥ 0.90)");
        Console.WriteLine($"loss on the same batch: Samsara {rounds[0].Samsara.Loss:F6}, PyTorch {rounds[0].Peer.Loss:F6}");
        double? mfu = null;
        if (o.PeakTflops > 0)
        {
            // 6 · parameters · tokens for forward + backward, plus attention's 12 · layers · d · seq² per sequence.
            var flops = 6.0 * ModelSetup.ParameterCount(config) * o.Batch * o.Seq + 12.0 * o.Layers * o.Hidden * o.Seq * o.Seq * o.Batch;
            var best = rounds.Min(r => r.Samsara.StepSeconds);
            var bestPeer = rounds.Min(r => r.Peer.StepSeconds);
            mfu = flops / best / (o.PeakTflops * 1e12);
            Console.WriteLine($"model FLOP utilisation: Samsara {mfu:P1}, PyTorch {flops / bestPeer / (o.PeakTflops * 1e12):P1} of {o.PeakTflops} TFLOP/s");
        }
        if (o.Out is null) return;
        var record = new JsonObject
        {
            ["options"] = JsonSerializer.SerializeToNode(o),
            ["peer"] = peerVersion,
            ["rounds"] = JsonSerializer.SerializeToNode(rounds.Select(r => new { samsara = r.Samsara, pytorch = r.Peer })),
            ["step_time_ratio"] = stepRatio,
            ["step_cpu_time_ratio"] = cpuRatio,
            ["generation_throughput_ratio"] = genRatio,
            ["mfu"] = mfu,
        };
        File.WriteAllText(o.Out, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
