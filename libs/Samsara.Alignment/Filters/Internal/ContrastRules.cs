using Samsara.Alignment.Datasets;

namespace Samsara.Alignment.Filters.Internal;

/// <summary>
/// The positive constitution's response and its antithesis's, as the longer (LR) and shorter (SR) by code points —
/// by length, not by which constitution wrote them, as in the paper's filters.
/// </summary>
internal readonly record struct ContrastPair(int[] Longer, int[] Shorter)
{
    public static ContrastPair Of(GenerationRecord record)
    {
        var a = Levenshtein.CodePoints(record.Responses[record.PositiveIndex]);
        var b = Levenshtein.CodePoints(record.Responses[record.AntithesisIndex]);
        return a.Length >= b.Length ? new ContrastPair(a, b) : new ContrastPair(b, a);
    }
}

/// <summary>len(LR) ≥ ratio · len(SR): the two constitutions must have produced clearly different amounts of text.</summary>
internal sealed class LengthRatioRule(double minRatio) : IFilterRule
{
    public string Name => FilterRules.LengthRatio;

    public bool Rejects(GenerationRecord record)
    {
        var pair = ContrastPair.Of(record);
        return pair.Longer.Length < minRatio * pair.Shorter.Length;
    }
}

/// <summary>len(SR) ≥ minimum: a near-empty short response is a failed generation, not a concise one.</summary>
internal sealed class ShortLengthRule(int minChars) : IFilterRule
{
    public string Name => FilterRules.ShortLength;

    public bool Rejects(GenerationRecord record) => ContrastPair.Of(record).Shorter.Length < minChars;
}

/// <summary>
/// levenshtein(LR[:len(SR)], SR) &gt; fraction · len(SR): the long response must not merely be the short one with
/// more text appended. Only the decision is needed, so the distance is computed with a bound.
/// </summary>
internal sealed class PrefixDistanceRule(double minFraction) : IFilterRule
{
    public string Name => FilterRules.PrefixDistance;

    public bool Rejects(GenerationRecord record)
    {
        var pair = ContrastPair.Of(record);
        var n = pair.Shorter.Length;
        // For an integer distance d, d > t exactly when d > ⌊t⌋; Bounded is exact up to ⌊t⌋ and says "more" beyond.
        var threshold = (int)Math.Floor(minFraction * n);
        return Levenshtein.Bounded(pair.Longer.AsSpan(0, n), pair.Shorter, threshold) <= threshold;
    }
}
