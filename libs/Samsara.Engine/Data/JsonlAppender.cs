using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Engine.Data;

/// <summary>
/// Appends lines to a JSONL file that a long job writes as it goes, so that a crash loses at most the batch in
/// flight. Each <see cref="Append"/> reaches the disk before returning. A file cut short by a crash ends in a
/// partial line; <see cref="Open"/> drops it (the work it held is redone) so the file reads cleanly again.
/// </summary>
public sealed class JsonlAppender : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly FileStream stream;

    private JsonlAppender(FileStream stream, int? droppedLine)
    {
        this.stream = stream;
        DroppedLine = droppedLine;
    }

    /// <summary>The number of the partial last line that <see cref="Open"/> removed, if there was one.</summary>
    public int? DroppedLine { get; }

    /// <summary>
    /// Repairs a torn last line of <paramref name="path"/> (if it exists) without opening it for appending, so the
    /// finished lines can be read first; returns the number of the line dropped, if one was.
    /// </summary>
    public static int? Repair(string path)
    {
        if (!File.Exists(path)) return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        return RepairTail(stream);
    }

    /// <summary>Opens (or creates) <paramref name="path"/> for appending, repairing a torn last line first.</summary>
    public static JsonlAppender Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var dropped = RepairTail(stream);
            stream.Seek(0, SeekOrigin.End);
            return new JsonlAppender(stream, dropped);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes the objects, one per line, and flushes them to disk.</summary>
    public void Append(IEnumerable<JsonObject> objects)
    {
        var text = new StringBuilder();
        foreach (var obj in objects) text.Append(obj.ToJsonString()).Append('\n');
        stream.Write(Utf8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
    }

    public void Dispose() => stream.Dispose();

    // A file whose last byte is not '\n' was cut mid-line (every line is written whole, newline included). If the
    // unterminated tail still parses as a JSON object, only the newline was lost: it is restored and the line
    // kept. Otherwise the file is truncated after its last newline and the dropped line's number returned.
    private static int? RepairTail(FileStream stream)
    {
        if (stream.Length == 0) return null;
        var lastNewline = LastNewline(stream);
        if (lastNewline == stream.Length - 1) return null;
        var start = lastNewline + 1;
        var tail = new byte[stream.Length - start];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(tail);
        if (IsJsonObject(tail))
        {
            stream.Seek(0, SeekOrigin.End);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
            return null;
        }
        stream.SetLength(start);
        stream.Flush(flushToDisk: true);
        return CountNewlines(stream, start) + 1;
    }

    private static long LastNewline(FileStream stream)
    {
        var buffer = new byte[64 * 1024];
        for (var end = stream.Length; end > 0;)
        {
            var begin = Math.Max(0, end - buffer.Length);
            stream.Seek(begin, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, (int)(end - begin));
            var i = Array.LastIndexOf(buffer, (byte)'\n', (int)(end - begin - 1));
            if (i >= 0) return begin + i;
            end = begin;
        }
        return -1;
    }

    private static int CountNewlines(FileStream stream, long length)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        stream.Seek(0, SeekOrigin.Begin);
        for (long read = 0; read < length;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - read));
            count += buffer.AsSpan(0, n).Count((byte)'\n');
            read += n;
        }
        return count;
    }

    private static bool IsJsonObject(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
