using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics;
using Samsara.Engine;

namespace Samsara.Judging.Reports;

/// <summary>
/// Writes a report directory: <c>report.json</c> (every number), <c>report.md</c> (the same as tables, linking the
/// charts), <c>winrates.svg</c> when there are judgements and <c>passatk.svg</c> when there are evaluations. Each
/// file is written atomically, so a failed report leaves whole files or none.
/// </summary>
public static class ReportWriter
{
    public const string JsonFile = "report.json";
    public const string MarkdownFile = "report.md";
    public const string WinRateChartFile = "winrates.svg";
    public const string PassAtKChartFile = "passatk.svg";

    /// <summary>The files written, in order.</summary>
    public static IReadOnlyList<string> Write(string directory, JudgementSummary? judgements, IReadOnlyList<EvalCurve> evals)
    {
        ArgumentNullException.ThrowIfNull(evals);
        if (judgements is null && evals.Count == 0) throw new ArgumentException("nothing to report: give judgements, evaluations or both");
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        if (judgements is not null) Put(WinRateChartFile, WinRateChart.Render(judgements));
        if (evals.Count > 0) Put(PassAtKChartFile, PassAtKChart.Render(evals));
        Put(JsonFile, ToJson(judgements, evals).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Put(MarkdownFile, ToMarkdown(judgements, evals));
        return written;
    }

    public static JsonObject ToJson(JudgementSummary? judgements, IReadOnlyList<EvalCurve> evals)
    {
        ArgumentNullException.ThrowIfNull(evals);
        var json = new JsonObject();
        if (judgements is { } s)
        {
            json["judgements"] = new JsonObject
            {
                ["model_a"] = s.ModelA,
                ["model_b"] = s.ModelB,
                ["judge"] = s.Judge,
                ["prompt_version"] = s.PromptVersion,
                ["protocol"] = s.Protocol,
                ["bootstrap"] = new JsonObject { ["resamples"] = s.WinRates.Resamples, ["seed"] = s.WinRates.Seed, ["confidence"] = s.WinRates.Confidence },
                ["overall"] = Rate(s.WinRates.Overall, s.Overall),
                ["by_category"] = new JsonObject(s.WinRates.ByCategory.Select(p =>
                    KeyValuePair.Create(p.Key, (JsonNode?)Rate(p.Value, s.ByCategory[p.Key])))),
            };
        }
        if (evals.Count > 0)
        {
            json["evals"] = new JsonArray(evals.Select(e => (JsonNode)new JsonObject
            {
                ["label"] = e.Label,
                ["source"] = Path.GetFullPath(e.Source),
                ["questions"] = e.Questions,
                ["n"] = e.Samples,
                ["pass_at_k"] = new JsonObject(e.ByExtractor.Select(x => KeyValuePair.Create(x.Key,
                    (JsonNode?)new JsonObject(x.Value.Select(p => KeyValuePair.Create(p.K.ToString(CultureInfo.InvariantCulture), (JsonNode?)p.PassAtK)))))),
            }).ToArray());
        }
        return json;
    }

    private static JsonObject Rate(WinRate rate, Problems problems) => new()
    {
        ["n"] = rate.Count,
        ["wins"] = rate.Wins,
        ["ties"] = rate.Ties,
        ["losses"] = rate.Losses,
        ["win_rate"] = rate.Rate,
        ["ci_lower"] = rate.Lower,
        ["ci_upper"] = rate.Upper,
        ["items_with_parse_failure"] = problems.ItemsWithParseFailure,
        ["unparsed_calls"] = problems.UnparsedCalls,
        ["calls"] = problems.Calls,
        ["inconsistent"] = problems.Inconsistent,
    };

    public static string ToMarkdown(JudgementSummary? judgements, IReadOnlyList<EvalCurve> evals)
    {
        ArgumentNullException.ThrowIfNull(evals);
        var md = new StringBuilder("# Samsara evaluation report\n");
        if (judgements is not null) AppendJudgements(md, judgements, WinRateChartFile);
        if (evals.Count > 0) AppendEvals(md, evals, PassAtKChartFile);
        return md.ToString();
    }

    /// <summary>One comparison's section: its judge, protocol and a row per category and overall, linking <paramref name="chartFile"/>.</summary>
    public static void AppendJudgements(StringBuilder md, JudgementSummary s, string chartFile, string level = "##")
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(s);
        md.Append(CultureInfo.InvariantCulture, $"""

            {level} Pairwise judgements: {s.ModelA} (A) vs {s.ModelB} (B)

            Judge `{s.Judge}`, prompt `{s.PromptVersion}`, protocol `{s.Protocol}`. Win rate of A = (wins + ½ ties) / n;
            a parse failure or (both orders) a disagreement counts as a tie and is also counted in its own column.
            {F(s.WinRates.Confidence * 100, "0.#")}% bootstrap CIs, {s.WinRates.Resamples} resamples, seed {s.WinRates.Seed}.

            ![win rates]({chartFile})

            | category | n | A wins | ties | B wins | win rate (A) | CI | parse failures (items / calls) | inconsistent |
            |---|---:|---:|---:|---:|---:|---|---:|---:|

            """);
        foreach (var (category, rate) in s.WinRates.ByCategory) Row(md, category, rate, s.ByCategory[category]);
        Row(md, "**overall**", s.WinRates.Overall, s.Overall);
    }

    /// <summary>The pass@k table of the evaluations, linking <paramref name="chartFile"/>.</summary>
    public static void AppendEvals(StringBuilder md, IReadOnlyList<EvalCurve> evals, string chartFile)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(evals);
        md.Append($"\n## Accuracy (pass@k)\n\n![pass@k]({chartFile})\n\n| evaluation | extractor | questions | n | " +
                  string.Join(" | ", evals.SelectMany(e => e.ByExtractor.Values).SelectMany(v => v.Select(p => p.K)).Distinct().Order().Select(k => $"pass@{k}")) + " |\n");
        var ks = evals.SelectMany(e => e.ByExtractor.Values).SelectMany(v => v.Select(p => p.K)).Distinct().Order().ToList();
        md.Append("|---|---|---:|---:|" + string.Concat(ks.Select(_ => "---:|")) + "\n");
        foreach (var e in evals)
            foreach (var (extractor, points) in e.ByExtractor)
                md.Append(CultureInfo.InvariantCulture, $"| {e.Label} | {extractor} | {e.Questions} | {e.Samples} | ")
                  .Append(string.Join(" | ", ks.Select(k => points.Where(p => p.K == k).Select(p => F(p.PassAtK, "0.0000")).FirstOrDefault() ?? "–")))
                  .Append(" |\n");
    }

    private static void Row(StringBuilder md, string name, WinRate rate, Problems problems) =>
        md.Append(CultureInfo.InvariantCulture,
            $"| {name} | {rate.Count} | {rate.Wins} | {rate.Ties} | {rate.Losses} | {F(rate.Rate, "0.000")} | [{F(rate.Lower, "0.000")}, {F(rate.Upper, "0.000")}] | {problems.ItemsWithParseFailure} / {problems.UnparsedCalls} | {problems.Inconsistent} |\n");

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
