using System.Text.Json.Nodes;
using System.Xml.Linq;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Metrics;
using Samsara.Engine;
using Samsara.Judging.Backends;
using Samsara.Judging.Caching;
using Samsara.Judging.Items;
using Samsara.Judging.Reports;
using Samsara.Judging.Rubric;
using Samsara.Judging.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Judging.Tests;

/// <summary>Full judge passes over the multi-task paper's real outputs (SAMI vs SFT, 80 MT-Bench questions) with local judges, through to the report.</summary>
public sealed class RealDataJudgePassTests
{
    private static IReadOnlyList<PairwiseItem> Items() =>
        PairwiseItems.Pair(AnswerSetReader.Read(PaperData.Sami), AnswerSetReader.Read(PaperData.Sft));

    [DataFact]
    public async Task The_rubric_judge_judges_every_item_and_the_report_adds_up()
    {
        var items = Items();
        var judge = new RubricJudge(RubricSet.Default);
        var both = await new PairwiseJudging(judge, JudgeProtocol.Both, 1).RunAsync(items, "sami", "sft", concurrency: 4);
        var random = await new PairwiseJudging(judge, JudgeProtocol.Random, 1).RunAsync(items, "sami", "sft");

        Assert.Equal(items.Select(i => i.Id), both.Select(r => r.Id));
        Assert.Equal(160, both.Sum(r => r.Calls.Count));
        Assert.Equal(80, random.Sum(r => r.Calls.Count));
        // The rubric does not look at positions: both orders agree on every item, and one random order gives the same verdicts.
        Assert.All(both, r => Assert.False(r.Inconsistent, r.Id));
        Assert.Equal(both.Select(r => r.Verdict), random.Select(r => r.Verdict));
        Assert.Contains(random, r => r.Order == "AB");
        Assert.Contains(random, r => r.Order == "BA");

        var summary = JudgementSummary.Compute(both);
        foreach (var (category, rate) in summary.WinRates.ByCategory)
        {
            var mine = both.Where(r => r.Category == category).ToList();
            Assert.Equal(10, rate.Count);
            Assert.Equal((mine.Count(r => r.Verdict == Verdict.A) + 0.5 * mine.Count(r => r.Verdict == Verdict.Tie)) / 10, rate.Rate, 15);
        }
        // Pinned: on the paper's own outputs the verifiable principles favour SAMI over SFT (37 wins, 40 ties, 3 losses).
        Assert.Equal((37, 40, 3), (summary.WinRates.Overall.Wins, summary.WinRates.Overall.Ties, summary.WinRates.Overall.Losses));
        Assert.Equal(10, summary.WinRates.ByCategory["extraction"].Ties);   // no verifiable check: all ties

        using var dir = new TempDirectory();
        var judgementsPath = dir.File("judgements.jsonl");
        Engine.Data.Jsonl.Write(judgementsPath, both.Select(JudgementJson.ToJson));
        var reread = JudgementSummary.Compute(JudgementJson.Read(judgementsPath));
        Assert.Equal(summary.WinRates.Overall, reread.WinRates.Overall);

        var files = ReportWriter.Write(dir.File("report"), reread, []);
        Assert.Equal(["winrates.svg", "report.json", "report.md"], files.Select(Path.GetFileName));
        var json = JsonNode.Parse(File.ReadAllText(dir.File("report/report.json")))!["judgements"]!;
        Assert.Equal(8, json["by_category"]!.AsObject().Count);
        Assert.Equal(summary.WinRates.Overall.Rate, json["overall"]!["win_rate"]!.GetValue<double>(), 15);
        var svg = XDocument.Load(dir.File("report/winrates.svg"));
        Assert.Equal(1 + 9, svg.Descendants().Count(e => e.Name.LocalName == "rect"));   // background + 8 categories + overall
        Assert.Contains("| **overall** | 80 | 37 | 40 | 3 |", File.ReadAllText(dir.File("report/report.md")), StringComparison.Ordinal);
    }

    /// <summary>
    /// One item per category (its shortest pair), to keep a CPU test short: all 80 items, at up to 6,000 byte tokens a
    /// sequence, took 7 m 44 s on the shared 2-core test machine (the rubric pass above covers all 80).
    /// </summary>
    [DataFact]
    public async Task The_log_prob_judge_on_a_tiny_model_judges_by_its_definition()
    {
        using var dir = new TempDirectory();
        // A random byte-level model with room for the longest prompt and response (about 6,000 bytes).
        TinyModels.Create(dir.File("tiny"), TinyModels.Config(context: 8192));
        using var lm = LanguageModel.Load(dir.File("tiny"), CPU);
        var principles = PrincipleSet.Load(PaperData.Principles);
        using var judge = new LogProbJudge(lm, principles, "tiny");
        var items = Items().GroupBy(i => i.Category).Select(g => g.MinBy(i => i.Question.Length + i.ResponseA.Length + i.ResponseB.Length)!).ToList();
        using var cache = new SqliteJudgementCache(dir.File("cache.sqlite"));
        var records = await new PairwiseJudging(judge, JudgeProtocol.Both, 1, cache).RunAsync(items, "sami", "sft");

        Assert.Equal(8, records.Count);
        Assert.Equal(16, records.Sum(r => r.Calls.Count));
        Assert.All(records, r => Assert.Equal(0, r.ParseFailures));
        // The score does not depend on the order shown, so both orders always agree.
        Assert.All(records, r => Assert.False(r.Inconsistent, r.Id));

        // The definition, recomputed by hand for the first math item: mean log-prob under c⁺ minus under c⁻.
        var math = items.First(i => i.Category == "math");
        var members = principles.ForCategory("math");
        var positive = Alignment.TrainingPrompt.Format(Constitution.Number(members.Select(p => p.Strong)), math.Question);
        var antithesis = Alignment.TrainingPrompt.Format(Constitution.Number(members.Select(p => p.Antithesis)), math.Question);
        var scores = new Engine.Scoring.LogProbScorer(lm).ScoreAll([(positive, math.ResponseA), (antithesis, math.ResponseA), (positive, math.ResponseB), (antithesis, math.ResponseB)], 1);
        var (sA, sB) = (scores[0].Mean - scores[1].Mean, scores[2].Mean - scores[3].Mean);
        Assert.Equal(sA, await judge.ScoreAsync(math, math.ResponseA, "A", default), 5);
        Assert.Equal(sB, await judge.ScoreAsync(math, math.ResponseB, "B", default), 5);
        Assert.Equal(sA > sB ? Verdict.A : Verdict.B, records.Single(r => r.Id == math.Id).Verdict);

        // A rerun is served from the cache.
        var again = await new PairwiseJudging(judge, JudgeProtocol.Both, 1, cache).RunAsync(items, "sami", "sft");
        Assert.All(again.SelectMany(r => r.Calls), c => Assert.True(c.Cached));
        Assert.Equal(records.Select(r => r.Verdict), again.Select(r => r.Verdict));
    }
}
