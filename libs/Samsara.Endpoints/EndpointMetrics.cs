using System.Diagnostics.Metrics;

namespace Samsara.Endpoints;

/// <summary>
/// <c>samsara.endpoint.duration</c> (seconds per answered request) and <c>samsara.endpoint.tokens</c> (tokens the
/// endpoint reports, by <c>samsara.token.type</c> input/output), tagged with the model. The meter is Samsara's
/// (named as ServiceDefaults' SamsaraTelemetry.Name, which hosts subscribe to; this library does not depend on it).
/// </summary>
internal static class EndpointMetrics
{
    private static readonly Meter Meter = new("Samsara");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "samsara.endpoint.duration", "s", "Time an OpenAI-compatible endpoint took to answer one request");

    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "samsara.endpoint.tokens", "{token}", "Tokens an OpenAI-compatible endpoint reported using");

    public static void Answered(string model, TimeSpan elapsed, TokenUsage usage)
    {
        var modelTag = new KeyValuePair<string, object?>("samsara.endpoint.model", model);
        Duration.Record(elapsed.TotalSeconds, modelTag);
        Tokens.Add(usage.PromptTokens, modelTag, new KeyValuePair<string, object?>("samsara.token.type", "input"));
        Tokens.Add(usage.CompletionTokens, modelTag, new KeyValuePair<string, object?>("samsara.token.type", "output"));
    }
}
