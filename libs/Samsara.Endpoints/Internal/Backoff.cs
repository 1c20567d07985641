using System.Globalization;

namespace Samsara.Endpoints.Internal;

/// <summary>
/// How long to wait before a retry: the server's Retry-After when it sent one (capped), else exponential backoff
/// with jitter — initial·2^(n−1), scaled by a random factor in [½, 1] so clients that failed together do not
/// retry together — capped at the maximum.
/// </summary>
internal static class Backoff
{
    public static TimeSpan Delay(int retry, EndpointOptions options, TimeSpan? retryAfter, Random random)
    {
        if (retryAfter is { } asked) return asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + 0.5 * random.NextDouble()));
    }

    /// <summary>
    /// Reads retry-after-ms (OpenAI's, milliseconds) or Retry-After (RFC 9110: seconds or an HTTP date);
    /// null when neither is there or readable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(string? milliseconds, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0) return TimeSpan.FromMilliseconds(ms);
        if (retryAfter is null) return null;
        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
