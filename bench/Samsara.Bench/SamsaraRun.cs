using System.Diagnostics;
using System.Text;
using Samsara.Engine;
using Samsara.Engine.Generation;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Samsara.Engine.Generation.Generator;

namespace Samsara.Bench;

/// <summary>One side's round: median train step wall and CPU time (all the process's threads), loss, generation.</summary>
internal sealed record Measurement(double StepSeconds, double StepCpuSeconds, double Loss, long GeneratedTokens, double GenerationSeconds)
{
    public double TokensPerSecond => GeneratedTokens / GenerationSeconds;
}

/// <summary>Samsara's side: the same work as bench/peers/pytorch_llama.py, through Samsara.Engine.</summary>
internal sealed class SamsaraRun(string modelDir, BenchOptions o, Device device) : IDisposable
{
    private readonly LanguageModel lm = LanguageModel.Load(modelDir, device, TorchNames.ParseFloat(o.DType));

    public void Dispose() => lm.Dispose();

    public Measurement Measure(long[][] ids)
    {
        foreach (var p in lm.Model.Parameters.Values) p.requires_grad = true;
        var times = new List<double>();
        var cpuTimes = new List<double>();
        double loss = 0;
        for (var step = 0; step < o.Warmup + o.Steps; step++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using (torch.NewDisposeScope())
            {
                var l = NextTokenLoss(ids);
                l.backward();
                foreach (var p in lm.Model.Parameters.Values) p.grad = null;
                loss = l.ToDouble();   // also waits for the device
            }
            if (step >= o.Warmup)
            {
                times.Add(clock.Elapsed.TotalSeconds);
                cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }
            Console.Error.Write($"\rsamsara train step {step + 1}/{o.Warmup + o.Steps}");
        }
        Console.Error.WriteLine();
        foreach (var p in lm.Model.Parameters.Values) p.requires_grad = false;

        // The prompt is ids[:, :PromptLength] (BOS included: EncodePrompt adds it back).
        var prompts = ids.Select(row => Encoding.ASCII.GetString(row.Skip(1).Take(o.PromptLength - 1).Select(b => (byte)b).ToArray())).ToArray();
        var options = new GenerationOptions { Temperature = 0, MaxNewTokens = o.GenTokens, IgnoreEos = true, BatchSize = o.Batch };
        var generation = double.MaxValue;
        long tokens = 0;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var completions = new Generator(lm).Generate(prompts, options);
            generation = Math.Min(generation, clock.Elapsed.TotalSeconds);
            tokens = completions.Sum(c => c.TokenIds.Count);
        }
        return new Measurement(Median(times), Median(cpuTimes), loss, tokens, generation);
    }

    private Tensor NextTokenLoss(long[][] ids)
    {
        int b = ids.Length, t = ids[0].Length - 1;
        var inputs = HostTensors.FromSpan<long>(ids.SelectMany(r => r.Take(t)).ToArray(), [b, t], device);
        var targets = HostTensors.FromSpan<long>(ids.SelectMany(r => r.Skip(1)).ToArray(), [b, t], device);
        var positions = torch.arange(0, t, device: device).unsqueeze(0).expand(b, t);
        var logits = lm.Model.Forward(inputs, positions).to(ScalarType.Float32);
        return -nn.functional.log_softmax(logits, -1).gather(-1, targets.unsqueeze(-1)).mean();
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
