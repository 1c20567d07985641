using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Filters.Internal;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Filters;

/// <summary>
/// Keeps the generation lines that make useful contrastive training data (docs/architecture.md §11): every response finished,
/// non-empty and free of banned text; the positive and antithesis responses clearly different.
/// </summary>
public sealed class GenerationFilter
{
    private readonly IFilterRule[] rules;

    public GenerationFilter(FilterConfig config)
    {
        Config = config;
        IFilterRule[] all =
        [
            new TerminationRule(),
            new EmptyRule(),
            new BannedSubstringRule(config.BannedSubstrings, config.BannedIgnoreCase),
            new LengthRatioRule(config.MinLengthRatio),
            new ShortLengthRule(config.MinShortLength),
            new PrefixDistanceRule(config.MinPrefixDistance),
        ];
        rules = all.Where(r => config.IsEnabled(r.Name)).ToArray();
    }

    public FilterConfig Config { get; }

    /// <summary>The enabled rules <paramref name="record"/> fails, in check order; empty means keep it.</summary>
    public IReadOnlyList<string> Failures(GenerationRecord record) =>
        rules.Where(r => r.Rejects(record)).Select(r => r.Name).ToArray();

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (written atomically, lines unchanged).</summary>
    public FilterReport Run(string input, string output)
    {
        var report = new FilterReport(Config);
        var kept = new List<JsonObject>();
        foreach (var record in DatasetReader.ReadGenerations(input))
        {
            var failures = Failures(record);
            report.Add(failures);
            if (failures.Count == 0) kept.Add(record.Source.Object);
        }
        Jsonl.Write(output, kept);
        return report;
    }
}
