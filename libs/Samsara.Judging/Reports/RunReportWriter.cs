using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics;
using Samsara.Engine;

namespace Samsara.Judging.Reports;

/// <summary>
/// A whole run's report directory: <c>report.md</c> (a summary table — win rates per comparison, pass@k per model,
/// MI bounds — then every comparison's section as <see cref="ReportWriter"/> writes it, and the pass@k table),
/// <c>report.json</c> (every number), and, when judges called endpoints, their calls, tokens and cost
/// (<see cref="UsageReport"/>); one <c>winrates-….svg</c> per comparison and <c>passatk.svg</c>. Files are
/// written atomically, report.json last, so a report.json on disk means the report is complete.
/// </summary>
public static class RunReportWriter
{
    public const string SummaryFile = "summary.md";

    /// <summary>
    /// Writes the report; <paramref name="extra"/> fields are added to report.json's top level; <paramref name="usage"/>
    /// (the judge endpoints' calls and tokens) becomes a section of report.md and report.json's <c>endpoint_usage</c>.
    /// Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<RunComparison> comparisons, IReadOnlyList<EvalCurve> evals,
        IReadOnlyList<MiBounds> mi, string extractor, JsonObject? extra = null, IReadOnlyList<HeldOutMi>? heldOutMi = null,
        IReadOnlyList<EndpointUsage>? usage = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(evals);
        ArgumentNullException.ThrowIfNull(mi);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        foreach (var c in comparisons) Put(ChartOf(c), WinRateChart.Render(c.Summary));
        if (evals.Count > 0) Put(ReportWriter.PassAtKChartFile, PassAtKChart.Render(evals));
        var summary = Summary(comparisons, evals, mi, extractor, heldOutMi);
        Put(SummaryFile, summary);
        Put(ReportWriter.MarkdownFile, Markdown(summary, comparisons, evals, usage ?? []));
        var json = ToJson(comparisons, evals, mi, heldOutMi);
        if (usage is { Count: > 0 }) json[UsageReport.JsonField] = UsageReport.ToJson(usage);
        foreach (var (key, value) in extra ?? []) json[key] = value?.DeepClone();
        Put(ReportWriter.JsonFile, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return written;
    }

    public static string ChartOf(RunComparison comparison) => $"winrates-{comparison?.Slug}.svg";

    public static JsonObject ToJson(IReadOnlyList<RunComparison> comparisons, IReadOnlyList<EvalCurve> evals, IReadOnlyList<MiBounds> mi,
                                    IReadOnlyList<HeldOutMi>? heldOutMi = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(mi);
        var json = new JsonObject
        {
            ["comparisons"] = new JsonArray([.. comparisons.Select(c =>
            {
                var item = ReportWriter.ToJson(c.Summary, [])["judgements"]!.AsObject();
                item.Insert(0, "experiment", c.Experiment);
                item.Insert(1, "kind", c.Kind);
                item["chart"] = ChartOf(c);
                return (JsonNode)item.DeepClone();
            })]),
            ["mi_lower_bound"] = new JsonObject(mi.Select(m => KeyValuePair.Create(m.Model,
                (JsonNode?)new JsonObject { ["before"] = m.Before, ["after"] = m.After, ["steps"] = m.Steps }))),
        };
        if (heldOutMi is { Count: > 0 }) json["heldout_mi"] = HeldOutMiReport.ToJson(heldOutMi);
        if (ReportWriter.ToJson(null, evals)["evals"] is { } e) json["evals"] = e.DeepClone();
        return json;
    }

