using System.Text.Json.Nodes;
using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>
/// The default run (examples/quickstart.yaml) scaled down: the committed tiny teacher and student, a few task-world
/// prompts and a few steps of every algorithm, then the whole evaluation — every comparison of the papers' two
/// experiments under every judge, accuracy greedy and sampled, MI bounds — and the report with its exact counts.
/// </summary>
public sealed class QuickstartRunTests : IDisposable
{
    private const int JudgedPrompts = 6, AccuracyQuestions = 2, Samples = 2;
    private static readonly string[] Comparisons = ["sftsami-vs-sft", "dpo-vs-sft", "sftsami-vs-dpo", "sftsami-vs-base", "sami-vs-base"];
    private static readonly string[] Judges = ["rubric", "logprob", "logprob-free"];
    private static readonly string[] Models = ["base", "sft", "dpo", "sami", "sftsami"];

    private readonly string dir = Directory.CreateTempSubdirectory("samsara-quickstart-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const string AllTrainings = """
              - { algorithm: SFT, learning_rate: 1e-3, steps: 2, batch_queries: 4, micro_batch: 4 }
              - { algorithm: DPO, learning_rate: 1e-4, steps: 2, batch_queries: 4, micro_batch: 4 }
              - { algorithm: SAMI, learning_rate: 1e-4, steps: 2, batch_queries: 4, micro_batch: 2 }
              - { algorithm: SFT_SAMI, learning_rate: 1e-4, steps: 2, batch_queries: 4, micro_batch: 2 }
            """;

    private string Spec(string judges = "[rubric, logprob]", string trainings = AllTrainings)
    {
        string Repo(string relative) => Path.Combine(RepoPaths.Root, relative);
        var path = Path.Combine(dir, "quickstart-small.yaml");
        File.WriteAllText(path, $"""
            name: quickstart-small
            seed: 1
            teacher: {"{"} path: {Repo("models/tiny-teacher")} {"}"}
            student: {"{"} path: {Repo("models/tiny-student")} {"}"}
            train_prompts: {"{"} path: {Repo("examples/task-world/train-prompts.jsonl")}, limit: 12 {"}"}
            eval_prompts: {"{"} path: {Repo("examples/task-world/heldout-prompts.jsonl")}, limit: {JudgedPrompts} {"}"}
            constitutions: {"{"} principles: {Repo("examples/task-world/principles.json")}, per_prompt: 4, prompt_format: compact {"}"}
            generation: {"{"} temperature: 0, max_new_tokens: 96, shard_size: 6 {"}"}
            filter: {"{"} min_length_ratio: 1.5, min_short_length: 5 {"}"}
            training:
            {trainings}
            evaluation:
              judges: {judges}
              protocol: both
              accuracy_prompts: {"{"} path: {Repo("examples/task-world/heldout-accuracy.jsonl")}, limit: {AccuracyQuestions} {"}"}
              samples: {Samples}
              k: [1, {Samples}]
              temperature: 1.0
            """);
        return path;
    }

    [Fact]
    public void The_scaled_down_default_run_reports_every_comparison_judge_model_and_bound()
    {
        var artifacts = Path.Combine(dir, "artifacts");
        var run = SamsaraProcess.Run("run", Spec(), "--artifacts", artifacts);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("run quickstart-small: completed", run.Stdout);
        // Live progress reached the watcher for the evaluation's parts too, and the summary table was printed.
        Assert.Contains("respond:sftsami", run.Stderr);
        Assert.Contains("judge [", run.Stderr);
        var evaluating = run.Stderr.IndexOf("run quickstart-small: evaluating", StringComparison.Ordinal);
        Assert.InRange(evaluating, 0, run.Stderr.IndexOf("judge [", StringComparison.Ordinal));   // the state changes as evaluation starts
        Assert.Contains("| 1 | sftsami vs sft | rubric | principle-based | 6 |", run.Stdout);

        var eval = Path.Combine(Directory.GetDirectories(Path.Combine(artifacts, "runs")).Single(), "eval");
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(eval, "report.json")))!.AsObject();

        var comparisons = report["comparisons"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(Comparisons.Length * Judges.Length, comparisons.Count);
        foreach (var name in Comparisons)
            foreach (var judge in Judges)
            {
                var slug = $"{name}-{judge}";
                var c = Assert.Single(comparisons, c => (string)c["chart"]! == $"winrates-{slug}.svg");
                Assert.Equal(judge == "logprob-free" ? "principle-free" : "principle-based", (string)c["kind"]!);
                var overall = c["overall"]!.AsObject();
                Assert.Equal(JudgedPrompts, (int)overall["n"]!);
                Assert.Equal(JudgedPrompts, (int)overall["wins"]! + (int)overall["ties"]! + (int)overall["losses"]!);
                Assert.Equal(2 * JudgedPrompts, (int)overall["calls"]!);              // protocol both: two orders per item
                Assert.Equal(["facts", "lists", "math"], c["by_category"]!.AsObject().Select(p => p.Key).Order().ToArray());
                Assert.All(c["by_category"]!.AsObject(), p => Assert.Equal(JudgedPrompts / 3, (int)p.Value!["n"]!));
                Assert.True(File.Exists(Path.Combine(eval, $"winrates-{slug}.svg")), slug);
                Assert.Equal(JudgedPrompts, File.ReadAllLines(Path.Combine(eval, "judgements", slug + ".jsonl")).Length);
            }

        var evals = report["evals"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(Models.SelectMany(m => new[] { m, m + "-t0" }).Order(), evals.Select(e => (string)e["label"]!).Order());
        Assert.All(evals, e => Assert.Equal(AccuracyQuestions, (int)e["questions"]!));
        Assert.All(evals, e => Assert.Equal(((string)e["label"]!).EndsWith("-t0", StringComparison.Ordinal) ? 1 : Samples, (int)e["n"]!));
        foreach (var model in Models)
            Assert.Equal(JudgedPrompts, File.ReadAllLines(Path.Combine(eval, model, "responses.jsonl")).Length);

        var mi = report["mi_lower_bound"]!.AsObject();
        Assert.Equal(["sami", "sftsami"], mi.Select(p => p.Key).Order().ToArray());
        Assert.All(mi, p => Assert.Equal(2, (int)p.Value!["steps"]!));

        // Held-out MI: the teacher's answers to the judged prompts under all 4 constitutions, scored by every model.
        var heldOut = report["heldout_mi"]!.AsObject();
        Assert.Equal([.. Models, "teacher"], heldOut.Select(p => p.Key).ToArray());
        Assert.All(heldOut, p => Assert.Equal(JudgedPrompts, (int)p.Value!["prompts"]!));
        Assert.All(heldOut, p => Assert.InRange((double)p.Value!["lower_bound"]!["mean"]!, -Math.Log(4), Math.Log(4)));
        Assert.Equal("base", (string)heldOut["sami"]!["gain"]!["from"]!);
        Assert.Equal("sft", (string)heldOut["sftsami"]!["gain"]!["from"]!);
        Assert.Null(heldOut["dpo"]!["gain"]);
        Assert.Equal(JudgedPrompts, File.ReadAllLines(Path.Combine(eval, "heldout-mi", "teacher.jsonl")).Length);
        Assert.Contains("| sami | ", File.ReadAllText(Path.Combine(eval, "summary.md")).Split("held-out MI lower bound")[1]);

        foreach (var file in new[] { "report.md", "summary.md", "passatk.svg" })
            Assert.True(File.Exists(Path.Combine(eval, file)), file);
        var markdown = File.ReadAllText(Path.Combine(eval, "report.md"));
        Assert.Contains("## Experiment 1", markdown);
        Assert.Contains("## Experiment 2", markdown);
        // The run's summary metrics carry the headline figures.
        Assert.Contains("judge:sftsami_vs_sft/rubric/win_rate", run.Stdout);
        Assert.Contains("mi:sami/before", run.Stdout);
        Assert.Contains("mi-heldout:sftsami/lower_bound_gain", run.Stdout);
        Assert.Contains("eval:sft-t0/flexible/pass@1", run.Stdout);
    }

    [Fact]
    public void An_openai_judge_in_the_spec_judges_every_item_through_a_served_model()
    {
        // A tiny random model with room for the judge prompt behind a real `samsara serve`: it writes no verdict a
        // parser accepts, so its calls are unparsed ties; what matters is that every item reaches it in both orders.
        using var served = new ServeProcess(TinyModels.Create(Path.Combine(dir, "judge"), TinyModels.Config(context: 4096)), "teacher");
        var artifacts = Path.Combine(dir, "artifacts");
        var spec = Spec($"[\"openai:{served.BaseUrl}#teacher\"]", "  - { algorithm: SAMI, learning_rate: 1e-4, steps: 2, batch_queries: 4, micro_batch: 2 }");
        var run = SamsaraProcess.Run("run", spec, "--artifacts", artifacts);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);

        var eval = Path.Combine(Directory.GetDirectories(Path.Combine(artifacts, "runs")).Single(), "eval");
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(eval, "report.json")))!.AsObject();
        var comparisons = report["comparisons"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["winrates-sami-vs-base-logprob-free.svg", "winrates-sami-vs-base-openai.svg"],
            comparisons.Select(c => (string)c["chart"]!).Order().ToArray());
        var overall = Assert.Single(comparisons, c => (string)c["chart"]! == "winrates-sami-vs-base-openai.svg")["overall"]!.AsObject();
        Assert.Equal(JudgedPrompts, (int)overall["n"]!);
        Assert.Equal(2 * JudgedPrompts, (int)overall["calls"]!);
        Assert.Equal(JudgedPrompts, (int)overall["wins"]! + (int)overall["ties"]! + (int)overall["losses"]!);
        Assert.Equal(JudgedPrompts, File.ReadAllLines(Path.Combine(eval, "judgements", "sami-vs-base-openai.jsonl")).Length);

        // What the judge endpoint cost, recorded as the comparison's task and summed into the report (no price configured: tokens only).
        var usage = Assert.Single(report["endpoint_usage"]!.AsArray())!.AsObject();
        Assert.Equal($"openai:{served.BaseUrl}#teacher", (string)usage["endpoint"]!);
        Assert.Equal(2 * JudgedPrompts, (int)usage["calls"]!);
        Assert.True((long)usage["prompt_tokens"]! > 2 * JudgedPrompts * 500, usage.ToJsonString());   // the judge prompt is ~1,500 bytes
        Assert.False(usage.ContainsKey("cost"));
        Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(eval)!, "usage"), "*.json"));
        Assert.Contains("Endpoints: calls, tokens and cost", File.ReadAllText(Path.Combine(eval, "report.md")), StringComparison.Ordinal);
    }
}
