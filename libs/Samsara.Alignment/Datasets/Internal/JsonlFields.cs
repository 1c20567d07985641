using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets.Internal;

/// <summary>Typed list fields of a JSONL line, with errors naming file, line and field as <see cref="JsonlRecord"/>'s own.</summary>
internal static class JsonlFields
{
    public static string[] StringList(this JsonlRecord record, string field)
    {
        var node = record.Object[field];
        if (node is not JsonArray items)
            throw new JsonlException($"{record.Path}:{record.Line}: field \"{field}\" must be a list of strings{(node is null ? " (it is missing)" : "")}");
        return items.Select((x, i) => x is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new JsonlException($"{record.Path}:{record.Line}: field \"{field}\"[{i}] must be a string")).ToArray();
    }

    public static JsonlException Error(this JsonlRecord record, string message) => new($"{record.Path}:{record.Line}: {message}");
}
