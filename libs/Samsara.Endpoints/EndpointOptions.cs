namespace Samsara.Endpoints;

/// <summary>
/// Where an OpenAI-compatible endpoint is and how hard to lean on it. The API key comes from configuration or the
/// environment (<see cref="ApiKeyVariable"/>), never from code, and <see cref="ToString"/> never shows it.
/// </summary>
public sealed record EndpointOptions
{
    /// <summary>The environment variable the CLI and services read the key from when none is configured.</summary>
    public const string ApiKeyVariable = "SAMSARA_OPENAI_API_KEY";

    /// <summary>The API root, e.g. http://127.0.0.1:8000/v1 (requests go to {BaseUrl}/chat/completions, …).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The served model's name, as /v1/models lists it.</summary>
    public required string Model { get; init; }

    /// <summary>Sent as a bearer token; servers without authentication (vLLM, samsara serve) accept any.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Requests in flight at once (across every caller sharing this endpoint).</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>
    /// Tries per request, the first included, before a transient failure (5xx, timeout, dropped connection) becomes an
    /// error. 429s do not count: they pause the endpoint (<see cref="RateLimitPatience"/>).
    /// </summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>
    /// How long one request waits out an endpoint that keeps answering 429 (and the pauses it asks for) before the 429
    /// becomes an error: a rate limit slows a run down, it does not fail it, unless it outlasts this.
    /// </summary>
    public TimeSpan RateLimitPatience { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>One attempt's time limit, the whole response included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry's backoff; each further retry doubles it (jittered), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest Retry-After honoured; a server asking for more is waited on this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receive responses as SSE streams (what long generations through proxies with idle timeouts need).</summary>
    public bool Stream { get; init; }

    /// <summary>An empty or missing key falls back to <see cref="ApiKeyVariable"/>.</summary>
    public string? ResolvedApiKey => string.IsNullOrEmpty(ApiKey) ? Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } k ? k : null : ApiKey;

    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"endpoint '{BaseUrl}' is not an absolute http(s) URL");
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("the endpoint's model name is required");
        if (MaxConcurrency < 1) throw new ArgumentException($"endpoint concurrency must be at least 1, not {MaxConcurrency}");
        if (MaxAttempts < 1) throw new ArgumentException($"endpoint attempts must be at least 1, not {MaxAttempts}");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException($"endpoint request timeout must be positive, not {RequestTimeout}");
        if (RateLimitPatience < TimeSpan.Zero) throw new ArgumentException($"endpoint rate-limit patience must not be negative, not {RateLimitPatience}");
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff) throw new ArgumentException("endpoint backoff must satisfy 0 ≤ initial ≤ max");
    }

    /// <summary>"openai:URL#MODEL", as judge specs write it: the endpoint's name in usage records and reports.</summary>
    public string Name => $"openai:{BaseUrl}#{Model}";

    /// <summary>The endpoint and model, without the key.</summary>
    public override string ToString() => $"{Model} at {BaseUrl}";
}
