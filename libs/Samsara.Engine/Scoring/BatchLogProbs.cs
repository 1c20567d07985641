using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Scoring;

/// <summary>
/// Per-pair log-probabilities as tensors (B), carrying gradients when grad mode is on: Sum, Count (scored tokens),
/// Mean = Sum / Count; and Tokens, the real (unpadded) tokens the forward pass read, for throughput.
/// </summary>
public sealed record BatchLogProbs(Tensor Sum, Tensor Count, long Tokens)
{
    public Tensor Mean => Sum / Count;
}
