using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine.Models;

namespace Samsara.Bench;

/// <summary>The comparison table, the ratios against the goals, and optionally a JSON record of the run.</summary>
internal static class Report
{
    public static void Print(BenchOptions o, LlamaConfig config, Measurement samsara, (Measurement Result, string TorchVersion) peer)
    {
        var p = peer.Result;
        var stepRatio = samsara.StepSeconds / p.StepSeconds;
        var genRatio = samsara.TokensPerSecond / p.TokensPerSecond;
        Console.WriteLine($"peer: PyTorch {peer.TorchVersion}");
        Console.WriteLine($"| metric                       | Samsara    | PyTorch    | ratio | goal   |");
        Console.WriteLine($"|------------------------------|------------|------------|-------|--------|");
        Console.WriteLine($"| train step (fwd+bwd), ms     | {samsara.StepSeconds * 1e3,10:F1} | {p.StepSeconds * 1e3,10:F1} | {stepRatio,5:F2} | ≤ 1.10 |");
        Console.WriteLine($"| greedy generation, tokens/s  | {samsara.TokensPerSecond,10:F1} | {p.TokensPerSecond,10:F1} | {genRatio,5:F2} | ≥ 0.90 |");
        Console.WriteLine($"loss on the same batch: Samsara {samsara.Loss:F6}, PyTorch {p.Loss:F6}");
        double? mfu = null;
        if (o.PeakTflops > 0)
        {
            // 6 · parameters · tokens for forward + backward, plus attention's 12 · layers · d · seq² per sequence.
            var parameters = ModelSetup.ParameterCount(config);
            var tokens = (double)o.Batch * o.Seq;
            var flops = 6 * parameters * tokens + 12.0 * o.Layers * o.Hidden * o.Seq * o.Seq * o.Batch;
            mfu = flops / samsara.StepSeconds / (o.PeakTflops * 1e12);
            Console.WriteLine($"model FLOP utilisation: Samsara {mfu:P1}, PyTorch {flops / p.StepSeconds / (o.PeakTflops * 1e12):P1} of {o.PeakTflops} TFLOP/s");
        }
        if (o.Out is null) return;
        var record = new JsonObject
        {
            ["options"] = JsonSerializer.SerializeToNode(o),
            ["samsara"] = JsonSerializer.SerializeToNode(samsara),
            ["pytorch"] = JsonSerializer.SerializeToNode(p),
            ["peer"] = peer.TorchVersion,
            ["step_time_ratio"] = stepRatio,
            ["generation_throughput_ratio"] = genRatio,
            ["mfu"] = mfu,
        };
        File.WriteAllText(o.Out, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
