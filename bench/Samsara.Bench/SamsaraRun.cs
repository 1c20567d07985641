using System.Diagnostics;
using System.Text;
using Samsara.Engine;
using Samsara.Engine.Generation;
using Samsara.Torch;

namespace Samsara.Bench;

internal sealed record Measurement(double StepSeconds, double Loss, long GeneratedTokens, double GenerationSeconds)
{
    public double TokensPerSecond => GeneratedTokens / GenerationSeconds;
}

/// <summary>Samsara's side: the same work as bench/peers/pytorch_llama.py, through Samsara.Engine.</summary>
internal sealed class SamsaraRun(string modelDir, BenchOptions o, Device device) : IDisposable
{
    private readonly LanguageModel lm = LanguageModel.Load(modelDir, device, DTypeExtensions.ParseFloat(o.DType));

    public void Dispose() => lm.Dispose();

    public Measurement Measure(long[][] ids)
    {
        foreach (var p in lm.Model.Parameters.Values) p.RequiresGrad = true;
        var times = new List<double>();
        double loss = 0;
        for (var step = 0; step < o.Warmup + o.Steps; step++)
        {
            var clock = Stopwatch.StartNew();
            using (Torch.Torch.NewDisposeScope())
            {
                var l = NextTokenLoss(ids);
                l.Backward();
                foreach (var p in lm.Model.Parameters.Values) p.ZeroGrad();
                loss = l.ItemDouble();   // also waits for the device
            }
            if (step >= o.Warmup) times.Add(clock.Elapsed.TotalSeconds);
            Console.Error.Write($"\rsamsara train step {step + 1}/{o.Warmup + o.Steps}");
        }
        Console.Error.WriteLine();
        foreach (var p in lm.Model.Parameters.Values) p.RequiresGrad = false;

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
        return new Measurement(Median(times), loss, tokens, generation);
    }

    private Tensor NextTokenLoss(long[][] ids)
    {
        int b = ids.Length, t = ids[0].Length - 1;
        var inputs = Torch.Torch.FromSpan<long>(ids.SelectMany(r => r.Take(t)).ToArray(), [b, t], device);
        var targets = Torch.Torch.FromSpan<long>(ids.SelectMany(r => r.Skip(1)).ToArray(), [b, t], device);
        var positions = Torch.Torch.Arange(0, t, device: device).Unsqueeze(0).Expand(b, t);
        var logits = lm.Model.Forward(inputs, positions).To(DType.Float32);
        return -NN.LogSoftmax(logits, -1).Gather(-1, targets.Unsqueeze(-1)).Mean();
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
