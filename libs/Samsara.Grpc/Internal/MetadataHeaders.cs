namespace Samsara.Grpc.Internal;

/// <summary>
/// Moves <see cref="Metadata"/> to and from HTTP header fields. A <c>-bin</c> entry travels as base64: emitted
/// un-padded (as PROTOCOL-HTTP2.md asks), accepted padded or not, and a field holding several values joined with
/// ',' (what proxies do to repeated headers) splits back into one entry per value.
/// </summary>
internal static class MetadataHeaders
{
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds one received header field to <paramref name="metadata"/> unless it is a protocol header.</summary>
    public static void AddReceived(Metadata metadata, string name, IEnumerable<string?> values)
    {
        if (GrpcProtocol.IsReservedHeader(name) || !IsValidKey(name)) return;
        var binary = name.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            if (value is null) continue;
            if (!binary)
            {
                if (IsPrintableAscii(value)) metadata.Add(name, value);
                continue;
            }
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
            {
                // A malformed value from a peer cannot be represented; dropping it keeps the call alive.
                if (TryDecodeBase64(part, out var bytes)) metadata.Add(name, bytes);
            }
        }
    }

    public static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        bytes = [];
        var padded = (value.Length % 4) switch
        {
            0 => value,
            2 => value + "==",
            3 => value + "=",
            _ => null,
        };
        if (padded is null) return false;
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written)) return false;
        bytes = buffer[..written];
        return true;
    }

    private static bool IsValidKey(string name)
    {
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-')) return false;
        }
        return name.Length > 0;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~') return false;
        }
        return true;
    }
}
