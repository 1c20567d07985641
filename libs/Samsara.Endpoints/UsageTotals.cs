using System.Text.Json.Nodes;

namespace Samsara.Endpoints;

/// <summary>
/// What one endpoint cost over some stretch of work (a task, a run): requests answered, attempts repeated
/// (<see cref="Retries"/>, of which <see cref="RateLimited"/> were 429s), requests that failed for good, attempts
/// held back because the endpoint had asked for a pause (<see cref="ThrottledWaits"/>) and the tokens billed.
/// </summary>
public sealed record UsageTotals(long Requests, long Retries, long Failures, long RateLimited, long ThrottledWaits, long PromptTokens, long CompletionTokens)
{
    public static readonly UsageTotals Zero = new(0, 0, 0, 0, 0, 0, 0);

    public bool IsEmpty => this == Zero;

    public static UsageTotals operator +(UsageTotals a, UsageTotals b) => Combine(a, b, (x, y) => x + y);

    /// <summary>The larger of each figure: what a task's record keeps when the task is recorded again (<see cref="RunUsage"/>).</summary>
    public static UsageTotals Max(UsageTotals a, UsageTotals b) => Combine(a, b, Math.Max);

    public JsonObject ToJson() => new()
    {
        ["requests"] = Requests,
        ["retries"] = Retries,
        ["failures"] = Failures,
        ["rate_limited"] = RateLimited,
        ["throttled_waits"] = ThrottledWaits,
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
    };

    /// <summary>Reads <see cref="ToJson"/>'s object; a missing figure is 0, a figure that is not a whole number is a <see cref="FormatException"/>.</summary>
    public static UsageTotals FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        long Field(string name) => json[name] switch
        {
            null => 0,
            JsonValue v when v.TryGetValue<long>(out var n) && n >= 0 => n,
            var other => throw new FormatException($"'{name}' is {other.ToJsonString()}, not a count"),
        };
        return new(Field("requests"), Field("retries"), Field("failures"), Field("rate_limited"), Field("throttled_waits"),
                   Field("prompt_tokens"), Field("completion_tokens"));
    }

    private static UsageTotals Combine(UsageTotals a, UsageTotals b, Func<long, long, long> f) => new(
        f(a.Requests, b.Requests), f(a.Retries, b.Retries), f(a.Failures, b.Failures), f(a.RateLimited, b.RateLimited),
        f(a.ThrottledWaits, b.ThrottledWaits), f(a.PromptTokens, b.PromptTokens), f(a.CompletionTokens, b.CompletionTokens));
}
