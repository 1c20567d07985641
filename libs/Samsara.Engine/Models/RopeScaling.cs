namespace Samsara.Engine.Models;

/// <summary>
/// The `rope_scaling` block of a Hugging Face config: "linear" (positions divided by Factor) or "llama3"
/// (Llama 3.1's frequency-dependent interpolation between LowFreqFactor and HighFreqFactor).
/// </summary>
public sealed record RopeScaling(
    string Type,
    double Factor,
    double LowFreqFactor = 1,
    double HighFreqFactor = 4,
    int OriginalMaxPositionEmbeddings = 8192);
