using Samsara.Torch;

namespace Samsara.Engine.Scoring;

/// <summary>Per-pair log-probabilities as tensors (B), carrying gradients when grad mode is on: Sum, Count, Mean = Sum / Count.</summary>
public sealed record BatchLogProbs(Tensor Sum, Tensor Count)
{
    public Tensor Mean => Sum / Count;
}
