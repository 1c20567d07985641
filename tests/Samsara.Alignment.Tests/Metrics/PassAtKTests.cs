using Samsara.Alignment.Metrics;

namespace Samsara.Alignment.Tests.Metrics;

public sealed class PassAtKTests
{
    // C(a, b) exactly, for checking the product form against the definition.
    private static double Binomial(int a, int b)
    {
        if (b < 0 || b > a) return 0;
        var result = 1.0;
        for (var i = 1; i <= b; i++) result = result * (a - b + i) / i;
        return result;
    }

    [Theory]
    [InlineData(5, 2, 1, 0.4)]                          // pass@1 is the share correct
    [InlineData(5, 2, 2, 0.7)]                          // 1 − C(3,2)/C(5,2) = 1 − 3/10
    [InlineData(5, 2, 5, 1.0)]                          // k = n: any correct one is among the k
    [InlineData(5, 0, 5, 0.0)]
    [InlineData(10, 0, 3, 0.0)]                         // c = 0
    [InlineData(10, 10, 3, 1.0)]                        // c = n
    [InlineData(10, 8, 3, 1.0)]                         // n − c < k
    [InlineData(4, 1, 4, 1.0)]
    public void Matches_the_closed_form(int n, int c, int k, double expected) =>
        Assert.Equal(expected, PassAtK.Estimate(n, c, k), 12);

    [Fact]
    public void Equals_the_binomial_definition_everywhere_small()
    {
        for (var n = 1; n <= 20; n++)
            for (var c = 0; c <= n; c++)
                for (var k = 1; k <= n; k++)
                    Assert.Equal(1 - Binomial(n - c, k) / Binomial(n, k), PassAtK.Estimate(n, c, k), 12);
    }

    [Fact]
    public void Stays_finite_where_binomials_overflow_a_double()
    {
        // C(2000, 1000) ≈ 1e600; the product form never builds it.
        Assert.Equal(0.5, PassAtK.Estimate(2000, 1, 1000), 12);
        var nearlyAll = PassAtK.Estimate(2000, 1000, 1000);
        Assert.True(nearlyAll is > 0.999999 and <= 1.0, $"{nearlyAll}");
        Assert.Equal(1e-6, PassAtK.Estimate(1_000_000, 1, 1), 15);
    }

    [Theory]
    [InlineData(3, 1, 4)]                               // k > n
    [InlineData(5, 1, 0)]
    [InlineData(5, 6, 2)]
    [InlineData(5, -1, 2)]
    public void Refuses_impossible_counts(int n, int c, int k) =>
        Assert.Throws<ArgumentException>(() => PassAtK.Estimate(n, c, k));

    [Fact]
    public void Mean_averages_over_questions()
    {
        Assert.Equal((0.4 + 1.0 + 0.0) / 3, PassAtK.Mean([(5, 2), (5, 5), (5, 0)], 1), 12);
        Assert.Throws<ArgumentException>(() => PassAtK.Mean([], 1));
    }

    [Theory]
    [InlineData(0.3, 10, 1)]
    [InlineData(0.3, 10, 5)]
    [InlineData(0.05, 32, 10)]
    [InlineData(0.6, 8, 8)]
    public void Is_unbiased_for_a_known_success_rate(double p, int n, int k)
    {
        // Draw n Bernoulli(p) samples per trial; the estimator's mean must approach 1 − (1 − p)^k.
        var random = new Random(1234);
        const int trials = 200_000;
        var sum = 0.0;
        for (var t = 0; t < trials; t++)
        {
            var c = 0;
            for (var i = 0; i < n; i++) if (random.NextDouble() < p) c++;
            sum += PassAtK.Estimate(n, c, k);
        }
        var truth = 1 - Math.Pow(1 - p, k);
        // The standard error is below 0.5/√trials ≈ 0.0011; 0.004 is > 3.5 of them.
        Assert.InRange(sum / trials, truth - 0.004, truth + 0.004);
    }
}
