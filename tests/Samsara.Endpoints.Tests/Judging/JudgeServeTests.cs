using Samsara.Alignment.Metrics;
using Samsara.Endpoints.Judging;
using Samsara.Judging;
using Samsara.Judging.Caching;
using Samsara.Judging.Reports;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests.Judging;

/// <summary>The OpenAI judge against samsara serve hosting a tiny random model over real HTTP.</summary>
public sealed class JudgeServeTests
{
    [Fact]
    public async Task Every_item_is_judged_unreadable_answers_are_counted_ties_and_a_rerun_is_free()
    {
        await using var served = await ServedModel.StartAsync();
        using var dir = new TempDirectory();
        var items = JudgeItems.Make(6);
        using var models = new EndpointJudgeModels((url, model) => served.Options(concurrency: 4) with { BaseUrl = url, Model = model }, maxTokens: 16);
        using var cache = new SqliteJudgementCache(dir.File("cache.sqlite"));
        var judging = new PairwiseJudging(JudgeItems.Judge(models, JudgeSpec.Parse($"openai:{served.BaseUrl}#{ServedModel.Name}")), JudgeProtocol.Both, 1, cache);

        var records = await judging.RunAsync(items, "a", "b", concurrency: 4);

        Assert.Equal(items.Select(i => i.Id), records.Select(r => r.Id));
        Assert.All(records, r => Assert.Equal(2, r.Calls.Count));
        Assert.All(records, r => Assert.All(r.Calls, c => Assert.False(c.Cached)));
        // Sixteen greedy tokens of a random byte model never hold a verdict: every call unparsed, every item a tie.
        Assert.All(records, r => Assert.All(r.Calls, c => Assert.Equal(CallVerdict.Unparsed, c.Verdict)));
        Assert.All(records, r => Assert.All(r.Calls, c => Assert.NotEmpty(c.Raw)));
        var summary = JudgementSummary.Compute(records);
        Assert.Equal(12, summary.Overall.UnparsedCalls);
        Assert.Equal((0, 6, 0), (summary.WinRates.Overall.Wins, summary.WinRates.Overall.Ties, summary.WinRates.Overall.Losses));
        Assert.Equal(12, models.Usage.Requests);
        Assert.Equal(0, models.Usage.Failures);
        Assert.InRange(models.Usage.Usage.CompletionTokens, 12, 12 * 16);
        Assert.True(models.Usage.Usage.PromptTokens > 12 * 500, $"{models.Usage.Usage.PromptTokens} prompt tokens");   // the judge prompt is ~1,500 bytes

        var again = await judging.RunAsync(items, "a", "b", concurrency: 4);

        Assert.All(again, r => Assert.All(r.Calls, c => Assert.True(c.Cached, r.Id)));
        Assert.Equal(records.SelectMany(r => r.Calls).Select(c => c.Raw), again.SelectMany(r => r.Calls).Select(c => c.Raw));
        Assert.Equal(12, models.Usage.Requests);   // nothing new was asked
    }
}
