using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Alignment.Filters.Internal;

/// <summary>
/// The filter config file: one key per rule, each either a boolean (on/off) or an object with "enabled" and the
/// rule's thresholds. Keys left out keep their defaults; unknown keys are errors (a typo must not silently turn
/// a rule into its default).
/// <code>
/// {"termination": true, "empty": true,
///  "banned": {"enabled": true, "substrings": ["Human:", "###"], "ignore_case": true},
///  "length_ratio": {"enabled": true, "min_ratio": 3},
///  "short_length": {"enabled": true, "min_chars": 50},
///  "prefix_distance": {"enabled": true, "min_fraction": 0.5}}
/// </code>
/// </summary>
internal static class FilterConfigJson
{
    private static readonly Dictionary<string, string[]> Settings = new(StringComparer.Ordinal)
    {
        [FilterRules.Termination] = [],
        [FilterRules.Empty] = [],
        [FilterRules.Banned] = ["substrings", "ignore_case"],
        [FilterRules.LengthRatio] = ["min_ratio"],
        [FilterRules.ShortLength] = ["min_chars"],
        [FilterRules.PrefixDistance] = ["min_fraction"],
    };

    public static FilterConfig Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FilterConfigException($"{source}: not valid JSON ({e.Message})");
        }
        if (root is not JsonObject obj) throw new FilterConfigException($"{source}: expected a JSON object with one key per rule");
        var config = FilterConfig.Default;
        foreach (var (rule, node) in obj)
        {
            if (!Settings.TryGetValue(rule, out var settings))
                throw new FilterConfigException($"{source}: unknown rule \"{rule}\" (rules: {string.Join(", ", FilterRules.All)})");
            config = node switch
            {
                JsonValue v when v.TryGetValue<bool>(out var on) => on ? config : config.Without(rule),
                JsonObject o => Apply(config, rule, o, settings, source),
                _ => throw new FilterConfigException($"{source}: \"{rule}\" must be true, false or an object"),
            };
        }
        return config;
    }

    private static FilterConfig Apply(FilterConfig config, string rule, JsonObject settings, string[] known, string source)
    {
        foreach (var (key, _) in settings)
            if (key != "enabled" && !known.Contains(key))
                throw new FilterConfigException($"{source}: \"{rule}\" has no setting \"{key}\" (it has: {string.Join(", ", known.Prepend("enabled"))})");
        var where = $"{source}: \"{rule}\"";
        if (settings.ContainsKey("enabled") && !Read<bool>(settings, "enabled", where)) config = config.Without(rule);
        foreach (var (key, _) in settings)
        {
            config = key switch
            {
                "substrings" => config with { BannedSubstrings = ReadStrings(settings, key, where) },
                "ignore_case" => config with { BannedIgnoreCase = Read<bool>(settings, key, where) },
                "min_ratio" => config with { MinLengthRatio = Read<double>(settings, key, where) },
                "min_chars" => config with { MinShortLength = Read<int>(settings, key, where) },
                "min_fraction" => config with { MinPrefixDistance = Read<double>(settings, key, where) },
                _ => config,
            };
        }
        return config;
    }

    private static T Read<T>(JsonObject obj, string key, string where) =>
        obj[key] is JsonValue v && v.TryGetValue<T>(out var value) ? value
            : throw new FilterConfigException($"{where}: \"{key}\" must be {(typeof(T) == typeof(bool) ? "true or false" : typeof(T) == typeof(int) ? "an integer" : "a number")}");

    private static string[] ReadStrings(JsonObject obj, string key, string where) =>
        obj[key] is JsonArray items
            ? items.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : throw new FilterConfigException($"{where}: \"{key}\" must be a list of strings")).ToArray()
            : throw new FilterConfigException($"{where}: \"{key}\" must be a list of strings");

    public static JsonObject Write(FilterConfig config) => new()
    {
        [FilterRules.Termination] = config.IsEnabled(FilterRules.Termination),
        [FilterRules.Empty] = config.IsEnabled(FilterRules.Empty),
        [FilterRules.Banned] = new JsonObject
        {
            ["enabled"] = config.IsEnabled(FilterRules.Banned),
            ["substrings"] = new JsonArray(config.BannedSubstrings.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
            ["ignore_case"] = config.BannedIgnoreCase,
        },
        [FilterRules.LengthRatio] = new JsonObject { ["enabled"] = config.IsEnabled(FilterRules.LengthRatio), ["min_ratio"] = config.MinLengthRatio },
        [FilterRules.ShortLength] = new JsonObject { ["enabled"] = config.IsEnabled(FilterRules.ShortLength), ["min_chars"] = config.MinShortLength },
        [FilterRules.PrefixDistance] = new JsonObject { ["enabled"] = config.IsEnabled(FilterRules.PrefixDistance), ["min_fraction"] = config.MinPrefixDistance },
    };
}
