using System.Globalization;
using System.Text.Json.Nodes;
using Samsara.Endpoints.Judging;
using Samsara.Judging;
using Samsara.Judging.Prompts;
using Samsara.Judging.Reports;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests.Judging;

/// <summary>
/// Judging at scale against the fault double: a host's judges of one endpoint keep to its cap on requests in flight,
/// and an endpoint that answers bursts of 429s throttles the evaluation instead of failing it, the report counting what it cost.
/// </summary>
public sealed class JudgeRateLimitTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_hosts_judges_of_one_endpoint_never_have_more_requests_in_flight_than_its_cap()
    {
        await using var server = new FaultyOpenAiServer((_, _) => Fault.None, answer: JudgeItems.Verdict, latency: TimeSpan.FromMilliseconds(100));
        await server.StartAsync();
        using var models = new EndpointJudgeModels((url, model) => server.Options(concurrency: 3) with { BaseUrl = url, Model = model });
        var spec = JudgeSpec.Parse($"openai:{server.BaseUrl}#double");
        // Two judges (both prompts) over the one client, each judging 8 items at once: 32 calls that all want to go now.
        var judges = new[] { PromptKind.PrincipleBased, PromptKind.PrincipleFree }
            .Select(kind => new PairwiseJudging(new JudgeBackends { OpenAiModels = models.Create, PromptKind = kind }.Create(spec), JudgeProtocol.Both, 1));

        var runs = await Task.WhenAll(judges.Select(j => j.RunAsync(JudgeItems.Make(8), "a", "b", concurrency: 8)));

        Assert.All(runs, records => Assert.Equal(8, records.Count));
        Assert.Equal(32, server.TotalAttempts);
        Assert.InRange(server.MaxInFlight, 2, 3);   // calls overlapped, and never more than the cap
    }

    [Fact]
    public async Task Bursts_of_429s_slow_two_tasks_down_and_the_report_sums_their_calls_tokens_and_cost()
    {
        // Every call about an even item is refused twice (429, Retry-After 0.2 s) before it is answered.
        await using var server = new FaultyOpenAiServer((attempt, prompt) => JudgeItems.IndexOf(prompt) % 2 == 0 && attempt <= 2 ? Fault.RateLimited : Fault.None,
            retryAfter: "0.2", answer: JudgeItems.Verdict);
        await server.StartAsync();
        // One attempt per request: any failure but a 429 would fail the run at once, so the run completing shows that 429s use up none.
        using var models = new EndpointJudgeModels((url, model) => server.Options(concurrency: 8, attempts: 1) with { BaseUrl = url, Model = model })
        {
            Prices = [new TokenPrice { Model = "double", InputPerMillion = 2.5m, OutputPerMillion = 10m }],
        };
        var spec = JudgeSpec.Parse($"openai:{server.BaseUrl}#double");
        var judging = new PairwiseJudging(JudgeItems.Judge(models, spec), JudgeProtocol.Both, 1);
        var items = JudgeItems.Make(24);

        // Two tasks of 12 items, judged at once through the replica's one client, each recorded under its own id.
        async Task<IReadOnlyList<JudgementRecord>> TaskAsync(string id, IReadOnlyList<Samsara.Judging.Items.PairwiseItem> batch)
        {
            using var usage = UsageScope.Begin();
            var records = await judging.RunAsync(batch, "a", "b", concurrency: 8);
            RunUsage.Record(dir.Path, id, usage);
            return records;
        }
        var batches = await Task.WhenAll(TaskAsync("judge/batch-0", items[..12]), TaskAsync("judge/batch-1", items[12..]));
        var records = batches.SelectMany(b => b).ToList();

        Assert.Equal(items.Select(i => i.Id), records.Select(r => r.Id));
        var summary = JudgementSummary.Compute(records);
        Assert.Equal((6, 12, 6), (summary.WinRates.Overall.Wins, summary.WinRates.Overall.Ties, summary.WinRates.Overall.Losses));
        Assert.Equal(12, summary.Overall.UnparsedCalls);
        Assert.Equal(6, summary.Overall.Inconsistent);
        Assert.Equal(48 + 48, server.TotalAttempts);   // 48 calls, and two 429s for each of the 24 calls about even items
        Assert.Equal((48L, 48L, 48L, 0L), (models.Usage.Requests, models.Usage.RateLimited, models.Usage.Retries, models.Usage.Failures));
        Assert.True(models.Usage.ThrottledWaits > 0);

        var rows = JudgeUsageRows.From(RunUsage.Total(dir.Path), models.Prices);
        var report = Path.Combine(dir.Path, "eval");
        RunReportWriter.Write(report, [new RunComparison("1", RunComparison.PrincipleBased, summary)], [], [], "flexible", usage: rows);

        var row = Assert.Single(rows);
        var promptTokens = server.Arrivals.Keys.Sum(p => (long)p.Length);   // the double bills a prompt's length, once per answered call
        Assert.Equal(new EndpointUsage(spec.Text, 48, 48, 48, row.ThrottledWaits, 0, promptTokens, 48 * 3, (promptTokens * 2.5m + 144 * 10m) / 1_000_000m), row);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(report, ReportWriter.JsonFile)))!["endpoint_usage"]![0]!;
        Assert.Equal(spec.Text, json["endpoint"]!.GetValue<string>());
        Assert.Equal(48, json["rate_limited"]!.GetValue<long>());
        Assert.Equal(row.Cost, json["cost"]!.GetValue<decimal>());
        var markdown = File.ReadAllText(Path.Combine(report, ReportWriter.MarkdownFile));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {spec.Text} | 48 | 48 | 48 | {row.ThrottledWaits} | 0 | {promptTokens} | 144 | {row.Cost:0.0000} |"), markdown);
    }
}
