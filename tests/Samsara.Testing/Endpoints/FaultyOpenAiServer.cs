using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Samsara.Testing.Endpoints;

/// <summary>What the test double does with one attempt.</summary>
public enum Fault
{
    None,
    RateLimited,      // 429 with Retry-After
    ServerError,      // 500
    Slow,             // answers after the client's timeout
    TruncatedStream,  // SSE that stops before finish_reason and [DONE]
    TruncatedBody,    // a JSON body cut off mid-way, connection aborted
    Garbage,          // 200 with HTML
    UnknownModel,     // 404 model_not_found
}

/// <summary>
/// A small OpenAI-compatible server written only to inject faults, independent of samsara serve. It answers every
/// prompt with "reply(N)" (N = the prompt's length), so a test can tell that each answer belongs to its prompt, or
/// with what <c>answer(prompt)</c> scripts (a judge's verdict); <c>fault(attempt, prompt)</c> decides, per prompt and
/// attempt (1, 2, …), what goes wrong. For chat requests the prompt is the last message's content. Serves one model,
/// <see cref="Model"/>. Shared by the endpoint tests and the end-to-end scenarios (a run's judge endpoint).
/// </summary>
public sealed class FaultyOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Func<int, string, Fault> fault;
    private readonly Func<string, string> answer;
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private readonly TimeSpan latency;
    private int inFlight;
    private int maxInFlight;

    /// <param name="retryAfter">The Retry-After header of a 429; null: none (the client backs off on its own).</param>
    /// <param name="latency">Added to every request before it is answered, so requests overlap (<see cref="MaxInFlight"/>).</param>
    public FaultyOpenAiServer(Func<int, string, Fault> fault, string? retryAfter = "0", TimeSpan? slow = null, Func<string, string>? answer = null,
                              TimeSpan? latency = null)
    {
        this.fault = fault;
        this.latency = latency ?? TimeSpan.Zero;
        this.answer = answer ?? Reply;
        RetryAfter = retryAfter;
        Slow = slow ?? TimeSpan.FromSeconds(5);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/v1/models", () => Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model" }) }));
        app.MapPost("/v1/completions", context => AnswerAsync(context, chat: false));
        app.MapPost("/v1/chat/completions", context => AnswerAsync(context, chat: true));
    }

    /// <summary>The one model it serves.</summary>
    public const string Model = "double";

    public string? RetryAfter { get; }

    public TimeSpan Slow { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Attempts per prompt, and when each arrived.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Arrivals { get; } = new();

    public int TotalAttempts => Arrivals.Values.Sum(q => q.Count);

    /// <summary>The most completion requests the server was answering at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public async Task StartAsync()
    {
        await app.StartAsync();
        BaseUrl = new Uri(app.Urls.Single() + "/v1");
    }

    public static string Reply(string prompt) => $"reply({prompt.Length})";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, bool chat)
    {
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); now > seen; seen = Volatile.Read(ref maxInFlight))
            if (Interlocked.CompareExchange(ref maxInFlight, now, seen) == seen) break;
        try
        {
            if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            await AnswerOnceAsync(context, chat);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task AnswerOnceAsync(HttpContext context, bool chat)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var prompt = chat ? body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>() : body["prompt"]!.GetValue<string>();
        var attempt = attempts.AddOrUpdate(prompt, 1, (_, n) => n + 1);
        Arrivals.GetOrAdd(prompt, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(DateTimeOffset.UtcNow);
        var stream = body["stream"]?.GetValue<bool>() == true;
        var response = context.Response;
        switch (fault(attempt, prompt))
        {
            case Fault.RateLimited:
                response.StatusCode = 429;
                if (RetryAfter is not null) response.Headers["Retry-After"] = RetryAfter;
                await response.WriteAsJsonAsync(Error("Rate limit reached", "rate_limit_exceeded"));
                return;
            case Fault.ServerError:
                response.StatusCode = 500;
                await response.WriteAsJsonAsync(Error("The server had an error", null));
                return;
            case Fault.UnknownModel:
                response.StatusCode = 404;
                await response.WriteAsJsonAsync(Error($"The model `{body["model"]}` does not exist", "model_not_found"));
                return;
            case Fault.Garbage:
                response.ContentType = "text/html";
                await response.WriteAsync("<html><body>502 Bad Gateway</body></html>");
                return;
            case Fault.Slow:
                await Task.Delay(Slow, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                if (context.RequestAborted.IsCancellationRequested) return;
                break;
            case Fault.TruncatedBody:
                var whole = Encoding.UTF8.GetBytes(Whole(prompt, answer(prompt), chat).ToJsonString());
                response.ContentType = "application/json";
                response.ContentLength = whole.Length;
                await response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2));
                await response.Body.FlushAsync();
                context.Abort();
                return;
        }
        if (stream) await StreamAsync(context, prompt, answer(prompt), chat, truncated: fault(attempt, prompt) == Fault.TruncatedStream);
        else await response.WriteAsJsonAsync(Whole(prompt, answer(prompt), chat));
    }

    private static JsonObject Error(string message, string? code) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = code } };

    private static JsonObject Usage(string prompt) => new() { ["prompt_tokens"] = prompt.Length, ["completion_tokens"] = 3, ["total_tokens"] = prompt.Length + 3 };

    private static JsonObject Whole(string prompt, string reply, bool chat) => new()
    {
        ["id"] = "x",
        ["object"] = chat ? "chat.completion" : "text_completion",
        ["created"] = 0,
        ["model"] = Model,
        ["choices"] = new JsonArray(chat
            ? new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply }, ["finish_reason"] = "stop" }
            : new JsonObject { ["index"] = 0, ["text"] = reply, ["finish_reason"] = "stop" }),
        ["usage"] = Usage(prompt),
    };

    private static async Task StreamAsync(HttpContext context, string prompt, string reply, bool chat, bool truncated)
    {
        context.Response.ContentType = "text/event-stream";
        JsonObject Chunk(string text, string? finish) => new()
        {
            ["id"] = "x",
            ["object"] = chat ? "chat.completion.chunk" : "text_completion",
            ["created"] = 0,
            ["model"] = Model,
            ["choices"] = new JsonArray(chat
                ? new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text }, ["finish_reason"] = finish }
                : new JsonObject { ["index"] = 0, ["text"] = text, ["finish_reason"] = finish }),
        };
        async Task Send(string data)
        {
            await context.Response.WriteAsync($"data: {data}\n\n");
            await context.Response.Body.FlushAsync();
        }
        await Send(Chunk(reply[..Math.Min(3, reply.Length)], null).ToJsonString());
        if (truncated) return;
        await Send(Chunk(reply[Math.Min(3, reply.Length)..], null).ToJsonString());
        await Send(Chunk("", "stop").ToJsonString());
        var usage = new JsonObject { ["id"] = "x", ["object"] = chat ? "chat.completion.chunk" : "text_completion", ["created"] = 0, ["model"] = Model, ["choices"] = new JsonArray(), ["usage"] = Usage(prompt) };
        await Send(usage.ToJsonString());
        await Send("[DONE]");
    }
}
