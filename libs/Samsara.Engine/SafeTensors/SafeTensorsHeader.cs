using System.Text.Json;
using System.Text.Unicode;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>
/// Parses and validates a safetensors JSON header against the size of the data buffer that follows it. Everything a
/// reader later trusts (dtype, shape, offsets inside the buffer, byte count, no sharing of bytes) is checked here,
/// once, so reading a tensor afterwards cannot go out of bounds whatever the file said.
/// </summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    public sealed record Parsed(IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, TensorInfo> Tensors);

    public static Parsed Parse(string path, byte[] json, long dataLength)
    {
        using var document = ParseJson(path, json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(path, null, $"header is a JSON {Describe(document.RootElement.ValueKind)}, not an object");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        var seenMetadata = false;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == MetadataKey)
            {
                if (seenMetadata) throw new SafeTensorsException(path, null, $"header has '{MetadataKey}' twice");
                seenMetadata = true;
                ReadMetadata(path, property.Value, metadata);
                continue;
            }

            var info = ReadEntry(path, property.Name, property.Value, dataLength);
            // JSON allows repeated keys; two entries for one name would make the name ambiguous.
            if (!tensors.TryAdd(info.Name, info))
                throw new SafeTensorsException(path, info.Name, "appears twice in the header");
        }

        RejectOverlaps(path, tensors.Values);
        return new Parsed(metadata, tensors);
    }

    private static JsonDocument ParseJson(string path, byte[] json)
    {
        // JsonDocument checks UTF-8 only when a string is read, as an InvalidOperationException; check it all now.
        if (!Utf8.IsValid(json)) throw new SafeTensorsException(path, null, "header is not valid UTF-8");
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsException(path, null, $"header is not valid JSON: {e.Message}", e);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(path, null, $"'{MetadataKey}' is a JSON {Describe(value.ValueKind)}, not an object of strings");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsException(path, null,
                    $"'{MetadataKey}' value of key '{entry.Name}' is a JSON {Describe(entry.Value.ValueKind)}, not a string");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new SafeTensorsException(path, null, $"'{MetadataKey}' has key '{entry.Name}' twice");
        }
    }

    private static TensorInfo ReadEntry(string path, string name, JsonElement entry, long dataLength)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(path, name, $"entry is a JSON {Describe(entry.ValueKind)}, not an object");

        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafeTensorsException(path, name, "'dtype' is missing or not a string");
        var dtypeName = dtypeElement.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dtypeName, out var dtype))
            throw new SafeTensorsException(path, name, $"unknown dtype '{dtypeName}' (expected F32, F16, BF16, F64, I64, I32, U8 or BOOL)");

        var shape = ReadIntegers(path, name, entry, "shape");
        foreach (var dim in shape)
            if (dim < 0) throw new SafeTensorsException(path, name, $"'shape' [{string.Join(", ", shape)}] has a negative dimension");

        var offsets = ReadIntegers(path, name, entry, "data_offsets");
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[0] > offsets[1])
            throw new SafeTensorsException(path, name,
                $"'data_offsets' [{string.Join(", ", offsets)}] is not [begin, end] with 0 <= begin <= end");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end > dataLength)
            throw new SafeTensorsException(path, name,
                $"'data_offsets' end {end} points past the end of the data buffer ({dataLength} bytes; is the file truncated?)");

        var expected = ByteLength(path, name, shape, dtype);
        if (end - begin != expected)
            throw new SafeTensorsException(path, name,
                $"'data_offsets' span {end - begin} bytes but shape [{string.Join(", ", shape)}] of {dtypeName} needs {expected}");

        return new TensorInfo(name, dtype, shape, begin, end - begin);
    }

    private static long[] ReadIntegers(string path, string name, JsonElement entry, string field)
    {
        if (!entry.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsException(path, name, $"'{field}' is missing or not an array");
        var values = new long[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[i++]))
                throw new SafeTensorsException(path, name, $"'{field}' holds {item.GetRawText()}, which is not a 64-bit integer");
        }
        return values;
    }

    private static long ByteLength(string path, string name, long[] shape, ScalarType dtype)
    {
        try
        {
            long count = dtype.ElementSize();
            foreach (var dim in shape) count = checked(count * dim);
            return count;
        }
        catch (OverflowException e)
        {
            throw new SafeTensorsException(path, name, $"shape [{string.Join(", ", shape)}] overflows a 64-bit byte count", e);
        }
    }

    /// <summary>
    /// Two tensors sharing bytes would alias each other's data (the format forbids it). Gaps and any order are
    /// tolerated: they waste space but cannot make a read wrong. Empty tensors own no bytes, so cannot overlap.
    /// </summary>
    private static void RejectOverlaps(string path, IEnumerable<TensorInfo> tensors)
    {
        TensorInfo? previous = null;
        foreach (var info in tensors.Where(t => t.Length > 0).OrderBy(t => t.Offset))
        {
            if (previous is not null && info.Offset < previous.Offset + previous.Length)
                throw new SafeTensorsException(path, info.Name,
                    $"bytes [{info.Offset}, {info.Offset + info.Length}) overlap tensor '{previous.Name}' " +
                    $"[{previous.Offset}, {previous.Offset + previous.Length})");
            previous = info;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
