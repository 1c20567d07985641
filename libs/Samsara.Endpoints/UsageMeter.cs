namespace Samsara.Endpoints;

/// <summary>
/// Token usage and request counts over a run, shared by every request that run makes (thread-safe). Retries are
/// counted apart from requests: a request retried twice is one request and two retries.
/// </summary>
public sealed class UsageMeter
{
    private long promptTokens;
    private long completionTokens;
    private long requests;
    private long retries;
    private long failures;

    public TokenUsage Usage => new(Interlocked.Read(ref promptTokens), Interlocked.Read(ref completionTokens));

    /// <summary>Requests that got an answer.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Attempts repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Requests that ended in an error (after their retries).</summary>
    public long Failures => Interlocked.Read(ref failures);

    public void AddAnswer(TokenUsage usage)
    {
        Interlocked.Add(ref promptTokens, usage.PromptTokens);
        Interlocked.Add(ref completionTokens, usage.CompletionTokens);
        Interlocked.Increment(ref requests);
    }

    public void AddRetry() => Interlocked.Increment(ref retries);

    public void AddFailure() => Interlocked.Increment(ref failures);

    public override string ToString() =>
        $"{Requests} requests ({Retries} retries, {Failures} failed), {Usage.PromptTokens} prompt + {Usage.CompletionTokens} completion tokens";
}
