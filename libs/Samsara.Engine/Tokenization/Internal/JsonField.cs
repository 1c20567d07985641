using System.Text.Json;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// A JSON value with the file and the field path it was read from, so that every error raised while reading
/// tokenizer files names both (<c>tokenizer.json: model.merges[3] ...</c>).
/// </summary>
internal readonly record struct JsonField(string File, string Path, JsonElement Value)
{
    /// <summary>Parses <paramref name="file"/>; a missing file or malformed JSON becomes a <see cref="TokenizerException"/>.</summary>
    public static JsonField ReadFile(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new TokenizerException($"{file}: file not found");
        }

        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(file));
            return new JsonField(file, string.Empty, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new TokenizerException($"{file}: malformed JSON ({e.Message})", e);
        }
    }

    public JsonValueKind Kind => Value.ValueKind;

    public TokenizerException Error(string message) =>
        new(Path.Length == 0 ? $"{File}: {message}" : $"{File}: {Path} {message}");

    /// <summary>The member <paramref name="name"/>; absent and null are both reported as missing.</summary>
    public JsonField Required(string name) =>
        Optional(name) ?? throw Child(name).Error("is missing");

    /// <summary>The member <paramref name="name"/>, or null when it is absent or JSON null.</summary>
    public JsonField? Optional(string name)
    {
        RequireKind(JsonValueKind.Object);
        if (!Value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Child(name) with { Value = member };
    }

    public bool Has(string name)
    {
        RequireKind(JsonValueKind.Object);
        return Value.TryGetProperty(name, out _);
    }

    public string String()
    {
        RequireKind(JsonValueKind.String);
        return Value.GetString()!;
    }

    public int Int()
    {
        RequireKind(JsonValueKind.Number);
        return Value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Error($"must be a non-negative 32-bit integer (got {Value.GetRawText()})");
    }

    public double Number()
    {
        RequireKind(JsonValueKind.Number);
        return Value.GetDouble();
    }

    public bool Bool() => Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"must be true or false (got {Value.ValueKind})"),
    };

    public string? OptionalString(string name) => Optional(name)?.String();

    public bool OptionalBool(string name, bool fallback) => Optional(name)?.Bool() ?? fallback;

    public IEnumerable<JsonField> Items()
    {
        RequireKind(JsonValueKind.Array);
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            yield return new JsonField(File, $"{Path}[{index}]", item);
            index++;
        }
    }

    public IEnumerable<(string Name, JsonField Field)> Members()
    {
        RequireKind(JsonValueKind.Object);
        foreach (var member in Value.EnumerateObject())
        {
            yield return (member.Name, Child(member.Name) with { Value = member.Value });
        }
    }

    private JsonField Child(string name) => this with { Path = Path.Length == 0 ? name : $"{Path}.{name}" };

    private void RequireKind(JsonValueKind kind)
    {
        if (Value.ValueKind != kind)
        {
            throw Error($"must be {Article(kind)} (got {Value.ValueKind})");
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString(),
    };
}
