using Samsara.Alignment.Metrics.Internal;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// Win rates as the papers report them (docs/architecture.md §11): a win counts 1, a tie ½, a loss 0, averaged per category and
/// over everything, each with a seeded bootstrap percentile interval so two runs on the same verdicts agree.
/// </summary>
public static class WinRates
{
    public const int DefaultResamples = 2000;

    public static WinRateReport Compute(IReadOnlyCollection<PairwiseVerdict> verdicts, int resamples = DefaultResamples, int seed = 0,
                                        double confidence = 0.95)
    {
        if (verdicts.Count == 0) throw new ArgumentException("a win rate needs at least one verdict");
        if (resamples < 1) throw new ArgumentException($"resamples must be at least 1, not {resamples}");
        if (!(confidence is > 0 and < 1)) throw new ArgumentException($"confidence must be in (0, 1), not {confidence}");
        // Each group's interval uses its own generator from the same seed, so adding a category leaves the others' intervals unchanged.
        WinRate Rate(IEnumerable<PairwiseVerdict> group) => Summarize(group.ToList(), resamples, new Random(seed), confidence);
        var byCategory = new SortedDictionary<string, WinRate>(StringComparer.Ordinal);
        foreach (var category in verdicts.GroupBy(v => v.Category, StringComparer.Ordinal))
            byCategory[category.Key] = Rate(category);
        return new WinRateReport(Rate(verdicts), byCategory, resamples, seed, confidence);
    }

    private static WinRate Summarize(List<PairwiseVerdict> group, int resamples, Random random, double confidence)
    {
        var scores = group.Select(v => v.Verdict switch
        {
            Verdict.A => 1.0,
            Verdict.Tie => 0.5,
            Verdict.B => 0.0,
            _ => throw new ArgumentException($"unknown verdict {v.Verdict}"),
        }).ToArray();
        var (lower, upper) = Bootstrap.PercentileInterval(scores, resamples, random, confidence);
        return new WinRate(
            Count: scores.Length,
            Wins: group.Count(v => v.Verdict == Verdict.A),
            Ties: group.Count(v => v.Verdict == Verdict.Tie),
            Losses: group.Count(v => v.Verdict == Verdict.B),
            Rate: scores.Average(),
            Lower: lower,
            Upper: upper);
    }
}
