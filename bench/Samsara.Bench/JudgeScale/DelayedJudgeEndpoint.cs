using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Samsara.Bench.JudgeScale;

/// <summary>
/// An OpenAI-compatible judge on a loopback port that answers every chat completion "[[A]]" after a fixed delay: the
/// latency of a remote LLM judge without its CPU, so the benchmark measures how judge replicas share waiting, which
/// is what scaling them buys, even on a 2-core machine. Counts the calls it answered.
/// </summary>
internal sealed class DelayedJudgeEndpoint : IAsyncDisposable
{
    public const string Model = "judge";

    private readonly WebApplication app;
    private int calls;

    private DelayedJudgeEndpoint(WebApplication app) => this.app = app;

    public int Calls => Volatile.Read(ref calls);

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<DelayedJudgeEndpoint> StartAsync(TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var endpoint = new DelayedJudgeEndpoint(builder.Build());
        endpoint.app.MapGet("/v1/models", () => Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model" }) }));
        endpoint.app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            await Task.Delay(latency, context.RequestAborted);
            Interlocked.Increment(ref endpoint.calls);
            return Results.Json(new JsonObject
            {
                ["id"] = "bench", ["object"] = "chat.completion", ["model"] = Model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "[[A]]" },
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 3, ["total_tokens"] = 103 },
            });
        });
        await endpoint.app.StartAsync();
        endpoint.BaseUrl = new Uri(endpoint.app.Urls.First().TrimEnd('/') + "/v1");
        return endpoint;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
