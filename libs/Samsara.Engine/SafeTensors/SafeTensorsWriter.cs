using System.Buffers.Binary;
using System.Text.Json;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>
/// Writes safetensors files and Hugging Face style checkpoint directories. Every file is written atomically
/// (see <see cref="AtomicFile"/>), so a crash or an exception mid-way never leaves a half-written file behind.
/// </summary>
public static class SafeTensorsWriter
{
    private const int HeaderAlignment = 8;

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device, any layout) in the given order, contiguously, after a header
    /// padded with spaces to a multiple of 8 bytes so the data starts aligned.
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var fullPath = Path.GetFullPath(path);
        // The temporary exists before the tensors are enumerated: whatever fails from here on, it is removed.
        AtomicFile.Write(fullPath, stream => WriteFile(stream, fullPath, tensors, metadata));
    }

    /// <summary>
    /// Writes a checkpoint directory that <see cref="SafeTensorsCheckpoint"/> opens: one model.safetensors when
    /// the tensors total at most <paramref name="maxShardBytes"/>, else shards of at most that size (a larger
    /// tensor gets a shard of its own) named model-0000i-of-0000N.safetensors, plus the index. Files of a previous
    /// checkpoint in the other layout are removed, after the new one is complete, so they cannot shadow it.
    /// <paramref name="metadata"/> goes into every file's header.
    /// </summary>
    /// <remarks>
    /// Each file is replaced atomically, the directory as a whole is not: rewriting a sharded checkpoint over one
    /// with the same shard count shows, until the index is replaced, new shards under the old index. Write to a
    /// fresh directory when something may read the old checkpoint meanwhile.
    /// </remarks>
    public static void WriteCheckpoint(string directory, IEnumerable<KeyValuePair<string, Tensor>> tensors, long maxShardBytes = 5_000_000_000,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxShardBytes);
        var fullPath = Path.GetFullPath(directory);
        var entries = Describe(fullPath, tensors);
        var totalBytes = entries.Sum(e => e.Length);
        Directory.CreateDirectory(fullPath);

        var indexPath = Path.Combine(fullPath, SafeTensorsCheckpoint.IndexFileName);
        if (totalBytes <= maxShardBytes)
        {
            Write(Path.Combine(fullPath, SafeTensorsCheckpoint.SingleFileName), entries.Select(e => e.Pair), metadata);
            File.Delete(indexPath);
            DeleteShardsExcept(fullPath, []);
            return;
        }

        var shards = Split(entries, maxShardBytes);
        var weightMap = new List<(string Name, string Shard)>();
        for (var i = 0; i < shards.Count; i++)
        {
            var shardName = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            Write(Path.Combine(fullPath, shardName), shards[i].Select(e => e.Pair), metadata);
            weightMap.AddRange(shards[i].Select(e => (e.Pair.Key, shardName)));
        }
        // The index goes last, so it never names a shard that is not yet complete on disk.
        SafeTensorsIndex.Write(indexPath, totalBytes, weightMap);
        File.Delete(Path.Combine(fullPath, SafeTensorsCheckpoint.SingleFileName));
        DeleteShardsExcept(fullPath, weightMap.Select(w => w.Shard).ToHashSet(StringComparer.Ordinal));
    }

    private sealed record Entry(KeyValuePair<string, Tensor> Pair, ScalarType DType, long[] Shape, long Length);

    /// <summary>Write for a dictionary of a Tensor subclass (model weights are Parameters).</summary>
    public static void Write<T>(string path, IReadOnlyDictionary<string, T> tensors, IReadOnlyDictionary<string, string>? metadata = null) where T : Tensor =>
        Write(path, AsTensors(tensors), metadata);

    /// <summary>WriteCheckpoint for a dictionary of a Tensor subclass (model weights are Parameters).</summary>
    public static void WriteCheckpoint<T>(string directory, IReadOnlyDictionary<string, T> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : Tensor =>
        WriteCheckpoint(directory, AsTensors(tensors), metadata: metadata);

    private static IEnumerable<KeyValuePair<string, Tensor>> AsTensors<T>(IReadOnlyDictionary<string, T> tensors) where T : Tensor =>
        tensors.Select(kv => KeyValuePair.Create(kv.Key, (Tensor)kv.Value));

    private static void WriteFile(FileStream stream, string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var entries = Describe(path, tensors);
        // The format allows only strings; a null would make a file every reader refuses.
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (value is null) throw new SafeTensorsException(path, null, $"metadata value of key '{key}' is null");
        }
        var header = Header(entries, metadata);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);

        // One staging buffer, sized for the largest tensor: the native copy needs host memory to land in.
        var buffer = GC.AllocateUninitializedArray<byte>((int)entries.Select(e => e.Length).DefaultIfEmpty(0).Max());
        foreach (var entry in entries)
        {
            var bytes = buffer.AsSpan(0, (int)entry.Length);
            entry.Pair.Value.CopyBytesTo(bytes);
            stream.Write(bytes);
        }
    }

    /// <summary>Enumerates the tensors once, reading each one's dtype and shape, and rejects what no header can hold.</summary>
    private static List<Entry> Describe(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var entries = new List<Entry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in tensors)
        {
            if (pair.Key is null) throw new SafeTensorsException(path, null, "a tensor has a null name");
            if (pair.Value is null) throw new SafeTensorsException(path, pair.Key, "tensor is null");
            if (pair.Key == SafeTensorsHeader.MetadataKey)
                throw new SafeTensorsException(path, pair.Key, "name is reserved for the header's metadata");
            if (!names.Add(pair.Key)) throw new SafeTensorsException(path, pair.Key, "given twice");

            var dtype = pair.Value.dtype;
            var shape = pair.Value.shape;
            var length = pair.Value.NumberOfElements * dtype.ElementSize();
            // CopyBytesTo takes a span, so one tensor is limited to what a span can address.
            if (length > int.MaxValue)
                throw new SafeTensorsException(path, pair.Key, $"is {length} bytes; tensors over 2 GiB cannot be written");
            entries.Add(new Entry(pair, dtype, shape, length));
        }
        return entries;
    }

    private static byte[] Header(List<Entry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Pair.Key);
                json.WriteString("dtype", SafeTensorsDTypes.Name(entry.DType));
                json.WriteStartArray("shape");
                foreach (var dim in entry.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + entry.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += entry.Length;
            }
            json.WriteEndObject();
        }

        var padding = (HeaderAlignment - (int)(buffer.Length % HeaderAlignment)) % HeaderAlignment;
        for (var i = 0; i < padding; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    /// <summary>Greedy, in order: a shard is closed when the next tensor would take it past the limit.</summary>
    private static List<List<Entry>> Split(List<Entry> entries, long maxShardBytes)
    {
        var shards = new List<List<Entry>>();
        var current = new List<Entry>();
        long currentBytes = 0;
        foreach (var entry in entries)
        {
            if (current.Count > 0 && currentBytes + entry.Length > maxShardBytes)
            {
                shards.Add(current);
                current = [];
                currentBytes = 0;
            }
            current.Add(entry);
            currentBytes += entry.Length;
        }
        if (current.Count > 0) shards.Add(current);
        return shards;
    }

    private static void DeleteShardsExcept(string directory, HashSet<string> keep)
    {
        foreach (var shard in Directory.EnumerateFiles(directory, "model-*-of-*.safetensors"))
            if (!keep.Contains(Path.GetFileName(shard))) File.Delete(shard);
    }
}
