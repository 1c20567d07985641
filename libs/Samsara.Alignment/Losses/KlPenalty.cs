using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Losses;

/// <summary>
/// KL(π ‖ π_ref) over the full vocabulary at each scored position, Σ_v π(v)(log π(v) − log π_ref(v)) — the
/// optional regulariser of the SAMI reference trainer — summed per sequence with the count of positions.
/// </summary>
public static class KlPenalty
{
    public static (Tensor Sum, Tensor Count) PerSequence(TokenDistributions policy, TokenDistributions reference)
    {
        var perPosition = (policy.LogProbs.exp() * (policy.LogProbs - reference.LogProbs)).sum(-1);   // (B, L)
        return ((perPosition * policy.Mask).sum(-1), policy.Mask.sum(-1));
    }
}
