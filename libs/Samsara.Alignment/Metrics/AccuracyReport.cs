using System.Globalization;
using System.Text.Json.Nodes;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// The result of an accuracy evaluation: pass@k per extractor and k (the mean unbiased estimate over questions), and
/// per extractor the share of samples it found any answer in, which tells a wrong answer from an unreadable one.
/// </summary>
public sealed record AccuracyReport(
    EvalSettings Settings,
    int Questions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> PassAtK,
    IReadOnlyDictionary<string, double> Answered)
{
    /// <summary>The report for <paramref name="samples"/>, which must hold every question's n samples.</summary>
    public static AccuracyReport Compute(EvalSettings settings, IReadOnlyList<EvalQuestion> questions, IReadOnlyList<ScoredSample> samples)
    {
        var byQuestion = samples.ToLookup(s => s.Id, StringComparer.Ordinal);
        var passAtK = new Dictionary<string, IReadOnlyDictionary<int, double>>();
        var answered = new Dictionary<string, double>();
        for (var e = 0; e < AnswerExtractor.All.Count; e++)
        {
            var counts = questions.Select(q =>
            {
                var drawn = byQuestion[q.Id].ToList();
                if (drawn.Count != settings.Samples)
                    throw new InvalidOperationException($"{q.Label} has {drawn.Count} samples, not n = {settings.Samples}");
                return (drawn.Count, drawn.Count(s => s.Correct[e]));
            }).ToList();
            var extractor = AnswerExtractor.All[e];
            passAtK[extractor.Name] = settings.Ks.Distinct().Order().ToDictionary(k => k, k => Metrics.PassAtK.Mean(counts, k));
            answered[extractor.Name] = samples.Count == 0 ? 0 : samples.Average(s => s.Answers[e] is null ? 0.0 : 1.0);
        }
        return new AccuracyReport(settings, questions.Count, passAtK, answered);
    }

    /// <summary>eval.json: the settings, the question count, "pass_at_k": {extractor: {k: value}}, "answered": {extractor: share}.</summary>
    public JsonObject ToJson()
    {
        var json = Settings.SamplingJson();
        json["questions"] = Questions;
        json["k"] = new JsonArray(Settings.Ks.Distinct().Order().Select(k => (JsonNode)k).ToArray());
        var passAtK = new JsonObject();
        foreach (var (name, byK) in PassAtK)
            passAtK[name] = new JsonObject(byK.Select(p => KeyValuePair.Create(p.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)p.Value)));
        json["pass_at_k"] = passAtK;
        json["answered"] = new JsonObject(Answered.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        return json;
    }
}
