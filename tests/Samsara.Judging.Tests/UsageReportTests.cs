using System.Text.Json.Nodes;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;
using Samsara.Judging.Reports;
using Samsara.Stages.Judging;
using Samsara.Testing;

namespace Samsara.Judging.Tests;

/// <summary>The run report's endpoint usage: a row per endpoint with its cost where a price names the model, a total, and GetRun's metrics.</summary>
public sealed class UsageReportTests : IDisposable
{
    private const string Priced = "openai:https://api.example/v1#gpt-judge";
    private const string Unpriced = "openai:http://vllm:8000/v1#local-judge";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Each_endpoint_gets_its_calls_tokens_and_cost_and_an_unpriced_model_gets_tokens_only()
    {
        var usage = new Dictionary<string, UsageTotals>
        {
            [Unpriced] = new(100, 7, 1, 5, 9, 50_000, 2_000),
            [Priced] = new(960, 12, 0, 12, 30, 1_500_000, 200_000),
        };
        TokenPrice[] prices = [new() { Model = "gpt-judge", InputPerMillion = 2.5m, OutputPerMillion = 10m }, new() { Model = "other", InputPerMillion = 1m }];

        var rows = JudgeUsageRows.From(usage, prices);
        RunReportWriter.Write(dir.Path, [], [], [], "flexible", new JsonObject { ["models"] = new JsonObject() }, usage: rows);

        // 1.5M prompt tokens at 2.5 per million and 0.2M completion tokens at 10 per million: 3.75 + 2 = 5.75.
        Assert.Equal([new EndpointUsage(Unpriced, 100, 7, 5, 9, 1, 50_000, 2_000, null), new EndpointUsage(Priced, 960, 12, 12, 30, 0, 1_500_000, 200_000, 5.75m)],
                     rows.OrderBy(r => r.Calls));
        var markdown = File.ReadAllText(Path.Combine(dir.Path, ReportWriter.MarkdownFile));
        Assert.Contains($"| {Priced} | 960 | 12 | 12 | 30 | 0 | 1500000 | 200000 | 5.7500 |", markdown);
        Assert.Contains($"| {Unpriced} | 100 | 7 | 5 | 9 | 1 | 50000 | 2000 | – |", markdown);
        Assert.Contains("| **total** | 1060 | 19 | 17 | 39 | 1 | 1550000 | 202000 | – |", markdown);   // one cost unknown: no total cost

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, ReportWriter.JsonFile)))!.AsObject();
        var json = report[UsageReport.JsonField]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["endpoint"]!.GetValue<string>());
        Assert.Equal(5.75m, json[Priced]["cost"]!.GetValue<decimal>());
        Assert.False(json[Unpriced].ContainsKey("cost"));
        Assert.Equal(17, json.Values.Sum(r => r["rate_limited"]!.GetValue<long>()));

        var metrics = RunJudge.Summary(report);
        Assert.Equal(960, metrics[$"usage:{Priced}/calls"]);
        Assert.Equal(5.75, metrics[$"usage:{Priced}/cost"]);
        Assert.Equal(2_000, metrics[$"usage:{Unpriced}/completion_tokens"]);
        Assert.False(metrics.ContainsKey($"usage:{Unpriced}/cost"));
    }

    [Fact]
    public void A_report_without_endpoint_calls_has_no_usage_section()
    {
        RunReportWriter.Write(dir.Path, [], [], [], "flexible", usage: JudgeUsageRows.From(new Dictionary<string, UsageTotals>(), []));

        Assert.DoesNotContain("Endpoints: calls, tokens and cost", File.ReadAllText(Path.Combine(dir.Path, ReportWriter.MarkdownFile)), StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, ReportWriter.JsonFile)))!.AsObject().ContainsKey(UsageReport.JsonField));
    }
}
