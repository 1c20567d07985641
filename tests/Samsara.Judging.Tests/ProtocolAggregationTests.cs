using Samsara.Alignment.Metrics;
using Samsara.Judging.Backends;
using Samsara.Judging.Caching;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;
using Samsara.Judging.Reports;
using Samsara.Judging.Tests.Support;

namespace Samsara.Judging.Tests;

/// <summary>
/// Seven items whose verdicts are worked out by hand, judged by a scripted LLM through the real prompt, parser,
/// protocol and aggregation. The judge's rule, by the responses it is shown (first, second):
/// "strong" beats "weak" (answering in three different forms), "biased" always gets "[[A]]" (position bias),
/// "garble" gets no verdict, "even" gets "[[C]]", "half" wins when first and gets no verdict when second.
/// </summary>
public sealed class ProtocolAggregationTests
{
    private static readonly PairwiseItem[] Items =
    [
        new("1", "math", "q1", "1. be strong", "strong", "weak"),
        new("2", "math", "q2", "1. be strong", "weak", "strong"),
        new("3", "math", "q3", "1. be strong", "biased one", "biased two"),
        new("4", "coding", "q4", "1. be strong", "garble", "garble too"),
        new("5", "coding", "q5", "1. be strong", "even one", "even two"),
        new("6", "coding", "q6", "1. be strong", "strong", "weak"),
        new("7", "coding", "q7", "1. be strong", "half", "weak"),
    ];

    internal static string Rule(string first, string second) => (first, second) switch
    {
        ("strong", _) => "Response A follows the instructions.\nFinal Response: A",
        (_, "strong") => "Response B is better here.",
        _ when first.StartsWith("biased", StringComparison.Ordinal) => "Both are fine but [[A]]",
        _ when first.StartsWith("garble", StringComparison.Ordinal) || second.StartsWith("garble", StringComparison.Ordinal) => "I cannot decide.",
        _ when first.StartsWith("even", StringComparison.Ordinal) => "They are equally good. [[C]]",
        ("half", _) => "[[A]]",
        (_, "half") => "lorem ipsum",
        _ => throw new InvalidOperationException($"no rule for ({first}, {second})"),
    };

    private static async Task<IReadOnlyList<JudgementRecord>> Judge(JudgeProtocol protocol, ulong seed, IJudgementCache? cache = null, ScriptedJudgeModel? model = null)
    {
        var judge = new LlmJudge(model ?? new ScriptedJudgeModel("scripted", Rule), PromptKind.PrincipleBased);
        return await new PairwiseJudging(judge, protocol, seed, cache).RunAsync(Items, "modelA", "modelB", concurrency: 3);
    }

    [Fact]
    public async Task Both_orders_count_disagreements_and_parse_failures_as_ties()
    {
        var records = await Judge(JudgeProtocol.Both, seed: 1);
        Assert.Equal([Verdict.A, Verdict.B, Verdict.Tie, Verdict.Tie, Verdict.Tie, Verdict.A, Verdict.Tie], records.Select(r => r.Verdict));
        Assert.All(records, r => Assert.Equal("both", r.Order));
        Assert.Equal([0, 0, 0, 2, 0, 0, 1], records.Select(r => r.ParseFailures));
        Assert.Equal([false, false, true, false, false, false, true], records.Select(r => r.Inconsistent));

        var summary = JudgementSummary.Compute(records);
        // math: A, B, tie → (1 + ½) / 3; coding: tie, tie, A, tie → (1 + 3·½) / 4; overall (2 + 4·½) / 7.
        Assert.Equal(0.5, summary.WinRates.ByCategory["math"].Rate, 15);
        Assert.Equal(2.5 / 4, summary.WinRates.ByCategory["coding"].Rate, 15);
        Assert.Equal(4.0 / 7, summary.WinRates.Overall.Rate, 15);
        Assert.Equal((7, 2, 4, 1), (summary.WinRates.Overall.Count, summary.WinRates.Overall.Wins, summary.WinRates.Overall.Ties, summary.WinRates.Overall.Losses));
        Assert.Equal(new Problems(ItemsWithParseFailure: 2, UnparsedCalls: 3, Calls: 14, Inconsistent: 2), summary.Overall);
        Assert.Equal(new Problems(0, 0, 6, 1), summary.ByCategory["math"]);
        Assert.Equal(new Problems(2, 3, 8, 1), summary.ByCategory["coding"]);
        Assert.Equal(("modelA", "modelB", "scripted", JudgePrompt.PrincipleBasedVersion, "both"),
            (summary.ModelA, summary.ModelB, summary.Judge, summary.PromptVersion, summary.Protocol));
    }

