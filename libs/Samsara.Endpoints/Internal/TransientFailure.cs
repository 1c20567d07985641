namespace Samsara.Endpoints.Internal;

/// <summary>An attempt that may succeed if repeated (429, 5xx, timeout, dropped connection or stream), with the server's Retry-After if it sent one.</summary>
internal sealed class TransientFailure(string message, TimeSpan? retryAfter = null, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public int? StatusCode { get; } = statusCode;
}
