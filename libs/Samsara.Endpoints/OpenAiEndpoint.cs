using System.Diagnostics;
using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using Samsara.Endpoints.Internal;

namespace Samsara.Endpoints;

/// <summary>
/// One OpenAI-compatible endpoint and model, through the official OpenAI client: at most
/// <see cref="EndpointOptions.MaxConcurrency"/> requests in flight, transient failures (5xx, timeouts, dropped
/// connections, cut streams) retried with jittered exponential backoff, a 429 answered by pausing every request of
/// the process to that endpoint (its Retry-After, or backoff; <see cref="EndpointOptions.RateLimitPatience"/> bounds
/// the wait), and every answer's token usage added to <see cref="Usage"/> and to the open <see cref="UsageScope"/>s. Anything else — an unknown model, a bad request, an answer that is not
/// OpenAI's JSON, retries exhausted — is an <see cref="EndpointException"/> naming the endpoint and the problem.
/// Thread-safe; share one instance per endpoint across a run.
/// </summary>
public sealed class OpenAiEndpoint : IDisposable
{
    private readonly OpenAIClient client;
    private readonly ChatClient chat;
    private readonly SemaphoreSlim slots;
    private readonly ILogger logger;
    private readonly Random jitter = new();
    private readonly TimeProvider time;
    private readonly EndpointThrottle throttle;

