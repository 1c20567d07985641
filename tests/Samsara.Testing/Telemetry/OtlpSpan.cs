namespace Samsara.Testing.Telemetry;

/// <summary>A span as an OTLP export carried it: ids in hex, the exporting service, its string attributes.</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Service,
    IReadOnlyDictionary<string, string> Attributes);
