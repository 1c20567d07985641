using YamlDotNet.RepresentationModel;

namespace Samsara.Deploy.Tests.Support;

/// <summary>
/// YAML as plain data: mappings become dictionaries, sequences lists, scalars strings (so <c>replicas: 1</c> reads
/// "1", as kubectl would send it before the API server types it).
/// </summary>
internal static class YamlTree
{
    public static IReadOnlyList<Dictionary<string, object?>> LoadDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents
            .Select(d => Convert(d.RootNode))
            .OfType<Dictionary<string, object?>>()];
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value ?? "",
            pair => Convert(pair.Value),
            StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value is null or "~" or "null" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? null : scalar.Value,
        _ => null,
    };

    /// <summary>The value at <paramref name="path"/> (mapping keys; a key may contain dots, e.g. "dapr.io/app-id"), or null.</summary>
    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(key, out node))
                return null;
        }

        return node;
    }

    public static Dictionary<string, object?>? Map(this object? node, params string[] path) => node.At(path) as Dictionary<string, object?>;

    public static List<object?> List(this object? node, params string[] path) => node.At(path) as List<object?> ?? [];

    public static IEnumerable<Dictionary<string, object?>> Maps(this object? node, params string[] path) =>
        node.List(path).OfType<Dictionary<string, object?>>();

    public static string? Text(this object? node, params string[] path) => node.At(path) as string;
}
