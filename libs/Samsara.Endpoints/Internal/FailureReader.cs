using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Endpoints.Internal;

/// <summary>Turns what went wrong in one attempt into a transient failure (worth repeating) or an endpoint error (not).</summary>
internal static class FailureReader
{
    // 408 Request Timeout, 409 Conflict (OpenAI's "retry this"), 429 Too Many Requests and every 5xx are worth repeating.
    public static bool IsTransientStatus(int status) => status is 408 or 409 or 429 or >= 500;

    public static Exception FromStatus(string endpoint, PipelineResponse response, DateTimeOffset now, Exception? inner = null)
    {
        var status = response.Status;
        var detail = ErrorMessage(response);
        var text = $"{endpoint} answered HTTP {status}{(detail is null ? "" : $": {detail}")}";
        if (IsTransientStatus(status))
        {
            var retryAfter = Backoff.ParseRetryAfter(Header(response, "retry-after-ms"), Header(response, "Retry-After"), now);
            return new TransientFailure(text, retryAfter, status, inner);
        }
        return new EndpointException(text + (status == 404 ? " (is the model name right? see its /models)" : ""), status, inner);
    }

    /// <summary>
    /// Maps an attempt's exception; null when it is not the endpoint's doing (the caller's cancellation, a bug).
    /// <paramref name="now"/> is what a Retry-After date is counted from.
    /// </summary>
    public static Exception? Classify(string endpoint, Exception e, TimeSpan timeout, DateTimeOffset now, CancellationToken caller) => e switch
    {
        OperationCanceledException when caller.IsCancellationRequested => null,
        OperationCanceledException => new TransientFailure($"{endpoint} gave no complete answer within {timeout.TotalSeconds:0.###} s", inner: e),
        ClientResultException { Status: 0 } c => new TransientFailure($"{endpoint} could not be reached: {Innermost(c).Message}", inner: e),
        ClientResultException c when c.GetRawResponse() is { } response => FromStatus(endpoint, response, now, e),
        ClientResultException c => IsTransientStatus(c.Status)
            ? new TransientFailure($"{endpoint} answered HTTP {c.Status}", statusCode: c.Status, inner: e)
            : new EndpointException($"{endpoint} answered HTTP {c.Status}: {c.Message}", c.Status, e),
        HttpRequestException h => new TransientFailure($"{endpoint} could not be reached: {Innermost(h).Message}", inner: e),
        IOException io => new TransientFailure($"{endpoint} dropped the connection mid-answer: {io.Message}", inner: e),
        JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException =>
            new EndpointException($"{endpoint} answered with something that is not an OpenAI response ({e.Message})", inner: e),
        _ => null,
    };

    private static string? ErrorMessage(PipelineResponse response)
    {
        string body;
        try
        {
            body = response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            return null;   // a streamed body that was not buffered
        }
        if (body.Length == 0) return null;
        try
        {
            if (JsonNode.Parse(body)?["error"] is { } error)
                return error is JsonObject o ? o["message"]?.ToString() ?? o.ToJsonString() : error.ToString();
        }
        catch (JsonException)
        {
        }
        return body.Length > 300 ? body[..300] + "…" : body;
    }

    private static string? Header(PipelineResponse response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
