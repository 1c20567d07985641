using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics;
using Samsara.Engine;
using Samsara.Engine.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Metrics;

/// <summary>The evaluation loop on a tiny random model: what it writes, and that a stopped run resumes to the same samples.</summary>
public sealed class AccuracyEvaluationTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly LanguageModel model;

    public AccuracyEvaluationTests()
    {
        TinyModels.Create(dir.File("model"), TinyModels.Config());
        model = LanguageModel.Load(dir.File("model"), CPU);
    }

    public void Dispose()
    {
        model.Dispose();
        dir.Dispose();
    }

    private static readonly EvalQuestion[] Questions =
    [
        new("a", "Q: 1+1?\nA:", "2", "q:1: question 'a'"),
        new("b", "Q: 2+3?\nA:", "5", "q:2: question 'b'"),
        new("c", "Q: 9-4?\nA:", "5", "q:3: question 'c'"),
    ];

    // Batch size 2 with n = 2: one question per chunk, so three chunks with seeds 5, 6, 7.
    private EvalSettings Settings(ulong seed = 5) => new()
    {
        Model = dir.File("model"), Data = "q.jsonl", Samples = 2, Ks = [1, 2], Temperature = 1.0, TopP = 1.0,
        MaxNewTokens = 6, Seed = seed, BatchSize = 2,
    };

    private AccuracyReport Run(string output, EvalSettings? settings = null, IReadOnlyList<EvalQuestion>? questions = null) =>
        new AccuracyEvaluation(model, settings ?? Settings()).Run(questions ?? Questions, dir.File(output));

    private string[] SampleLines(string output) => File.ReadAllLines(Path.Combine(dir.File(output), AccuracyEvaluation.SamplesFile));

    [Fact]
    public void Writes_every_sample_in_question_order_and_the_report()
    {
        var report = Run("out");
        var lines = SampleLines("out").Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["a", "a", "b", "b", "c", "c"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.Equal([0, 1, 0, 1, 0, 1], lines.Select(l => l["sample"]!.GetValue<int>()));
        foreach (var line in lines)
        {
            Assert.NotNull(line["response"]);
            Assert.Equal(["strict", "flexible", "paper"], line["answers"]!.AsObject().Select(p => p.Key));
            Assert.Equal(["strict", "flexible", "paper"], line["correct"]!.AsObject().Select(p => p.Key));
        }
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("out"), AccuracyEvaluation.ReportFile)))!;
        Assert.Equal(3, written["questions"]!.GetValue<int>());
        Assert.Equal(report.PassAtK["paper"][2], written["pass_at_k"]!["paper"]!["2"]!.GetValue<double>());
        Assert.True(File.Exists(Path.Combine(dir.File("out"), AccuracyEvaluation.RunFile)));
    }

    [Fact]
    public void A_stopped_run_resumes_to_exactly_the_samples_of_an_uninterrupted_one()
    {
        Run("whole");
        var whole = SampleLines("whole");
        Assert.NotEqual(whole[0], whole[1]);   // sampled, so the seeds matter

        Run("stopped");
        // As if killed while writing the second chunk: its first line whole, the second torn.
        var samples = Path.Combine(dir.File("stopped"), AccuracyEvaluation.SamplesFile);
        File.WriteAllText(samples, $"{whole[0]}\n{whole[1]}\n{whole[2]}\n{whole[3][..10]}");
        File.Delete(Path.Combine(dir.File("stopped"), AccuracyEvaluation.ReportFile));
        var progress = new List<long>();
        new AccuracyEvaluation(model, Settings()).Run(Questions, dir.File("stopped"), (done, _) => progress.Add(done));

        Assert.Equal(whole, SampleLines("stopped"));
        Assert.Equal(2, progress[0]);   // the first chunk was kept, not redrawn
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("whole"), AccuracyEvaluation.ReportFile)),
                     File.ReadAllText(Path.Combine(dir.File("stopped"), AccuracyEvaluation.ReportFile)));
    }

    [Fact]
    public void A_finished_run_is_reported_again_without_sampling_and_can_add_ks()
    {
        Run("out");
        var before = SampleLines("out");
        var progress = new List<long>();
        var report = new AccuracyEvaluation(model, Settings() with { Ks = [2] }).Run(Questions, dir.File("out"), (done, _) => progress.Add(done));
        Assert.Equal([6L], progress);
        Assert.Equal(before, SampleLines("out"));
        Assert.Equal([2], report.PassAtK["strict"].Keys);
    }

    [Fact]
    public void Resuming_with_other_sampling_settings_is_refused()
    {
        Run("out");
        var e = Assert.Throws<ArgumentException>(() => Run("out", Settings(seed: 6)));
        Assert.Contains("seed", e.Message);
        Assert.Contains("give a new --out", e.Message);
    }

    [Fact]
    public void Resuming_with_other_questions_is_refused_by_line()
    {
        Run("out");
        var changed = Questions.Select(q => q with { Id = q.Id + "x" }).ToArray();
        var e = Assert.Throws<JsonlException>(() => Run("out", questions: changed));
        Assert.Contains("samples.jsonl:1: expected question 'ax' sample 0", e.Message);

        var fewer = Assert.Throws<JsonlException>(() => Run("out", questions: Questions[..2]));
        Assert.Contains("samples.jsonl:5: more samples than the questions need", fewer.Message);
    }

    [Fact]
    public void Duplicate_ids_and_prompts_that_do_not_fit_fail_before_any_sampling()
    {
        var twice = new[] { Questions[0], Questions[1] with { Id = "a", Label = "q:2: question 'a'" } };
        Assert.Contains("q:2: question 'a': the id is used by an earlier line too", Assert.Throws<JsonlException>(() => Run("dup", questions: twice)).Message);

        var tooLong = new[] { Questions[0], new EvalQuestion("big", new string('z', 300), "1", "q:2: question 'big'") };
        Assert.Contains("q:2: question 'big'", Assert.ThrowsAny<Exception>(() => Run("long", questions: tooLong)).Message);
        Assert.False(File.Exists(Path.Combine(dir.File("long"), AccuracyEvaluation.SamplesFile)));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Run("k", Settings() with { Ks = [3] }));
        Assert.Throws<ArgumentException>(() => Run("n", Settings() with { Samples = 0 }));
        Assert.Throws<ArgumentException>(() => Run("t", Settings() with { Temperature = -1 }));
    }
}
