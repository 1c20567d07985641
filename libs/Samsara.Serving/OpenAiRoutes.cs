using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Serving.Internal;

namespace Samsara.Serving;

/// <summary>
/// The OpenAI-compatible routes: GET /v1/models, POST /v1/completions and /v1/chat/completions (JSON, or SSE with
/// "stream": true — "data: {chunk}" events ending "data: [DONE]"). A refused request is answered in OpenAI's error
/// shape: 400 for a bad field (named in "param"), 404 for a model this server does not serve or an unknown route.
/// Streaming sends a completion's tokens as chunks once the engine batch holding it has finished.
/// </summary>
public static class OpenAiRoutes
{
    public static IEndpointRouteBuilder MapOpenAiRoutes(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/models", (ServingOptions o) => Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray(Model(o)) }));
        routes.MapGet("/v1/models/{id}", (string id, ServingOptions o) => id == o.ModelName ? Results.Json(Model(o)) : OpenAiError.UnknownModel(id).ToResult());
        routes.MapPost("/v1/completions", (HttpContext context, EngineBatcher engine, ServingOptions o) => HandleAsync(context, engine, o, chat: false));
        routes.MapPost("/v1/chat/completions", (HttpContext context, EngineBatcher engine, ServingOptions o) => HandleAsync(context, engine, o, chat: true));
        routes.MapGet("/health", () => Results.Ok());
        routes.MapFallback((HttpContext context) =>
            new OpenAiError(404, $"there is no route {context.Request.Method} {context.Request.Path}", code: "unknown_url").ToResult());
        return routes;
    }

    private static JsonObject Model(ServingOptions o) => new() { ["id"] = o.ModelName, ["object"] = "model", ["created"] = Started, ["owned_by"] = "samsara" };

    private static readonly long Started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static async Task HandleAsync(HttpContext context, EngineBatcher engine, ServingOptions options, bool chat)
    {
        ParsedRequest request;
        IReadOnlyList<ChoiceResult> results;
        try
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            request = ParsedRequest.Read(body, chat, engine.Model, options);
            results = await engine.Submit(new EngineJob(request.Prompts, request.PromptTokens, request.N, request.Options, request.TopLogProbs)).ConfigureAwait(false);
        }
        catch (OpenAiError e)
        {
            await e.ToResult().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await new OpenAiError(500, $"the engine failed: {e.Message}", type: "server_error").ToResult().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        var id = (chat ? "chatcmpl-" : "cmpl-") + RandomNumberGenerator.GetHexString(24, lowercase: true);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (request.Stream) await StreamAsync(context, engine, options, request, results, id, created).ConfigureAwait(false);
        else await Results.Json(Whole(options, request, results, id, created)).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                   ?? throw OpenAiError.BadRequest("the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw OpenAiError.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
    }

    private static JsonObject Whole(ServingOptions options, ParsedRequest request, IReadOnlyList<ChoiceResult> results, string id, long created)
    {
        var choices = new JsonArray(results.Select((r, i) => (JsonNode)(request.Chat
            ? ResponseShapes.ChatChoice(i, r.Completion.Text, r.LogProbs is { } lp ? ResponseShapes.ChatLogProbs(lp) : null, ResponseShapes.FinishReason(r.Completion.FinishReason))
            : ResponseShapes.TextChoice(i, r.Completion.Text, r.LogProbs is { } tp ? ResponseShapes.TextLogProbs(tp, request.TopLogProbs ?? 0) : null,
                ResponseShapes.FinishReason(r.Completion.FinishReason)))).ToArray());
        var response = ResponseShapes.Envelope(id, request.Chat ? "chat.completion" : "text_completion", created, options.ModelName, choices);
        response["usage"] = ResponseShapes.Usage(results, request.N);
        return response;
    }

    private static async Task StreamAsync(HttpContext context, EngineBatcher engine, ServingOptions options, ParsedRequest request,
                                          IReadOnlyList<ChoiceResult> results, string id, long created)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var objectName = request.Chat ? "chat.completion.chunk" : "text_completion";
        Task Send(JsonArray choices, JsonObject? usage = null)
        {
            var chunk = ResponseShapes.Envelope(id, objectName, created, options.ModelName, choices);
            if (usage is not null) chunk["usage"] = usage;
            return WriteEventAsync(response, chunk.ToJsonString(), context.RequestAborted);
        }
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (request.Chat) await Send([ResponseShapes.ChatDelta(i, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null, null)]).ConfigureAwait(false);
            foreach (var piece in StreamPieces.Split(r.Completion.Text, r.Completion.TokenIds, engine.Model.Tokenizer))
                await Send([request.Chat ? ResponseShapes.ChatDelta(i, new JsonObject { ["content"] = piece }, null, null)
                    : ResponseShapes.TextChoice(i, piece, null, null)]).ConfigureAwait(false);
            var finish = ResponseShapes.FinishReason(r.Completion.FinishReason);
            // The log-probs of a streamed choice travel with its last chunk.
            await Send([request.Chat
                ? ResponseShapes.ChatDelta(i, [], r.LogProbs is { } lp ? ResponseShapes.ChatLogProbs(lp) : null, finish)
                : ResponseShapes.TextChoice(i, "", r.LogProbs is { } tp ? ResponseShapes.TextLogProbs(tp, request.TopLogProbs ?? 0) : null, finish)]).ConfigureAwait(false);
        }
        if (request.IncludeUsage) await Send([], ResponseShapes.Usage(results, request.N)).ConfigureAwait(false);
        await WriteEventAsync(response, "[DONE]", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteEventAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
