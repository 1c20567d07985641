using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Judging.Internal;

/// <summary>Errors that name the file and line, and lenient reads of optional nested fields.</summary>
internal static class LineErrors
{
    public static JsonlException Error(this JsonlRecord record, string message) => new($"{record.Path}:{record.Line}: {message}");

    public static string? AsString(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? AsBool(this JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
