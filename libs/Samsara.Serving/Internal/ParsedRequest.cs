using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine;
using Samsara.Engine.Generation;

namespace Samsara.Serving.Internal;

/// <summary>A /v1/completions or /v1/chat/completions body, checked and turned into an engine job's inputs.</summary>
internal sealed record ParsedRequest(bool Chat, IReadOnlyList<string> Prompts, IReadOnlyList<int> PromptTokens, int N, GenerationOptions Options,
                                     int? TopLogProbs, bool Stream, bool IncludeUsage)
{
    public static ParsedRequest Read(JsonObject body, bool chat, LanguageModel lm, ServingOptions serving)
    {
        var f = new RequestFields(body);
        var model = f.String("model") ?? throw OpenAiError.BadRequest("'model' is required", "model");
        if (model != serving.ModelName) throw OpenAiError.UnknownModel(model);
        f.Unsupported("echo", v => v is JsonValue e && e.GetValueKind() == JsonValueKind.False);
        f.Unsupported("best_of", v => v is JsonValue e && e.TryGetValue<int>(out var b) && b <= 1);
        f.Unsupported("suffix", _ => false);
        f.Unsupported("presence_penalty", v => v is JsonValue e && e.TryGetValue<double>(out var p) && p == 0);
        f.Unsupported("frequency_penalty", v => v is JsonValue e && e.TryGetValue<double>(out var p) && p == 0);
        f.Unsupported("logit_bias", v => v is JsonObject { Count: 0 });
        f.Unsupported("tools", v => v is JsonArray { Count: 0 });
        f.Unsupported("response_format", v => v["type"]?.ToString() == "text");

        var prompts = chat ? [ChatTemplate.Format(Messages(body))] : TextPrompts(f);
        var what = chat ? "messages" : "prompt";
        var promptTokens = prompts.Select(p => Encode(lm, p, what)).ToArray();
        var room = lm.Config.ContextLength - promptTokens.Max();
        var maxTokensField = chat && f.Has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        var asked = f.Integer(maxTokensField, 1, int.MaxValue);
        if (asked > room)
            throw OpenAiError.BadRequest($"This model's maximum context length is {lm.Config.ContextLength} tokens. However, you requested " +
                                         $"{promptTokens.Max() + asked} tokens ({promptTokens.Max()} in the {what}, {asked} for the completion).", maxTokensField);
        // OpenAI's defaults: 16 tokens for plain completions; for chat, whatever room the context leaves.
        var maxTokens = (int)(asked ?? (chat ? room : Math.Min(16, room)));

        var stop = f.Strings("stop");
        if (stop.Any(string.IsNullOrEmpty)) throw OpenAiError.BadRequest("'stop' strings must not be empty", "stop");
        var topK = f.Integer("top_k", -1, int.MaxValue) ?? 0;
        var options = new GenerationOptions
        {
            MaxNewTokens = maxTokens,
            Temperature = f.Number("temperature", 1.0, 0, 2),
            TopP = f.Number("top_p", 1.0, double.Epsilon, 1),
            TopK = topK < 0 ? 0 : (int)topK,
            Stop = chat ? [.. stop, .. ChatTemplate.StopStrings] : stop,
            Seed = f.Integer("seed", long.MinValue, long.MaxValue) is { } seed ? unchecked((ulong)seed) : null,
            IgnoreEos = f.Bool("ignore_eos"),
        };
        var n = (int)(f.Integer("n", 1, serving.MaxChoices) ?? 1);
        int? top = chat
            ? f.Bool("logprobs") ? (int)(f.Integer("top_logprobs", 0, 20) ?? 0) : (f.Has("top_logprobs") ? throw OpenAiError.BadRequest("'top_logprobs' needs 'logprobs': true", "top_logprobs") : null)
            : (int?)f.Integer("logprobs", 0, 5);
        var stream = f.Bool("stream");
        var includeUsage = body["stream_options"] is JsonObject so && new RequestFields(so).Bool("include_usage");
        return new ParsedRequest(chat, prompts, promptTokens, n, options, top, stream, includeUsage);
    }

    private static string[] TextPrompts(RequestFields f)
    {
        if (!f.Has("prompt")) throw OpenAiError.BadRequest("'prompt' is required", "prompt");
        var prompts = f.Strings("prompt");   // token-id prompts (arrays of integers) are refused here, as a wrong type
        return prompts.Count > 0 ? [.. prompts] : throw OpenAiError.BadRequest("'prompt' must not be an empty array", "prompt");
    }

    private static List<(string Role, string Content)> Messages(JsonObject body)
    {
        if (body["messages"] is not JsonArray { Count: > 0 } messages) throw OpenAiError.BadRequest("'messages' must be a non-empty array", "messages");
        var result = new List<(string, string)>();
        for (var i = 0; i < messages.Count; i++)
        {
            var field = $"messages[{i}]";
            if (messages[i] is not JsonObject m) throw OpenAiError.BadRequest($"'{field}' must be an object", field);
            var role = m["role"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>()
                : throw OpenAiError.BadRequest($"'{field}.role' is required", $"{field}.role");
            if (role is not ("system" or "developer" or "user" or "assistant"))
                throw OpenAiError.BadRequest($"'{field}.role' must be system, developer, user or assistant, not '{role}'", $"{field}.role");
            result.Add((role, Content(m["content"], $"{field}.content")));
        }
        return result;
    }

    // A string, or an array of {"type":"text","text":…} parts (other part types — images, audio — are refused).
    private static string Content(JsonNode? content, string field) => content switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select((p, i) => p is JsonObject o && o["type"]?.ToString() == "text" && o["text"] is JsonValue t
                                                                && t.GetValueKind() == JsonValueKind.String
            ? t.GetValue<string>()
            : throw OpenAiError.BadRequest($"'{field}[{i}]' must be a text part; samsara serve reads text only", $"{field}[{i}]"))),
        _ => throw OpenAiError.BadRequest($"'{field}' must be a string or an array of text parts", field),
    };

    private static int Encode(LanguageModel lm, string prompt, string field)
    {
        try
        {
            return lm.EncodePrompt(prompt, $"the {field}", reserve: 1).Length;
        }
        catch (ArgumentException e)
        {
            throw OpenAiError.BadRequest(e.Message, field);
        }
    }
}
