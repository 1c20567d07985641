using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Serving.Internal;

/// <summary>Typed reads of a request body's fields; a field of the wrong type or range is a 400 naming it.</summary>
internal sealed class RequestFields(JsonObject body)
{
    public JsonObject Body { get; } = body;

    public bool Has(string name) => Body[name] is not null;

    public string? String(string name) => Body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw OpenAiError.BadRequest($"'{name}' must be a string", name),
    };

    public bool Bool(string name, bool fallback = false) => Body[name] switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw OpenAiError.BadRequest($"'{name}' must be true or false", name),
    };

    public double Number(string name, double fallback, double min, double max)
    {
        if (Body[name] is null) return fallback;
        if (Body[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) throw OpenAiError.BadRequest($"'{name}' must be a number", name);
        var value = v.GetValue<double>();
        return value >= min && value <= max ? value : throw OpenAiError.BadRequest($"'{name}' must be between {min} and {max}, not {value}", name);
    }

    public long? Integer(string name, long min, long max)
    {
        if (Body[name] is null) return null;
        if (Body[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<long>(out var value))
            throw OpenAiError.BadRequest($"'{name}' must be an integer", name);
        return value >= min && value <= max ? value : throw OpenAiError.BadRequest($"'{name}' must be between {min} and {max}, not {value}", name);
    }

    /// <summary>A string or an array of strings (as "stop" and "prompt" allow).</summary>
    public IReadOnlyList<string> Strings(string name) => Body[name] switch
    {
        null => [],
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonArray a when a.All(x => x is JsonValue e && e.GetValueKind() == JsonValueKind.String) => a.Select(x => x!.GetValue<string>()).ToArray(),
        _ => throw OpenAiError.BadRequest($"'{name}' must be a string or an array of strings", name),
    };

    /// <summary>Refuses a field this server does not implement when it asks for something other than the default.</summary>
    public void Unsupported(string name, Func<JsonNode, bool> isDefault)
    {
        if (Body[name] is { } value && !isDefault(value)) throw OpenAiError.BadRequest($"'{name}' is not supported by samsara serve", name);
    }
}