    [Fact]
    public async Task Random_order_shows_each_item_once_in_its_seeded_order_and_maps_positions_back_to_models()
    {
        var records = await Judge(JudgeProtocol.Random, seed: 4);
        // Seed 4's orders, pinned so a change to the draw is noticed: SHA-256("4\0judge-order\0" + id), low bit of byte 0.
        Assert.Equal(["AB", "AB", "BA", "AB", "AB", "BA", "AB"], records.Select(r => r.Order));
        // 3 shown BA: the biased "[[A]]" names model B. 6 shown BA: "Response B is better" names model A.
        Assert.Equal([Verdict.A, Verdict.B, Verdict.B, Verdict.Tie, Verdict.Tie, Verdict.A, Verdict.A], records.Select(r => r.Verdict));
        var summary = JudgementSummary.Compute(records);
        Assert.Equal(1.0 / 3, summary.WinRates.ByCategory["math"].Rate, 15);
        Assert.Equal(3.0 / 4, summary.WinRates.ByCategory["coding"].Rate, 15);
        Assert.Equal(4.0 / 7, summary.WinRates.Overall.Rate, 15);
        Assert.Equal(new Problems(1, 1, 7, 0), summary.Overall);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_orders_and_another_seed_other_orders()
    {
        var first = (await Judge(JudgeProtocol.Random, 4)).Select(r => r.Order).ToList();
        Assert.Equal(first, (await Judge(JudgeProtocol.Random, 4)).Select(r => r.Order));
        Assert.NotEqual(first, (await Judge(JudgeProtocol.Random, 1)).Select(r => r.Order));
    }

    [Fact]
    public async Task A_rerun_is_answered_from_the_cache_with_the_same_judgements()
    {
        using var dir = new TempDirectory();
        using var cache = new SqliteJudgementCache(dir.File("cache.sqlite"));
        var model = new ScriptedJudgeModel("scripted", Rule);
        var first = await Judge(JudgeProtocol.Both, 1, cache, model);
        Assert.Equal(14, model.Calls);
        Assert.All(first.SelectMany(r => r.Calls), c => Assert.False(c.Cached));

        var again = await Judge(JudgeProtocol.Both, 1, cache, model);
        Assert.Equal(14, model.Calls);
        Assert.All(again.SelectMany(r => r.Calls), c => Assert.True(c.Cached));
        Assert.Equal(first.Select(r => (r.Verdict, r.ParseFailures)), again.Select(r => (r.Verdict, r.ParseFailures)));

        // The random protocol's calls are a subset of both orders': free as well.
        await Judge(JudgeProtocol.Random, 4, cache, model);
        Assert.Equal(14, model.Calls);
        // Another judge model is another key.
        var other = new ScriptedJudgeModel("another", Rule);
        await Judge(JudgeProtocol.Random, 4, cache, other);
        Assert.Equal(7, other.Calls);
    }

    [Fact]
    public void Judgements_lines_round_trip_and_keep_the_contract_fields()
    {
        var record = new JudgementRecord("7", "coding", "a", "b", Verdict.Tie, "both",
            [new JudgementCall(Order.AB, CallVerdict.A, "[[A]]", false), new JudgementCall(Order.BA, CallVerdict.Unparsed, "?", true)],
            "judge", "v1", JudgeProtocol.Both);
        var json = JudgementJson.ToJson(record);
        foreach (var field in new[] { "id", "category", "model_a", "model_b", "verdict", "order", "raw" }) Assert.True(json.ContainsKey(field), field);
        Assert.Equal("tie", json["verdict"]!.GetValue<string>());
        var back = JudgementJson.FromLine(new Engine.Data.JsonlRecord(json, "mem", 1));
        Assert.Equal((record.Id, record.Verdict, record.Order, 1, true), (back.Id, back.Verdict, back.Order, back.ParseFailures, back.Inconsistent));
        Assert.Equal(["[[A]]", "?"], back.Calls.Select(c => c.Raw));
    }
}
