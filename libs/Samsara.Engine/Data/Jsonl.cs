using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Engine.Data;

/// <summary>JSON Lines files (one object per line), the format of every Samsara data set.</summary>
public static class Jsonl
{
    /// <summary>The objects of a JSONL file, skipping blank lines; a malformed line is an error naming file and line.</summary>
    public static IEnumerable<JsonlRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new JsonlException($"{path}: file not found");
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                throw new JsonlException($"{path}:{lineNumber}: not valid JSON ({e.Message})");
            }
            if (node is not JsonObject obj) throw new JsonlException($"{path}:{lineNumber}: expected a JSON object");
            yield return new JsonlRecord(obj, path, lineNumber);
        }
    }

    /// <summary>Writes all objects, one per line, atomically (a crash leaves the old file or none, never half).</summary>
    public static void Write(string path, IEnumerable<JsonObject> objects)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            foreach (var obj in objects) writer.WriteLine(obj.ToJsonString());
        });
    }
}

/// <summary>One line of a JSONL file, with typed field access whose errors name the file, line and field.</summary>
public sealed record JsonlRecord(JsonObject Object, string Path, int Line)
{
    public string RequiredString(string field) =>
        Object[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new JsonlException($"{Path}:{Line}: field \"{field}\" must be a string{(Object[field] is null ? " (it is missing)" : "")}");

    /// <summary>An id may be a string or a number in the wild; Samsara keeps it as text.</summary>
    public string Id(string field = "id") => Object[field] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new JsonlException($"{Path}:{Line}: field \"{field}\" must be a string or an integer"),
    };
}
