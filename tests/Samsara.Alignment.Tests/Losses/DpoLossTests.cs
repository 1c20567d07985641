using Samsara.Alignment.Losses;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Losses;

public class DpoLossTests
{
    [Fact]
    public void Matches_the_hand_derived_case()
    {
        // β = 0.5; policy chosen −1, rejected −3; reference both −2.
        // Log-ratios: chosen +1, rejected −1 → rewards +0.5, −0.5; loss = −log σ(0.5·2) = log(1 + e⁻¹) = 0.313262.
        using var scope = torch.NewDisposeScope();
        var output = new DpoLoss(0.5).Compute(
            HostTensors.FromArray([-1f], 1), HostTensors.FromArray([-3f], 1),
            HostTensors.FromArray([-2f], 1), HostTensors.FromArray([-2f], 1));
        Assert.Equal(0.313262, output.Loss.ToDouble(), 1e-5);
        Assert.Equal(0.5, output.ChosenReward.ToDouble(), 6);
        Assert.Equal(-0.5, output.RejectedReward.ToDouble(), 6);
        Assert.Equal(1.0, output.Margin.ToDouble(), 6);
        Assert.Equal(1.0, output.Correct.ToDouble());
    }

    [Fact]
    public void A_policy_equal_to_its_reference_costs_log_2_and_is_never_counted_correct()
    {
        using var scope = torch.NewDisposeScope();
        var same = HostTensors.FromArray([-4f, -7f], 2);
        var output = new DpoLoss(0.1).Compute(same, same, same, same);
        Assert.All(output.Loss.ToArray<float>(), l => Assert.Equal(Math.Log(2), l, 5));
        Assert.Equal(0.0, output.Correct.sum().ToDouble());
    }

    [Fact]
    public void Beta_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() => new DpoLoss(0));
    }
}
