using Samsara.Alignment;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Metrics;
using Samsara.Alignment.TaskWorld;
using Samsara.Engine;
using Samsara.Engine.Scoring;
using Samsara.Judging.Backends;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;
using Samsara.Judging.Reports;
using Samsara.Judging.Rubric;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Judging.Tests;

/// <summary>The default run's judges (the task world's rubric, the principle-free log-prob judge) and its report.</summary>
public sealed class QuickstartJudgesTests
{
    private const string Question = "Zoe has 9 boxes with 2 stickers in each box. How many stickers does Zoe have?";

    [Fact]
    public async Task The_task_world_rubric_reads_each_categorys_principles_with_the_worlds_checkers()
    {
        var rubric = TaskWorldRubric.For(WorldPrinciples.Set)!;
        Assert.Equal(["math.steps", "math.latex"], rubric.ChecksFor("math").Select(c => c.Name));
        Assert.Equal(["facts.polite", "facts.detail"], rubric.ChecksFor("facts").Select(c => c.Name));
        var judge = new RubricJudge(rubric);
        var item = new PairwiseItem("1", "math", Question, null, "$9 \\times 2 = 18$\nAnswer: $18$", "Answer: 18");
        var verdict = await judge.JudgeAsync(item, Order.AB, default);
        Assert.Equal("first 2/2 [math.steps yes, math.latex yes]; second 0/2 [math.steps no, math.latex no]", verdict.Raw);
        Assert.Equal(SlotVerdict.First, verdict.Verdict);
        Assert.Equal(SlotVerdict.Second, (await judge.JudgeAsync(item, Order.BA, default)).Verdict);
    }

    [Fact]
    public void Principles_the_world_cannot_check_get_no_task_world_rubric() =>
        Assert.Null(TaskWorldRubric.For(PrincipleSet.Default));

    [Fact]
    public async Task The_principle_free_judge_scores_the_response_with_the_constitution_marginalised_out()
    {
        using var dir = new TempDirectory();
        TinyModels.Create(dir.File("tiny"), TinyModels.Config(context: 512));
        using var lm = LanguageModel.Load(dir.File("tiny"), CPU);
        using var judge = new PrincipleFreeLogProbJudge(lm, WorldPrinciples.Set, "tiny");
        var constitutions = judge.Constitutions("math");
        Assert.Equal(4, constitutions.Distinct().Count());
        Assert.Contains(Constitution.Number(WorldPrinciples.Set.ForCategory("math").Select(p => p.Strong)), constitutions);
        Assert.Contains(Constitution.Number(WorldPrinciples.Set.ForCategory("math").Select(p => p.Antithesis)), constitutions);

        var item = new PairwiseItem("1", "math", Question, null, "Answer: 18", "$9 \\times 2 = 18$\nAnswer: $18$");
        var means = new LogProbScorer(lm).ScoreAll(constitutions.Select(c => (TrainingPrompt.Format(c, Question), "Answer: 18")).ToList()).Select(m => m.Mean).ToList();
        var expected = Math.Log(means.Average(Math.Exp));
        Assert.Equal(expected, await judge.ScoreAsync(item, item.ResponseA, "A", default), 6);

        var ab = await judge.JudgeAsync(item, Order.AB, default);
        var ba = await judge.JudgeAsync(item, Order.BA, default);
        Assert.NotEqual(SlotVerdict.Tie, ab.Verdict);
        Assert.NotEqual(ab.Verdict, ba.Verdict);          // the same model wins in both orders
        Assert.Equal("logprob-free:tiny", judge.Name);
    }

    [Fact]
    public void The_run_report_has_a_row_per_comparison_a_row_per_model_and_the_mi_bounds()
    {
        using var dir = new TempDirectory();
        static JudgementSummary Summary(string a, string b, string judge, params Verdict[] verdicts) =>
            JudgementSummary.Compute(verdicts.Select((v, i) => new JudgementRecord($"{i}", i % 2 == 0 ? "math" : "facts", a, b, v, "AB",
                [new JudgementCall(Order.AB, v == Verdict.A ? CallVerdict.A : v == Verdict.B ? CallVerdict.B : CallVerdict.Tie, "", false)],
                judge, "v1", JudgeProtocol.Random)).ToList(), resamples: 200, seed: 1);
        var comparisons = new[]
        {
            new RunComparison("1", RunComparison.PrincipleBased, Summary("sftsami", "sft", "rubric:x", Verdict.A, Verdict.A, Verdict.B, Verdict.Tie)),
            new RunComparison("2", RunComparison.PrincipleFree, Summary("sami", "base", "logprob-free:teacher", Verdict.B, Verdict.B)),
        };
        var files = RunReportWriter.Write(dir.Path, comparisons, [], [new MiBounds("sami", -0.05, 0.2, 12)], "flexible");

        Assert.Equal(["winrates-sftsami-vs-sft-rubric.svg", "winrates-sami-vs-base-logprob-free.svg", "summary.md", "report.md", "report.json"],
            files.Select(Path.GetFileName));
        var summary = File.ReadAllText(Path.Combine(dir.Path, "summary.md"));
        Assert.Contains("| 1 | sftsami vs sft | rubric | principle-based | 4 | 75.0 | 50.0 | **62.5** [", summary);
        Assert.Contains("| 2 | sami vs base | logprob-free | principle-free | 2 | 0.0 | 0.0 | **0.0** [0.0, 0.0] |", summary);
        Assert.Contains("| sami | -0.050 | 0.200 | 12 |", summary);
        var markdown = File.ReadAllText(Path.Combine(dir.Path, "report.md"));
        Assert.Contains("## Experiment 1", markdown);
        Assert.Contains("![win rates](winrates-sami-vs-base-logprob-free.svg)", markdown);
    }
}
