namespace Samsara.Endpoints;

/// <summary>The sampling fields of a request. Temperature 0 is greedy; TopK 0 leaves it out (it is a vLLM extension).</summary>
public sealed record EndpointSampling
{
    public double Temperature { get; init; } = 1.0;
    public double TopP { get; init; } = 1.0;
    public int TopK { get; init; }
    public int MaxTokens { get; init; } = 256;
    public IReadOnlyList<string> Stop { get; init; } = [];
    public long? Seed { get; init; }
    /// <summary>vLLM's ignore_eos (and samsara serve's): keep going to MaxTokens. Sent only when true.</summary>
    public bool IgnoreEos { get; init; }
}
