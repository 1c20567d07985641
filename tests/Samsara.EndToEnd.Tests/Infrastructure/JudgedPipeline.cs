using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Api.V1;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A run whose evaluation judges: SAMI trained on the tiny model, so SAMI is compared with the base on
/// <see cref="Items"/> held-out prompts under the rubric (or the judge given) and the teacher's principle-free judge (in batches of the
/// gateway's <c>Runs:JudgeBatchItems</c>, 16), and held-out MI is measured: about twenty evaluation tasks.
/// </summary>
public static class JudgedPipeline
{
    public const int Items = 48;

    public static RunSpec Spec(string artifacts, string judge = "rubric")
    {
        var file = $"data/judged-{Items}.jsonl";
        var path = Path.Combine(artifacts, file);
        if (!File.Exists(path))
        {
            string[] categories = ["writing", "math", "coding"];
            Engine.AtomicFile.WriteAllText(path, string.Concat(Enumerable.Range(0, Items).Select(i =>
                $$"""{"id": "h{{i}}", "category": "{{categories[i % 3]}}", "prompt": "Describe the weather on day {{i}}."}""" + "\n")));
        }
        var spec = TinyPipeline.Spec(artifacts, prompts: 4, shardSize: 4,
            new TrainingSpec { Algorithm = Algorithm.Sami, LearningRate = 1e-4, Steps = 2, BatchQueries = 1, MicroBatch = 1 });
        spec.EvalPrompts = new PromptSet { Path = file };
        spec.Evaluation.Judges.Add(judge);
        return spec;
    }

    /// <summary>
    /// Every comparison of the run's report judged each of the <see cref="Items"/> items exactly once: the report counts
    /// them, and its judgements file holds each item's id once.
    /// </summary>
    public static void AssertEachItemJudgedOnce(string runDirectory)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, "eval", "report.json")))!;
        var comparisons = report["comparisons"]!.AsArray();
        Assert.Equal(2, comparisons.Count);   // sami vs base: the spec's judge (principle-based) and the teacher (principle-free)
        Assert.All(comparisons, c => Assert.Equal(Items, c!["overall"]!["n"]!.GetValue<int>()));
        foreach (var file in Directory.GetFiles(Path.Combine(runDirectory, "eval", "judgements"), "*.jsonl"))
        {
            var ids = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
            Assert.True(ids.Count == Items && ids.Distinct().Count() == Items, $"{Path.GetFileName(file)}: {ids.Count} judgements of {ids.Distinct().Count()} items, not {Items} once each");
        }
    }
}
