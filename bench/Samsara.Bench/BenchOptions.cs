using System.Globalization;

namespace Samsara.Bench;

/// <summary>The benchmark's knobs, as `--name value` pairs; the defaults are the small model.</summary>
internal sealed record BenchOptions
{
    public int Layers { get; init; } = 4;
    public int Hidden { get; init; } = 256;
    public int Heads { get; init; } = 8;
    public int KvHeads { get; init; } = 4;
    public int Intermediate { get; init; } = 688;
    public int Vocab { get; init; } = 4096;
    public int Seq { get; init; } = 256;
    public int Batch { get; init; } = 8;
    public int Steps { get; init; } = 10;
    public int Rounds { get; init; } = 3;
    public int Warmup { get; init; } = 3;
    public int PromptLength { get; init; } = 32;
    public int GenTokens { get; init; } = 64;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public string Device { get; init; } = "cpu";
    public string DType { get; init; } = "float32";
    /// <summary>Dense peak of the accelerator in TFLOP/s, for model FLOP utilisation (H100 SXM bf16: 989).</summary>
    public double PeakTflops { get; init; }
    public string? Out { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            var v = args[i + 1];
            int Int() => int.Parse(v, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--layers" => o with { Layers = Int() },
                "--hidden" => o with { Hidden = Int() },
                "--heads" => o with { Heads = Int() },
                "--kv-heads" => o with { KvHeads = Int() },
                "--intermediate" => o with { Intermediate = Int() },
                "--vocab" => o with { Vocab = Int() },
                "--seq" => o with { Seq = Int() },
                "--batch" => o with { Batch = Int() },
                "--steps" => o with { Steps = Int() },
                "--rounds" => o with { Rounds = Int() },
                "--warmup" => o with { Warmup = Int() },
                "--prompt-length" => o with { PromptLength = Int() },
                "--gen-tokens" => o with { GenTokens = Int() },
                "--threads" => o with { Threads = Int() },
                "--device" => o with { Device = v },
                "--dtype" => o with { DType = v },
                "--peak-tflops" => o with { PeakTflops = double.Parse(v, CultureInfo.InvariantCulture) },
                "--out" => o with { Out = v },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
