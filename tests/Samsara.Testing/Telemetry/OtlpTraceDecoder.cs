using System.Text;

namespace Samsara.Testing.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (protobuf) by field number, per
/// opentelemetry-proto's trace.proto: request.resource_spans (1) → resource (1) with attributes (1), scope_spans (2)
/// → spans (2) → trace_id (1), span_id (2), parent_span_id (4), name (5), attributes (9). Only what the tests
/// read; every other field is skipped by its wire type.
/// </summary>
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<OtlpSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Fields(request.ToArray()))
        {
            if (field != 1) continue;
            var service = "";
            var scopes = new List<byte[]>();
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1) service = Attributes(value).GetValueOrDefault("service.name", "");
                else if (f == 2) scopes.Add(value);
            }
            foreach (var scope in scopes)
                foreach (var (f, span) in Fields(scope))
                    if (f == 2) spans.Add(Span(span, service));
        }
        return spans;
    }

    private static OtlpSpan Span(byte[] span, string service)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 9: if (KeyValue(value) is { } pair) attributes[pair.Key] = pair.Value; break;
            }
        }
        return new OtlpSpan(traceId, spanId, parent, name, service, attributes);
    }

    // Resource: attributes (1) as KeyValue.
    private static Dictionary<string, string> Attributes(byte[] resource)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(resource))
            if (field == 1 && KeyValue(value) is { } pair) attributes[pair.Key] = pair.Value;
        return attributes;
    }

    // KeyValue: key (1), value (2) an AnyValue whose string_value is field 1; other kinds are left out.
    private static KeyValuePair<string, string>? KeyValue(byte[] keyValue)
    {
        string? key = null, text = null;
        foreach (var (field, value) in Fields(keyValue))
        {
            if (field == 1) key = Encoding.UTF8.GetString(value);
            else if (field == 2)
                foreach (var (f, v) in Fields(value))
                    if (f == 1) text = Encoding.UTF8.GetString(v);
        }
        return key is not null && text is not null ? new(key, text) : null;
    }

    /// <summary>The length-delimited fields of a message (numbers and bytes); varint and fixed fields are skipped.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = checked((int)Varint(message, ref at));
                    yield return (field, message[at..(at + length)]);
                    at += length;
                    break;
                default: throw new FormatException($"OTLP trace request: wire type {tag & 7} of field {field} is not one protobuf uses here");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= message.Length || shift > 63) throw new FormatException("OTLP trace request: a varint runs past the message");
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
