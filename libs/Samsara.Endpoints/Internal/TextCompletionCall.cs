using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json.Nodes;

namespace Samsara.Endpoints.Internal;

/// <summary>
/// POST {base}/completions — the plain-text API vLLM, TGI and llama.cpp serve (the OpenAI package has no client for it,
/// so the request goes through its pipeline, keeping its authentication and transport). Streamed answers are read as
/// SSE; a stream that stops before its finish_reason and [DONE] is a transient failure.
/// </summary>
internal static class TextCompletionCall
{
    public static async Task<EndpointCompletion> SendAsync(ClientPipeline pipeline, EndpointOptions options, string prompt, EndpointSampling sampling,
                                                          TimeProvider time, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = options.Model,
            ["prompt"] = prompt,
            ["max_tokens"] = sampling.MaxTokens,
            ["temperature"] = sampling.Temperature,
            ["top_p"] = sampling.TopP,
        };
        if (sampling.TopK > 0) body["top_k"] = sampling.TopK;
        if (sampling.Stop.Count > 0) body["stop"] = new JsonArray(sampling.Stop.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
        if (sampling.Seed is { } seed) body["seed"] = seed;
        if (sampling.IgnoreEos) body["ignore_eos"] = true;
        if (options.Stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        using var message = pipeline.CreateMessage();
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        message.ResponseClassifier = PipelineMessageClassifier.Create(stackalloc ushort[] { 200 });
        message.BufferResponse = !options.Stream;
        var request = message.Request;
        request.Method = "POST";
        request.Uri = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/completions");
        request.Headers.Set("Content-Type", "application/json");
        request.Headers.Set("Accept", options.Stream ? "text/event-stream" : "application/json");
        request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
        await pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response!;
        if (response.IsError)
        {
            if (options.Stream) await response.BufferContentAsync(cancellationToken).ConfigureAwait(false);
            throw FailureReader.FromStatus(options.ToString(), response, time.GetUtcNow());
        }
        return options.Stream ? await ReadStreamAsync(response, options, cancellationToken).ConfigureAwait(false) : ReadBody(response.Content.ToString(), options);
    }

    private static EndpointCompletion ReadBody(string text, EndpointOptions options)
    {
        var json = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("the body is not a JSON object");
        var choice = FirstChoice(json, options);
        var finish = choice["finish_reason"]?.GetValue<string>() ?? throw new FormatException("choices[0].finish_reason is missing");
        return new EndpointCompletion(choice["text"]?.GetValue<string>() ?? throw new FormatException("choices[0].text is missing"), finish, Usage(json));
    }

    private static async Task<EndpointCompletion> ReadStreamAsync(PipelineResponse response, EndpointOptions options, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        string? finish = null;
        var usage = default(TokenUsage);
        var done = false;
        using var reader = new StreamReader(response.ContentStream ?? throw new FormatException("the stream has no body"), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;   // comments, event names, blank separators
            var data = line[5..].Trim();
            if (data == "[DONE]")
            {
                done = true;
                break;
            }
            var chunk = JsonNode.Parse(data) as JsonObject ?? throw new FormatException("an SSE chunk is not a JSON object");
            if (chunk["error"] is { } error) throw new TransientFailure($"{options} reported an error mid-stream: {error.ToJsonString()}");
            if (chunk["usage"] is JsonObject) usage = Usage(chunk);
            if (chunk["choices"] is JsonArray { Count: > 0 })
            {
                var choice = FirstChoice(chunk, options);
                text.Append(choice["text"]?.GetValue<string>());
                if (choice["finish_reason"]?.GetValue<string>() is { } f) finish = f;
            }
        }
        if (!done || finish is null)
            throw new TransientFailure($"{options}: the answer's stream ended before {(finish is null ? "its finish_reason" : "[DONE]")}");
        return new EndpointCompletion(text.ToString(), finish, usage);
    }

    private static JsonObject FirstChoice(JsonObject json, EndpointOptions options) =>
        json["choices"] is JsonArray { Count: > 0 } choices && choices[0] is JsonObject choice ? choice
            : throw new FormatException($"the answer from {options} has no choices");

    private static TokenUsage Usage(JsonObject json) =>
        json["usage"] is JsonObject u ? new TokenUsage(u["prompt_tokens"]?.GetValue<long>() ?? 0, u["completion_tokens"]?.GetValue<long>() ?? 0) : default;
}
