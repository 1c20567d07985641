using Samsara.Alignment.Metrics;

namespace Samsara.Judging.Reports;

/// <summary>
/// What a judgements file says: model A's win rates (per category and overall, with bootstrap CIs, from
/// <see cref="WinRates"/>) and, beside them, how many items carried a parse failure, how many judge calls failed to
/// parse, and how many both-orders items were inconsistent — all of which are already counted as ties in the rates.
/// </summary>
public sealed record JudgementSummary(
    string ModelA,
    string ModelB,
    string Judge,
    string PromptVersion,
    string Protocol,
    WinRateReport WinRates,
    Problems Overall,
    IReadOnlyDictionary<string, Problems> ByCategory)
{
    public static JudgementSummary Compute(IReadOnlyList<JudgementRecord> records, int resamples = Alignment.Metrics.WinRates.DefaultResamples, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) throw new ArgumentException("a summary needs at least one judgement");
        string One(Func<JudgementRecord, string> field, string what)
        {
            var values = records.Select(field).Distinct(StringComparer.Ordinal).ToList();
            return values.Count == 1 ? values[0]
                : throw new ArgumentException($"the judgements mix {values.Count} {what}s ({string.Join(", ", values.Take(4).Select(v => $"'{v}'"))}); report one comparison at a time");
        }
        var rates = Alignment.Metrics.WinRates.Compute(records.Select(r => new PairwiseVerdict(r.Category, r.Verdict)).ToList(), resamples, seed);
        var byCategory = new SortedDictionary<string, Problems>(
            records.GroupBy(r => r.Category, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Problems.Of(g.ToList()), StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new JudgementSummary(One(r => r.ModelA, "model A"), One(r => r.ModelB, "model B"), One(r => r.Judge, "judge"),
            One(r => r.PromptVersion, "prompt version"), One(r => r.Protocol.ToWireName(), "protocol"), rates, Problems.Of(records), byCategory);
    }
}

/// <summary>Items with at least one unparsed call, unparsed calls, calls in all, and inconsistent both-orders items.</summary>
public sealed record Problems(int ItemsWithParseFailure, int UnparsedCalls, int Calls, int Inconsistent)
{
    public static Problems Of(IReadOnlyCollection<JudgementRecord> records) => new(
        records.Count(r => r.ParseFailures > 0),
        records.Sum(r => r.ParseFailures),
        records.Sum(r => r.Calls.Count),
        records.Count(r => r.Inconsistent));
}
