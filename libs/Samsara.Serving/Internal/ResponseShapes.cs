using System.Text.Json.Nodes;
using Samsara.Engine.Generation;

namespace Samsara.Serving.Internal;

/// <summary>OpenAI's response objects for completions and chat completions, whole and as stream chunks.</summary>
internal static class ResponseShapes
{
    // The API has one "stop" for EOS and stop strings alike.
    public static string FinishReason(FinishReason reason) => reason == Engine.Generation.FinishReason.Length ? "length" : "stop";

    /// <summary>Each prompt is billed once, however many (<paramref name="n"/>) choices it has.</summary>
    public static JsonObject Usage(IReadOnlyList<ChoiceResult> results, int n)
    {
        long prompt = results.Where((_, i) => i % n == 0).Sum(r => (long)r.PromptTokens);
        long completion = results.Sum(r => (long)r.CompletionTokens);
        return new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }

    public static JsonObject Envelope(string id, string objectName, long created, string model, JsonArray choices) => new()
    {
        ["id"] = id,
        ["object"] = objectName,
        ["created"] = created,
        ["model"] = model,
        ["choices"] = choices,
    };

    public static JsonObject TextChoice(int index, string text, JsonNode? logprobs, string? finishReason) => new()
    {
        ["index"] = index,
        ["text"] = text,
        ["logprobs"] = logprobs,
        ["finish_reason"] = finishReason,
    };

    public static JsonObject ChatChoice(int index, string text, JsonNode? logprobs, string finishReason) => new()
    {
        ["index"] = index,
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
        ["logprobs"] = logprobs,
        ["finish_reason"] = finishReason,
    };

    public static JsonObject ChatDelta(int index, JsonObject delta, JsonNode? logprobs, string? finishReason) => new()
    {
        ["index"] = index,
        ["delta"] = delta,
        ["logprobs"] = logprobs,
        ["finish_reason"] = finishReason,
    };

    /// <summary>Legacy completions log-probs: tokens, token_logprobs, top_logprobs (token → log-prob), text_offset.</summary>
    public static JsonObject TextLogProbs(IReadOnlyList<TokenLogProb> tokens, int top)
    {
        var offsets = new JsonArray();
        var offset = 0;
        foreach (var t in tokens)
        {
            offsets.Add(offset);
            offset += t.Token.Length;
        }
        return new JsonObject
        {
            ["tokens"] = new JsonArray(tokens.Select(t => (JsonNode)JsonValue.Create(t.Token)).ToArray()),
            ["token_logprobs"] = new JsonArray(tokens.Select(t => (JsonNode)JsonValue.Create(t.LogProb)).ToArray()),
            ["top_logprobs"] = new JsonArray(tokens.Select(t => (JsonNode?)(top == 0 ? null : TopMap(t))).ToArray()),
            ["text_offset"] = offsets,
        };
    }

    /// <summary>Chat log-probs: {"content":[{"token","logprob","bytes","top_logprobs":[…]}]}.</summary>
    public static JsonObject ChatLogProbs(IReadOnlyList<TokenLogProb> tokens) => new()
    {
        ["content"] = new JsonArray(tokens.Select(t => (JsonNode)new JsonObject
        {
            ["token"] = t.Token,
            ["logprob"] = t.LogProb,
            ["bytes"] = Bytes(t.Token),
            ["top_logprobs"] = new JsonArray(t.Top.Select(a => (JsonNode)new JsonObject
            {
                ["token"] = a.Token, ["logprob"] = a.LogProb, ["bytes"] = Bytes(a.Token),
            }).ToArray()),
        }).ToArray()),
    };

    private static JsonObject TopMap(TokenLogProb t)
    {
        var map = new JsonObject();
        foreach (var (token, logProb) in t.Top) map.TryAdd(token, logProb);   // two ids with one text: the likelier (first) wins
        return map;
    }

    private static JsonArray Bytes(string token) => new(System.Text.Encoding.UTF8.GetBytes(token).Select(b => (JsonNode)JsonValue.Create((int)b)).ToArray());
}
