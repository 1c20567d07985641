using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Losses;

/// <summary>
/// DPO: Direct Preference Optimization (Rafailov et al. 2023, arXiv:2305.18290), on summed response log-probs:
/// L = −log σ(β[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]).
/// The implicit rewards β(log π − log π_ref) of chosen and rejected responses give the reported margin and accuracy.
/// </summary>
public sealed class DpoLoss(double beta)
{
    public double Beta { get; } = beta > 0 ? beta : throw new ArgumentException($"DPO beta must be positive, not {beta}");

    /// <summary>Per-pair losses (B) from policy and reference summed log-probs of chosen and rejected responses (B).</summary>
    public DpoLossOutput Compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected)
    {
        var chosenLogRatio = policyChosen - referenceChosen;
        var rejectedLogRatio = policyRejected - referenceRejected;
        var losses = -(chosenLogRatio - rejectedLogRatio).Times(Beta).log_sigmoid();
        return new DpoLossOutput(losses, chosenLogRatio.Times(Beta).detach(), rejectedLogRatio.Times(Beta).detach());
    }
}

/// <summary>Per-pair DPO losses (B), differentiable, and the implicit rewards (B) of each side.</summary>
public sealed record DpoLossOutput(Tensor Loss, Tensor ChosenReward, Tensor RejectedReward)
{
    /// <summary>Chosen minus rejected reward, per pair.</summary>
    public Tensor Margin => ChosenReward - RejectedReward;

    /// <summary>1 where the chosen response earns the higher reward, else 0, per pair.</summary>
    public Tensor Correct => ChosenReward.gt(RejectedReward).to(ScalarType.Float32);
}
