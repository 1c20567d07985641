using Samsara.Engine.Scoring;
using Samsara.Torch;

namespace Samsara.Alignment.Losses;

/// <summary>
/// KL(π ‖ π_ref) over the full vocabulary at each scored position, Σ_v π(v)(log π(v) − log π_ref(v)) — the
/// optional regulariser of the SAMI reference trainer — summed per sequence with the count of positions.
/// </summary>
public static class KlPenalty
{
    public static (Tensor Sum, Tensor Count) PerSequence(TokenDistributions policy, TokenDistributions reference)
    {
        var perPosition = (policy.LogProbs.Exp() * (policy.LogProbs - reference.LogProbs)).Sum(-1);   // (B, L)
        return ((perPosition * policy.Mask).Sum(-1), policy.Mask.Sum(-1));
    }
}
