using Samsara.Alignment.Metrics;

namespace Samsara.Alignment.Tests.Metrics;

public sealed class WinRatesTests
{
    private static List<PairwiseVerdict> Verdicts(string category, int wins, int ties, int losses) =>
    [
        .. Enumerable.Repeat(new PairwiseVerdict(category, Verdict.A), wins),
        .. Enumerable.Repeat(new PairwiseVerdict(category, Verdict.Tie), ties),
        .. Enumerable.Repeat(new PairwiseVerdict(category, Verdict.B), losses),
    ];

    [Fact]
    public void Rates_count_a_tie_as_half_per_category_and_overall()
    {
        // math: (3 + ½·2) / 6 = 4/6; coding: (1 + ½·1) / 4 = 1.5/4; overall (4 + ½·3) / 10 = 0.55.
        var report = WinRates.Compute([.. Verdicts("math", 3, 2, 1), .. Verdicts("coding", 1, 1, 2)]);
        Assert.Equal(["coding", "math"], report.ByCategory.Keys);
        Assert.Equal(4.0 / 6, report.ByCategory["math"].Rate, 12);
        Assert.Equal(1.5 / 4, report.ByCategory["coding"].Rate, 12);
        Assert.Equal(0.55, report.Overall.Rate, 12);
        Assert.Equal(new WinRate(10, 4, 3, 3, report.Overall.Rate, report.Overall.Lower, report.Overall.Upper), report.Overall);
        Assert.Equal((6, 3, 2, 1), (report.ByCategory["math"].Count, report.ByCategory["math"].Wins, report.ByCategory["math"].Ties, report.ByCategory["math"].Losses));
    }

    [Fact]
    public void The_interval_holds_the_estimate_and_narrows_with_more_data()
    {
        var small = WinRates.Compute(Verdicts("x", 6, 2, 4)).Overall;
        var large = WinRates.Compute(Verdicts("x", 600, 200, 400)).Overall;
        foreach (var w in new[] { small, large })
        {
            Assert.Equal(7.0 / 12, w.Rate, 12);
            Assert.InRange(w.Rate, w.Lower, w.Upper);
            Assert.True(w.Lower < w.Rate && w.Rate < w.Upper, $"[{w.Lower}, {w.Upper}] is degenerate");
        }
        // The width shrinks as 1/√n: 100× the data, about a tenth of the width.
        var ratio = (large.Upper - large.Lower) / (small.Upper - small.Lower);
        Assert.InRange(ratio, 0.07, 0.14);
    }

    [Fact]
    public void The_interval_matches_the_normal_approximation_on_much_data()
    {
        // 1,000 items at p = 0.5 with no ties: standard error √(0.25/1000) ≈ 0.0158, so 95% ≈ ±0.031.
        var w = WinRates.Compute(Verdicts("x", 500, 0, 500), resamples: 4000, seed: 3).Overall;
        Assert.InRange(w.Upper - w.Rate, 0.027, 0.035);
        Assert.InRange(w.Rate - w.Lower, 0.027, 0.035);
    }

    [Fact]
    public void All_wins_give_the_interval_one_to_one_and_all_losses_zero_to_zero()
    {
        var wins = WinRates.Compute(Verdicts("math", 20, 0, 0)).Overall;
        Assert.Equal((1.0, 1.0, 1.0), (wins.Rate, wins.Lower, wins.Upper));
        var losses = WinRates.Compute(Verdicts("math", 0, 0, 20)).Overall;
        Assert.Equal((0.0, 0.0, 0.0), (losses.Rate, losses.Lower, losses.Upper));
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_categories_do_not_affect_each_other()
    {
        var math = Verdicts("math", 7, 3, 5);
        var alone = WinRates.Compute(math, seed: 11);
        var withOthers = WinRates.Compute([.. math, .. Verdicts("coding", 2, 0, 9)], seed: 11);
        Assert.Equal(alone.ByCategory["math"], withOthers.ByCategory["math"]);
        Assert.Equal(alone.Overall, WinRates.Compute(math, seed: 11).Overall);
        Assert.NotEqual(alone.Overall, WinRates.Compute(math, seed: 12).Overall);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WinRates.Compute([]));
        Assert.Throws<ArgumentException>(() => WinRates.Compute(Verdicts("x", 1, 0, 0), resamples: 0));
        Assert.Throws<ArgumentException>(() => WinRates.Compute(Verdicts("x", 1, 0, 0), confidence: 1));
    }
}
