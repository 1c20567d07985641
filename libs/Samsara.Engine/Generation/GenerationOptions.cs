namespace Samsara.Engine.Generation;

/// <summary>How to sample. Temperature 0 is greedy; TopK 0 and TopP 1 turn those filters off.</summary>
public sealed record GenerationOptions
{
    public int MaxNewTokens { get; init; } = 256;
    public double Temperature { get; init; } = 1.0;
    public double TopP { get; init; } = 1.0;
    public int TopK { get; init; }
    /// <summary>Strings that end a response; the response is cut before the first one.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];
    /// <summary>Seeds a generator of the run's own, so the same seed gives the same text whatever else the process does.</summary>
    public ulong? Seed { get; init; }
    /// <summary>Keep going past EOS until MaxNewTokens (for benchmarks and fixed-length sampling, as vLLM's ignore_eos).</summary>
    public bool IgnoreEos { get; init; }
    /// <summary>Prompts decoded together (left-padded, one KV cache).</summary>
    public int BatchSize { get; init; } = 8;

    public void Validate()
    {
        if (MaxNewTokens < 1) throw new ArgumentException($"max new tokens must be at least 1, not {MaxNewTokens}");
        if (Temperature < 0 || double.IsNaN(Temperature)) throw new ArgumentException($"temperature must be ≥ 0, not {Temperature}");
        if (TopP is <= 0 or > 1 || double.IsNaN(TopP)) throw new ArgumentException($"top-p must be in (0, 1], not {TopP}");
        if (TopK < 0) throw new ArgumentException($"top-k must be ≥ 0, not {TopK}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be at least 1, not {BatchSize}");
        if (Stop.Any(string.IsNullOrEmpty)) throw new ArgumentException("stop strings must not be empty");
    }
}
