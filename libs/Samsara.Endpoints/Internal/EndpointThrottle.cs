using System.Collections.Concurrent;

namespace Samsara.Endpoints.Internal;

/// <summary>
/// An endpoint's request to slow down, shared by every client of that endpoint (base URL and model) in the process:
/// when one request gets 429 Too Many Requests, every request waits until the pause it set is over, instead of each
/// finding out with a 429 of its own. The pause is the server's Retry-After when it sent one; without one, exponential
/// backoff at the endpoint's level, which rises with each 429 to a request sent after the last pause began (requests
/// already in flight when it began tell nothing new) and falls back to zero with the next answer.
/// </summary>
internal sealed class EndpointThrottle(TimeProvider time)
{
    private static readonly ConcurrentDictionary<(string BaseUrl, string Model), EndpointThrottle> Shared = new();

    private readonly Lock gate = new();
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset pauseBegan = DateTimeOffset.MinValue;
    private int level;

    public TimeProvider Time => time;

    /// <summary>The process's throttle for <paramref name="options"/>' endpoint; the first client's clock keeps its time.</summary>
    public static EndpointThrottle For(EndpointOptions options, TimeProvider time) =>
        Shared.GetOrAdd((options.BaseUrl.ToString().TrimEnd('/'), options.Model), _ => new EndpointThrottle(time));

    /// <summary>When the current pause ends (in the past when there is none).</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (gate) return pausedUntil;
        }
    }

    /// <summary>A 429 to a request sent at <paramref name="sentAt"/>: pauses every caller; returns when the pause ends.</summary>
    public DateTimeOffset RateLimited(DateTimeOffset sentAt, TimeSpan? retryAfter, EndpointOptions options, Random random)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (retryAfter is null && sentAt > pauseBegan) level++;
            var pause = Backoff.Delay(Math.Max(level, 1), options, retryAfter, random);
            if (now + pause > pausedUntil)
            {
                pausedUntil = now + pause;
                pauseBegan = now;
            }
            return pausedUntil;
        }
    }

    /// <summary>An answer: the endpoint is taking requests again, so the next 429 starts backoff from the bottom.</summary>
    public void Answered()
    {
        lock (gate) level = 0;
    }
}
