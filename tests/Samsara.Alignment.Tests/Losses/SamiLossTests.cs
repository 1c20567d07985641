using Samsara.Alignment.Losses;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Losses;

public class SamiLossTests
{
    [Fact]
    public void Matches_the_hand_derived_two_by_two_case()
    {
        // M = [[-1, -2], [-1.5, -0.5]].
        // Rows (softmax over responses): −½[log σ(−1 − (−2)) + log σ(−0.5 − (−1.5))] = −log σ(1) = 0.313262.
        // Columns (softmax over constitutions): −½[log σ(−1 − (−1.5)) + log σ(−0.5 − (−2))] = ½[0.474077 + 0.201413] = 0.337745.
        // L = ½(0.313262 + 0.337745) = 0.325504; MI lower bound = log 2 − L = 0.367643.
        using var scope = torch.NewDisposeScope();
        var output = SamiLoss.Compute(HostTensors.FromArray([-1f, -2f, -1.5f, -0.5f], 1, 2, 2));
        Assert.Equal(0.313262, output.RowLoss.ToDouble(), 1e-5);
        Assert.Equal(0.337745, output.ColumnLoss.ToDouble(), 1e-5);
        Assert.Equal(0.325504, output.Loss.ToDouble(), 1e-5);
        Assert.Equal(0.367643, output.MiLowerBound.ToDouble(), 1e-5);
    }

    [Fact]
    public void A_matrix_that_tells_nothing_costs_log_c()
    {
        using var scope = torch.NewDisposeScope();
        var output = SamiLoss.Compute(torch.full([2, 4, 4], -3.0));
        Assert.Equal([Math.Log(4), Math.Log(4)], output.Loss.ToArray<float>().Select(x => (double)x), new ToleranceComparer(1e-6));
        Assert.Equal(0, output.MiLowerBound.sum().ToDouble(), 6);
    }

    [Fact]
    public void Gradients_push_the_diagonal_up_and_the_rest_down()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.zeros([1, 2, 2]);
        m.requires_grad = true;
        SamiLoss.Compute(m).Loss.sum().backward();
        // At uniform M each diagonal entry gets −½(½ + ½)(1 − ½)... = −0.25 per half; off-diagonal +0.25.
        Assert.Equal([-0.5f, 0.5f, 0.5f, -0.5f], m.grad!.ToArray<float>().Select(g => MathF.Round(g * 2, 5)).ToArray());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
