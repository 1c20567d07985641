using System.Text.Json.Nodes;
using Samsara.Engine.Generation;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// What an accuracy evaluation samples and reports: <see cref="Samples"/> responses per question (n), pass@k for
/// each of <see cref="Ks"/>, and the sampling settings. Defaults are the paper's GSM8K protocol at k = 1
/// (Govande 2024: greedy, top-p 0.9, 500 new tokens).
/// </summary>
public sealed record EvalSettings
{
    public required string Model { get; init; }
    public required string Data { get; init; }
    /// <summary>Only the first this many questions, when set.</summary>
    public int? Limit { get; init; }
    public int Samples { get; init; } = 1;
    public IReadOnlyList<int> Ks { get; init; } = [1];
    public double Temperature { get; init; }
    public double TopP { get; init; } = 0.9;
    public int MaxNewTokens { get; init; } = 500;
    public ulong Seed { get; init; }
    public int BatchSize { get; init; } = 8;

    public void Validate()
    {
        if (Samples < 1) throw new ArgumentException($"--n must be at least 1, not {Samples}");
        if (Ks.Count == 0) throw new ArgumentException("give at least one k");
        foreach (var k in Ks)
        {
            if (k < 1) throw new ArgumentException($"k must be at least 1, not {k}");
            if (k > Samples) throw new ArgumentException($"pass@{k} needs at least {k} samples per question: give --n {k} or more (it is {Samples})");
        }
        if (Limit is < 1) throw new ArgumentException($"--limit must be at least 1, not {Limit}");
        Generation(Seed).Validate();
    }

    /// <summary>The generation options for one chunk of questions, sampled under its own seed.</summary>
    public GenerationOptions Generation(ulong seed) => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        MaxNewTokens = MaxNewTokens,
        Stop = GsmPrompt.Stop,
        Seed = seed,
        BatchSize = BatchSize,
    };

    /// <summary>Everything that decides which samples a run draws (every setting but the k's, which only change the report).</summary>
    public JsonObject SamplingJson() => new()
    {
        ["model"] = Path.GetFullPath(Model),
        ["data"] = Path.GetFullPath(Data),
        ["limit"] = Limit,
        ["n"] = Samples,
        ["temperature"] = Temperature,
        ["top_p"] = TopP,
        ["max_new_tokens"] = MaxNewTokens,
        ["seed"] = Seed,
        ["batch_size"] = BatchSize,
    };
}
