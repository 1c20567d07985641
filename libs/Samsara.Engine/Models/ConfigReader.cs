using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Engine.Models;

/// <summary>Typed reads of config.json fields; a wrong type is an error naming the file and the field.</summary>
internal sealed class ConfigReader(JsonObject json, string source)
{
    public string? String(string field) => Read(field, n => n.GetValue<string>(), "a string");

    public int? Int(string field) => Read(field, n => n.GetValue<int>(), "an integer");

    public double? Double(string field) => Read(field, n => n.GetValue<double>(), "a number");

    public bool? Bool(string field) => Read(field, n => n.GetValue<bool>(), "true or false");

    public IReadOnlyList<int> IntOrList(string field) => json[field] switch
    {
        null => [],
        JsonArray array => array.Select((_, i) => Read(array, i, field)).ToArray(),
        _ => [Int(field)!.Value],
    };

    public RopeScaling? RopeScaling(string field)
    {
        if (json[field] is null) return null;
        if (json[field] is not JsonObject block) throw Error(field, "must be an object or null");
        var inner = new ConfigReader(block, source);
        var type = inner.String("rope_type") ?? inner.String("type") ?? "default";
        if (type == "default") return null;
        var factor = inner.Double("factor") ?? throw Error($"{field}.factor", "is required");
        return type switch
        {
            "linear" => new RopeScaling(type, factor),
            "llama3" => new RopeScaling(type, factor,
                inner.Double("low_freq_factor") ?? throw Error($"{field}.low_freq_factor", "is required"),
                inner.Double("high_freq_factor") ?? throw Error($"{field}.high_freq_factor", "is required"),
                inner.Int("original_max_position_embeddings") ?? throw Error($"{field}.original_max_position_embeddings", "is required")),
            _ => throw Error($"{field}.rope_type", $"'{type}' is not supported (expected default, linear or llama3)"),
        };
    }

    private T? Read<T>(string field, Func<JsonNode, T> get, string expected) where T : struct =>
        json[field] is { } node ? Convert(node, get, field, expected) : null;

    private string? Read(string field, Func<JsonNode, string> get, string expected) =>
        json[field] is { } node ? Convert(node, get, field, expected) : null;

    private int Read(JsonArray array, int index, string field) =>
        array[index] is { } node ? Convert(node, n => n.GetValue<int>(), $"{field}[{index}]", "an integer") : throw Error($"{field}[{index}]", "is null");

    private T Convert<T>(JsonNode node, Func<JsonNode, T> get, string field, string expected)
    {
        try
        {
            return get(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw Error(field, $"must be {expected}, not {node.ToJsonString()}");
        }
    }

    private ModelFormatException Error(string field, string why) => new($"{source}: {field} {why}");
}