    /// <param name="time">The clock pauses and backoff are timed by (tests pass a fake one).</param>
    public OpenAiEndpoint(EndpointOptions options, UsageMeter? usage = null, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        this.time = time ?? TimeProvider.System;
        throttle = EndpointThrottle.For(options, this.time);
        Usage = usage ?? new UsageMeter();
        this.logger = logger ?? NullLogger.Instance;
        slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            // Retries are ours (counted, logged, bounded by MaxAttempts), so the package's own policy is off.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.RequestTimeout,
        };
        // Servers without authentication ignore the header; the package insists on some key.
        client = new OpenAIClient(new ApiKeyCredential(options.ResolvedApiKey ?? "none"), clientOptions);
        chat = client.GetChatClient(options.Model);
    }

    public EndpointOptions Options { get; }

    /// <summary>Tokens and requests so far, over every call on this endpoint (or on the meter passed in).</summary>
    public UsageMeter Usage { get; }

    /// <summary>POST /chat/completions: the assistant's reply to <paramref name="messages"/>.</summary>
    public Task<EndpointCompletion> CompleteChatAsync(IReadOnlyList<ChatTurn> messages, EndpointSampling sampling, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0) throw new ArgumentException("a chat request needs at least one message");
        var converted = messages.Select(ToMessage).ToArray();
        return WithRetriesAsync(ct => Options.Stream ? StreamChatAsync(converted, sampling, ct) : ChatAsync(converted, sampling, ct), cancellationToken);
    }

    /// <summary>POST /completions: the continuation of a plain-text <paramref name="prompt"/> (vLLM, TGI, llama.cpp, samsara serve).</summary>
    public Task<EndpointCompletion> CompleteTextAsync(string prompt, EndpointSampling sampling, CancellationToken cancellationToken = default) =>
        WithRetriesAsync(ct => TextCompletionCall.SendAsync(client.Pipeline, Options, prompt, sampling, time, ct), cancellationToken);

    /// <summary>GET /models: the names of the models the endpoint serves.</summary>
    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        WithRetriesAsync<IReadOnlyList<string>>(async ct =>
        {
            var models = await client.GetOpenAIModelClient().GetModelsAsync(ct).ConfigureAwait(false);
            return models.Value.Select(m => m.Id).ToArray();
        }, cancellationToken, countUsage: false);

    /// <summary>
    /// Fails early, before any work, when the endpoint does not list the configured model (a typo would otherwise
    /// cost one failed request per item). Servers without a /models route are given the benefit of the doubt.
    /// </summary>
    public async Task EnsureModelServedAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> served;
        try
        {
            served = await ListModelsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EndpointException e) when (e.StatusCode is 404 or 405)
        {
            return;
        }
        if (!served.Contains(Options.Model, StringComparer.Ordinal))
            throw new EndpointException($"{Options.BaseUrl} does not serve model '{Options.Model}' (it serves: {(served.Count == 0 ? "none" : string.Join(", ", served))})", 404);
    }

    public void Dispose() => slots.Dispose();

    private async Task<EndpointCompletion> ChatAsync(ChatMessage[] messages, EndpointSampling sampling, CancellationToken ct)
    {
        var result = await chat.CompleteChatAsync(messages, ChatOptions(sampling), ct).ConfigureAwait(false);
        var c = result.Value;
        var text = string.Concat(c.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new EndpointCompletion(text, WireName(c.FinishReason), c.Usage is { } u ? new TokenUsage(u.InputTokenCount, u.OutputTokenCount) : default);
    }

    private async Task<EndpointCompletion> StreamChatAsync(ChatMessage[] messages, EndpointSampling sampling, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        var usage = default(TokenUsage);
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, ChatOptions(sampling), ct).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            if (update.Usage is { } u) usage = new TokenUsage(u.InputTokenCount, u.OutputTokenCount);
        }
        // The package ends the enumeration quietly when the connection closes early; only a finish_reason proves the answer is whole.
        return finish is { } f ? new EndpointCompletion(text.ToString(), WireName(f), usage)
            : throw new TransientFailure($"{Options}: the answer's stream ended before its finish_reason");
    }

    private static ChatCompletionOptions ChatOptions(EndpointSampling sampling)
    {
        if (sampling.TopK > 0) throw new ArgumentException("top-k is not part of the chat API; use the completions API or leave it at 0");
        var options = new ChatCompletionOptions
        {
            Temperature = (float)sampling.Temperature,
            TopP = (float)sampling.TopP,
            MaxOutputTokenCount = sampling.MaxTokens,
        };
        foreach (var s in sampling.Stop) options.StopSequences.Add(s);
#pragma warning disable OPENAI001 // seed is marked experimental in the package; vLLM and samsara serve honour it
        options.Seed = sampling.Seed;
#pragma warning restore OPENAI001
        return options;
    }

    private static ChatMessage ToMessage(ChatTurn turn) => turn.Role switch
    {
        "system" => new SystemChatMessage(turn.Content),
        "user" => new UserChatMessage(turn.Content),
        "assistant" => new AssistantChatMessage(turn.Content),
        _ => throw new ArgumentException($"chat role '{turn.Role}' is not system, user or assistant"),
    };

    private static string WireName(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString(),
    };

    private async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken, bool countUsage = true)
    {
        var failedAttempts = 0;
        DateTimeOffset? throttledSince = null;   // when this request first met the endpoint's rate limit
        while (true)
        {
            throttledSince = await WaitOutPauseAsync(throttledSince, cancellationToken).ConfigureAwait(false);
            TransientFailure failure;
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (throttle.PausedUntil > time.GetUtcNow())
            {
                // A pause began while this request queued for a slot: wait it out without holding the slot.
                slots.Release();
                continue;
            }
            var sentAt = time.GetUtcNow();
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(Options.RequestTimeout);
                var started = Stopwatch.GetTimestamp();
                var result = await attempt(deadline.Token).ConfigureAwait(false);
                throttle.Answered();
                if (countUsage && result is EndpointCompletion c)
                {
                    Count(m => m.AddAnswer(c.Usage));
                    EndpointMetrics.Answered(Options.Model, Stopwatch.GetElapsedTime(started), c.Usage);
                }
                return result;
            }
            catch (TransientFailure f)
            {
                failure = f;
            }
            catch (EndpointException e)
            {
                Fail(e.Message);
                throw;
            }
            catch (Exception e) when (FailureReader.Classify(Options.ToString(), e, Options.RequestTimeout, time.GetUtcNow(), cancellationToken) is { } mapped)
            {
                if (mapped is EndpointException endpointError)
                {
                    Fail(endpointError.Message);
                    throw endpointError;
                }
                failure = (TransientFailure)mapped;
            }
            finally
            {
                slots.Release();
            }

            if (failure.StatusCode == 429)
            {
                // Not an attempt used up: the endpoint is asking everyone to slow down, which the pause does.
                Count(m => m.AddRateLimited());
                DateTimeOffset until;
                lock (jitter) until = throttle.RateLimited(sentAt, failure.RetryAfter, Options, jitter);
                throttledSince ??= sentAt;
                CheckPatience(throttledSince.Value, until, failure.Message);
                Count(m => m.AddRetry());
                EndpointsLog.RateLimited(logger, Options.ToString(), failure.Message, until - time.GetUtcNow());
                continue;
            }
            if (++failedAttempts >= Options.MaxAttempts)
            {
                var message = $"{failure.Message} (gave up after {failedAttempts} attempt{(failedAttempts == 1 ? "" : "s")})";
                Fail(message);
                throw new EndpointException(message, failure.StatusCode, failure);
            }
            TimeSpan delay;
            lock (jitter) delay = Backoff.Delay(failedAttempts, Options, failure.RetryAfter, jitter);
            Count(m => m.AddRetry());
            EndpointsLog.Retrying(logger, Options.ToString(), failure.Message, failedAttempts, Options.MaxAttempts - 1, delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Waits while the endpoint is paused (by any caller's 429); returns when this request first had to, if ever.
    private async Task<DateTimeOffset?> WaitOutPauseAsync(DateTimeOffset? throttledSince, CancellationToken cancellationToken)
    {
        while (throttle.PausedUntil is var until && time.GetUtcNow() is var now && until > now)
        {
            throttledSince ??= now;
            CheckPatience(throttledSince.Value, until, $"{Options} asked for a pause (HTTP 429)");
            Count(m => m.AddThrottledWait());
            await Task.Delay(until - now, time, cancellationToken).ConfigureAwait(false);
        }
        return throttledSince;
    }

    private void CheckPatience(DateTimeOffset since, DateTimeOffset until, string reason)
    {
        if (until - since <= Options.RateLimitPatience) return;
        var message = $"{reason}; rate-limited for longer than the patience of {Options.RateLimitPatience.TotalSeconds:0.###} s (it asks to wait until {until:u})";
        Fail(message);
        throw new EndpointException(message, 429);
    }

    // The endpoint's own meter and, per endpoint, every usage scope open on this flow (the task's share).
    private void Count(Action<UsageMeter> count)
    {
        count(Usage);
        UsageScope.CountAll(Options.Name, count);
    }

    private void Fail(string message)
    {
        Count(m => m.AddFailure());
        EndpointsLog.Failed(logger, Options.ToString(), message);
    }
}
