namespace Samsara.Grpc;

/// <summary>How many messages each side of a call sends.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>Many requests, one response.</summary>
    ClientStreaming,

    /// <summary>One request, many responses.</summary>
    ServerStreaming,

    /// <summary>Many requests and many responses, interleaved as each side likes.</summary>
    DuplexStreaming,
}