    /// <summary>The headline tables: win rate of A per comparison (per category and overall with its CI), pass@k per model, MI bounds
    /// from the training logs and, when measured, on held-out data.</summary>
    public static string Summary(IReadOnlyList<RunComparison> comparisons, IReadOnlyList<EvalCurve> evals, IReadOnlyList<MiBounds> mi, string extractor,
                                 IReadOnlyList<HeldOutMi>? heldOutMi = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(evals);
        ArgumentNullException.ThrowIfNull(mi);
        var md = new StringBuilder();
        if (comparisons.Count > 0)
        {
            var categories = comparisons.SelectMany(c => c.Summary.WinRates.ByCategory.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            md.Append("| exp | comparison (A vs B) | judge | kind | n | " + string.Join(" | ", categories) + " | win rate of A [95% CI] |\n");
            md.Append("|---|---|---|---|---:|" + string.Concat(categories.Select(_ => "---:|")) + "---|\n");
            foreach (var c in comparisons)
            {
                var s = c.Summary;
                md.Append(CultureInfo.InvariantCulture, $"| {c.Experiment} | {s.ModelA} vs {s.ModelB} | {s.Judge.Split(':')[0]} | {c.Kind} | {s.WinRates.Overall.Count} | ");
                md.Append(string.Join(" | ", categories.Select(k => s.WinRates.ByCategory.TryGetValue(k, out var r) ? P(r.Rate) : "–")));
                md.Append(CultureInfo.InvariantCulture, $" | **{P(s.WinRates.Overall.Rate)}** [{P(s.WinRates.Overall.Lower)}, {P(s.WinRates.Overall.Upper)}] |\n");
            }
        }
        if (evals.Count > 0) AccuracyTable(md, evals, extractor);
        if (mi.Count > 0)
        {
            md.Append("\n| SAMI model | MI lower bound, first step | MI lower bound, last steps | steps |\n|---|---:|---:|---:|\n");
            foreach (var m in mi)
                md.Append(CultureInfo.InvariantCulture, $"| {m.Model} | {m.Before:0.000} | {m.After:0.000} | {m.Steps} |\n");
        }
        if (heldOutMi is { Count: > 0 }) HeldOutMiReport.AppendTable(md, heldOutMi);
        return md.ToString();
    }

    // One row per model: the greedy pass@1 (its "-t0" evaluation) beside the sampled pass@k, under one extractor.
    private static void AccuracyTable(StringBuilder md, IReadOnlyList<EvalCurve> evals, string extractor)
    {
        const string Greedy = "-t0";
        var sampled = evals.Where(e => !e.Label.EndsWith(Greedy, StringComparison.Ordinal)).ToList();
        var byLabel = evals.ToDictionary(e => e.Label, StringComparer.Ordinal);
        var ks = sampled.SelectMany(e => e.ByExtractor.TryGetValue(extractor, out var p) ? p.Select(x => x.K) : []).Distinct().Order().ToList();
        var n = sampled.Select(e => e.Samples).DefaultIfEmpty(0).Max();
        md.Append("\n| model | pass@1, T = 0 | " + string.Join(" | ", ks.Select(k => string.Create(CultureInfo.InvariantCulture, $"pass@{k}, T > 0 (n = {n})"))) + " | questions |\n");
        md.Append("|---|---:|" + string.Concat(ks.Select(_ => "---:|")) + "---:|\n");
        foreach (var e in sampled)
        {
            var greedy = byLabel.TryGetValue(e.Label + Greedy, out var g) && g.ByExtractor.TryGetValue(extractor, out var gp) ? P(gp.First(p => p.K == 1).PassAtK) : "–";
            var points = e.ByExtractor.TryGetValue(extractor, out var ps) ? ps : [];
            md.Append(CultureInfo.InvariantCulture, $"| {e.Label} | {greedy} | ")
              .Append(string.Join(" | ", ks.Select(k => points.Where(p => p.K == k).Select(p => P(p.PassAtK)).FirstOrDefault() ?? "–")))
              .Append(CultureInfo.InvariantCulture, $" | {e.Questions} |\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"\nAccuracy: answers read by the `{extractor}` extractor.\n");
    }

    private static string Markdown(string summary, IReadOnlyList<RunComparison> comparisons, IReadOnlyList<EvalCurve> evals, IReadOnlyList<EndpointUsage> usage)
    {
        var md = new StringBuilder("# Samsara run report\n\n## Summary\n\n").Append(summary);
        foreach (var group in comparisons.GroupBy(c => c.Experiment))
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## Experiment {group.Key}\n");
            foreach (var c in group)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n### {c.Kind}: {c.Summary.ModelA} vs {c.Summary.ModelB} ({c.Summary.Judge})\n");
                ReportWriter.AppendJudgements(md, c.Summary, ChartOf(c), "####");
            }
        }
        if (evals.Count > 0) ReportWriter.AppendEvals(md, evals, ReportWriter.PassAtKChartFile);
        if (usage.Count > 0) UsageReport.AppendSection(md, usage);
        return md.ToString();
    }

    private static string P(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture);
}
