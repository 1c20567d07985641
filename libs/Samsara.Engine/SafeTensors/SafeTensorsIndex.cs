using System.Text.Json;
using System.Text.Unicode;

namespace Samsara.Engine.SafeTensors;

/// <summary>Reads and writes model.safetensors.index.json, the map from tensor name to shard file.</summary>
internal static class SafeTensorsIndex
{
    /// <summary>The "weight_map", validated: every value a plain file name in the index's own directory.</summary>
    public static IReadOnlyList<(string Name, string Shard)> ReadWeightMap(string indexPath)
    {
        JsonDocument document;
        try
        {
            var bytes = File.ReadAllBytes(indexPath);
            // JsonDocument checks UTF-8 only when a string is read, as an InvalidOperationException; check it all now.
            if (!Utf8.IsValid(bytes)) throw new SafeTensorsException(indexPath, null, "index is not valid UTF-8");
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsException(indexPath, null, $"index is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException(indexPath, null, $"cannot read index: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsException(indexPath, null, "index is not a JSON object");
            if (!root.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsException(indexPath, null, "'weight_map' is missing or not an object");

            var entries = new List<(string, string)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                if (!seen.Add(entry.Name))
                    throw new SafeTensorsException(indexPath, entry.Name, "appears twice in 'weight_map'");
                if (entry.Value.ValueKind != JsonValueKind.String)
                    throw new SafeTensorsException(indexPath, entry.Name, "'weight_map' value is not a file name string");
                var shard = entry.Value.GetString()!;
                // Shards sit beside the index; a path would let a downloaded index point anywhere on the disk.
                if (shard.Length == 0 || Path.GetFileName(shard) != shard || shard is "." or "..")
                    throw new SafeTensorsException(indexPath, entry.Name, $"shard '{shard}' is not a plain file name");
                entries.Add((entry.Name, shard));
            }
            return entries;
        }
    }

    public static void Write(string indexPath, long totalSize, IEnumerable<(string Name, string Shard)> weightMap)
    {
        AtomicFile.Write(indexPath, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteNumber("total_size", totalSize);
            json.WriteEndObject();
            json.WriteStartObject("weight_map");
            foreach (var (name, shard) in weightMap) json.WriteString(name, shard);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
