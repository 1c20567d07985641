using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics;

namespace Samsara.Judging.Reports;

/// <summary>The held-out MI table of a run report and its report.json form: per model, both estimates with CIs, and the SAMI models' gains.</summary>
public static class HeldOutMiReport
{
    public static void AppendTable(StringBuilder md, IReadOnlyList<HeldOutMi> models)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(models);
        md.Append("\n| model | held-out MI lower bound [95% CI] | gain over start | paper's MI estimate [95% CI] | gain over start | prompts |\n");
        md.Append("|---|---|---|---|---|---:|\n");
        foreach (var m in models)
            md.Append(CultureInfo.InvariantCulture,
                $"| {m.Model} | {I(m.LowerBound)} | {Gain(m.Gain, g => g.LowerBound)} | {I(m.Estimate)} | {Gain(m.Gain, g => g.Estimate)} | {m.Queries} |\n");
        md.Append("\nHeld-out MI (nats): the teacher's answers to the held-out prompts under all 4 constitutions of their category, scored by each " +
                  "model. Lower bound: log C − SAMI loss (per-token means; at most log 4 ≈ 1.386). Paper's estimate: log p(y_j|c_j) − mean_k " +
                  "log p(y_j|c_k), summed log-probs. Gains are paired over prompts, against the model SAMI started from.\n");
    }

    public static JsonObject ToJson(IReadOnlyList<HeldOutMi> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return new JsonObject(models.Select(m =>
        {
            var item = new JsonObject { ["prompts"] = m.Queries, ["lower_bound"] = J(m.LowerBound), ["estimate"] = J(m.Estimate) };
            if (m.Gain is { } g) item["gain"] = new JsonObject { ["from"] = g.From, ["lower_bound"] = J(g.LowerBound), ["estimate"] = J(g.Estimate) };
            return KeyValuePair.Create(m.Model, (JsonNode?)item);
        }));
    }

    private static JsonObject J(MeanInterval m) => new() { ["mean"] = m.Mean, ["ci"] = new JsonArray(m.Lower, m.Upper) };

    private static string I(MeanInterval m) => string.Create(CultureInfo.InvariantCulture, $"{m.Mean:0.000} [{m.Lower:0.000}, {m.Upper:0.000}]");

    private static string Gain(MiGain? gain, Func<MiGain, MeanInterval> pick) =>
        gain is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{pick(gain).Mean:+0.000;-0.000} [{pick(gain).Lower:+0.000;-0.000}, {pick(gain).Upper:+0.000;-0.000}] vs {gain.From}");
}
