using Samsara.Judging.Reports;

namespace Samsara.Endpoints.Judging;

/// <summary>The run report's rows (<see cref="EndpointUsage"/>) from a run's recorded usage (<see cref="RunUsage.Total"/>) and the configured prices.</summary>
public static class JudgeUsageRows
{
    /// <summary>One row per endpoint, by name; the cost where a price names the endpoint's model, else none.</summary>
    public static IReadOnlyList<EndpointUsage> From(IReadOnlyDictionary<string, UsageTotals> usage, IEnumerable<TokenPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(prices);
        var byModel = new Dictionary<string, TokenPrice>(StringComparer.Ordinal);
        foreach (var price in prices) byModel[price.Model] = price;
        return [.. usage.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u =>
        {
            var (name, t) = (u.Key, u.Value);
            // "openai:URL#MODEL": the model follows the last '#'.
            var model = name.LastIndexOf('#') is >= 0 and var hash ? name[(hash + 1)..] : name;
            decimal? cost = byModel.TryGetValue(model, out var price) ? price.CostOf(t) : null;
            return new EndpointUsage(name, t.Requests, t.Retries, t.RateLimited, t.ThrottledWaits, t.Failures, t.PromptTokens, t.CompletionTokens, cost);
        })];
    }
}
