using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Samsara.Judging.Reports;

/// <summary>The run report's cost and token table (report.md) and its report.json form (<c>endpoint_usage</c>), one row per endpoint its judges called.</summary>
public static class UsageReport
{
    public const string JsonField = "endpoint_usage";

    public static void AppendSection(StringBuilder md, IReadOnlyList<EndpointUsage> endpoints, string level = "##")
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(endpoints);
        md.Append(CultureInfo.InvariantCulture, $"\n{level} Endpoints: calls, tokens and cost\n\n");
        md.Append("| endpoint | calls | retries | rate-limited (429) | throttled waits | failed | prompt tokens | completion tokens | cost |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var e in endpoints) Row(md, e.Endpoint, e);
        if (endpoints.Count > 1)
        {
            var costs = endpoints.Select(e => e.Cost).ToList();
            var total = new EndpointUsage("total", endpoints.Sum(e => e.Calls), endpoints.Sum(e => e.Retries), endpoints.Sum(e => e.RateLimited),
                endpoints.Sum(e => e.ThrottledWaits), endpoints.Sum(e => e.Failures), endpoints.Sum(e => e.PromptTokens), endpoints.Sum(e => e.CompletionTokens),
                costs.All(c => c is not null) ? costs.Sum() : null);
            Row(md, "**total**", total);
        }
        md.Append("\nSummed over every judge replica's tasks. Cost is in the currency of the configured per-million-token prices " +
                  "(`Judging:OpenAi:Prices`); \"–\": no price configured for the model.\n");
    }

    public static JsonArray ToJson(IReadOnlyList<EndpointUsage> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new JsonArray([.. endpoints.Select(e =>
        {
            var item = new JsonObject
            {
                ["endpoint"] = e.Endpoint,
                ["calls"] = e.Calls,
                ["retries"] = e.Retries,
                ["rate_limited"] = e.RateLimited,
                ["throttled_waits"] = e.ThrottledWaits,
                ["failures"] = e.Failures,
                ["prompt_tokens"] = e.PromptTokens,
                ["completion_tokens"] = e.CompletionTokens,
            };
            if (e.Cost is { } cost) item["cost"] = cost;
            return (JsonNode)item;
        })]);
    }

    private static void Row(StringBuilder md, string name, EndpointUsage e) => md.Append(CultureInfo.InvariantCulture,
        $"| {name} | {e.Calls} | {e.Retries} | {e.RateLimited} | {e.ThrottledWaits} | {e.Failures} | {e.PromptTokens} | {e.CompletionTokens} | {(e.Cost is { } c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "–")} |\n");
}
