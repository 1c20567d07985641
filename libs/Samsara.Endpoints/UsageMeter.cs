namespace Samsara.Endpoints;

/// <summary>
/// Token usage and request counts over a run, shared by every request that run makes (thread-safe). Retries are
/// counted apart from requests: a request retried twice is one request and two retries. A 429 is a retry that is
/// also counted as <see cref="RateLimited"/>; an attempt held back by the endpoint's pause is a <see cref="ThrottledWaits"/>.
/// </summary>
public sealed class UsageMeter
{
    private long promptTokens;
    private long completionTokens;
    private long requests;
    private long retries;
    private long failures;
    private long rateLimited;
    private long throttledWaits;

    public TokenUsage Usage => new(Interlocked.Read(ref promptTokens), Interlocked.Read(ref completionTokens));

    /// <summary>Requests that got an answer.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Attempts repeated after a transient failure (429s included).</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Requests that ended in an error (after their retries).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Attempts the endpoint answered with 429 Too Many Requests.</summary>
    public long RateLimited => Interlocked.Read(ref rateLimited);

    /// <summary>Times an attempt waited because the endpoint had asked every caller to pause (its own 429 or another's).</summary>
    public long ThrottledWaits => Interlocked.Read(ref throttledWaits);

    public void AddAnswer(TokenUsage usage)
    {
        Interlocked.Add(ref promptTokens, usage.PromptTokens);
        Interlocked.Add(ref completionTokens, usage.CompletionTokens);
        Interlocked.Increment(ref requests);
    }

    public void AddRetry() => Interlocked.Increment(ref retries);

    public void AddFailure() => Interlocked.Increment(ref failures);

    public void AddRateLimited() => Interlocked.Increment(ref rateLimited);

    public void AddThrottledWait() => Interlocked.Increment(ref throttledWaits);

    /// <summary>The figures now, as one record.</summary>
    public UsageTotals Snapshot()
    {
        var usage = Usage;
        return new(Requests, Retries, Failures, RateLimited, ThrottledWaits, usage.PromptTokens, usage.CompletionTokens);
    }

    public override string ToString() =>
        $"{Requests} requests ({Retries} retries, {RateLimited} rate-limited, {Failures} failed), {Usage.PromptTokens} prompt + {Usage.CompletionTokens} completion tokens";
}
