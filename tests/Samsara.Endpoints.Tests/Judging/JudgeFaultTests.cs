using System.Net;
using System.Net.Sockets;
using Samsara.Alignment.Metrics;
using Samsara.Endpoints.Judging;
using Samsara.Judging;
using Samsara.Judging.Caching;
using Samsara.Judging.Reports;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests.Judging;

/// <summary>The OpenAI judge against the fault-injecting test double: scripted verdicts through 429s and 500s, exact counts; refusals are clear errors.</summary>
public sealed class JudgeFaultTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static EndpointJudgeModels Models(FaultyOpenAiServer server, int concurrency = 4) =>
        new((url, model) => server.Options(concurrency: concurrency) with { BaseUrl = url, Model = model });

    private static JudgeSpec Spec(FaultyOpenAiServer server, string model = "double") => JudgeSpec.Parse($"openai:{server.BaseUrl}#{model}");

    [Fact]
    public async Task Scripted_verdicts_through_rate_limits_and_server_errors_give_exact_counts_and_a_free_rerun()
    {
        // Item i's calls: i % 3 == 0 → the first attempt is a 429 with Retry-After; 1 → the first two are 500s; 2 → no fault.
        await using var server = new FaultyOpenAiServer((attempt, prompt) => (JudgeItems.IndexOf(prompt) % 3, attempt) switch
        {
            (0, 1) => Fault.RateLimited,
            (1, 1 or 2) => Fault.ServerError,
            _ => Fault.None,
        }, retryAfter: "0", answer: JudgeItems.Verdict);
        await server.StartAsync();
        var items = JudgeItems.Make(12);
        using var models = Models(server);
        using var cache = new SqliteJudgementCache(dir.File("cache.sqlite"));
        var judging = new PairwiseJudging(JudgeItems.Judge(models, Spec(server)), JudgeProtocol.Both, 1, cache);

        var records = await judging.RunAsync(items, "a", "b", concurrency: 4);

        Assert.Equal(items.Select(i => i.Id), records.Select(r => r.Id));
        Assert.Equal([Verdict.A, Verdict.B, Verdict.Tie, Verdict.Tie], records.Take(4).Select(r => r.Verdict));
        Assert.Equal(records.Take(4).Select(r => r.Verdict), records.Skip(8).Select(r => r.Verdict));   // the pattern repeats
        Assert.All(records.Where((_, i) => i % 4 == 2), r => Assert.True(r.Inconsistent, r.Id));          // position bias → tie
        Assert.All(records.Where((_, i) => i % 4 == 3), r => Assert.Equal(2, r.ParseFailures));          // no verdict → tie, counted
        Assert.Equal($"openai:{server.BaseUrl}#double", records[0].Judge);
        var summary = JudgementSummary.Compute(records);
        Assert.Equal((3, 6, 3), (summary.WinRates.Overall.Wins, summary.WinRates.Overall.Ties, summary.WinRates.Overall.Losses));
        Assert.Equal(6, summary.Overall.UnparsedCalls);
        Assert.Equal(3, summary.Overall.Inconsistent);

        // 24 calls answered; items 0,3,6,9 retried once per call (8), items 1,4,7,10 twice per call (16).
        Assert.Equal(24, models.Usage.Requests);
        Assert.Equal(24, models.Usage.Retries);
        Assert.Equal(0, models.Usage.Failures);
        Assert.Equal(48, server.TotalAttempts);
        Assert.Equal(24 * 3, models.Usage.Usage.CompletionTokens);
        Assert.Equal(server.Arrivals.Keys.Sum(p => (long)p.Length), models.Usage.Usage.PromptTokens);

        var again = await judging.RunAsync(items, "a", "b", concurrency: 4);

        Assert.Equal(records.Select(r => r.Verdict), again.Select(r => r.Verdict));
        Assert.All(again, r => Assert.All(r.Calls, c => Assert.True(c.Cached, r.Id)));
        Assert.Equal(48, server.TotalAttempts);
        Assert.Equal(24, models.Usage.Requests);

        var ledger = UsageLedger.Add(dir.File("judgements.jsonl.usage.json"), models.Usage);
        Assert.Equal(24, ledger["requests"]!.GetValue<long>());
        Assert.Equal(72, ledger["completion_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task Garbage_mid_run_is_a_clear_error_and_the_rerun_pays_only_for_what_is_missing()
    {
        var broken = true;
        await using var server = new FaultyOpenAiServer((_, prompt) => broken && JudgeItems.IndexOf(prompt) == 5 ? Fault.Garbage : Fault.None, answer: JudgeItems.Verdict);
        await server.StartAsync();
        var items = JudgeItems.Make(8);
        using var models = Models(server, concurrency: 1);
        using var cache = new SqliteJudgementCache(dir.File("cache.sqlite"));
        var judging = new PairwiseJudging(JudgeItems.Judge(models, Spec(server)), JudgeProtocol.Both, 1, cache);

        var e = await Assert.ThrowsAsync<EndpointException>(() => judging.RunAsync(items, "a", "b", concurrency: 1));

        Assert.Contains(server.BaseUrl.ToString(), e.Message);
        Assert.Contains("not an OpenAI response", e.Message);
        Assert.Equal(11, server.TotalAttempts);   // items 0–4 (10 calls), then item 5's first call, not retried
        Assert.Equal(10, models.Usage.Requests);

        broken = false;
        var records = await judging.RunAsync(items, "a", "b", concurrency: 1);

        Assert.Equal(8, records.Count);
        Assert.Equal(10, records.Sum(r => r.Calls.Count(c => c.Cached)));
        Assert.Equal(11 + 6, server.TotalAttempts);
    }

    [Fact]
    public async Task An_unknown_model_is_refused_before_any_item_is_judged()
    {
        await using var server = new FaultyOpenAiServer((_, _) => Fault.None, answer: JudgeItems.Verdict);
        await server.StartAsync();
        using var models = Models(server);
        var judging = new PairwiseJudging(JudgeItems.Judge(models, Spec(server, "gpt-judge")), JudgeProtocol.Both, 1);

        var e = await Assert.ThrowsAsync<EndpointException>(() => judging.RunAsync(JudgeItems.Make(4), "a", "b", concurrency: 4));

        Assert.Contains("does not serve model 'gpt-judge' (it serves: double)", e.Message);
        Assert.Equal(0, server.TotalAttempts);   // no judge call was sent
    }

    [Fact]
    public async Task An_endpoint_that_is_down_is_a_clear_error_naming_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();   // nothing listens there now
        using var models = new EndpointJudgeModels((url, model) => new EndpointOptions
        {
            BaseUrl = url, Model = model, MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(5),
        });
        var spec = JudgeSpec.Parse($"openai:http://127.0.0.1:{port}/v1#m");

        var e = await Assert.ThrowsAsync<EndpointException>(() => models.Create(spec).EnsureServedAsync());

        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("could not be reached", e.Message);
        Assert.Contains("gave up after 2 attempts", e.Message);
        Assert.Same(models.Create(spec), models.Create(spec));   // one client per endpoint and model
    }

    [Fact]
    public void Bad_endpoint_settings_are_refused_naming_the_judge()
    {
        using var models = new EndpointJudgeModels((url, model) => new EndpointOptions { BaseUrl = url, Model = model, MaxConcurrency = 0 });

        var e = Assert.Throws<ArgumentException>(() => models.Create(JudgeSpec.Parse("openai:http://127.0.0.1:9/v1#m")));

        Assert.Contains("judge 'openai:http://127.0.0.1:9/v1#m'", e.Message);
        Assert.Contains("concurrency must be at least 1", e.Message);
        Assert.Throws<ArgumentException>(() => models.Create(JudgeSpec.Parse("rubric")));
    }
}
