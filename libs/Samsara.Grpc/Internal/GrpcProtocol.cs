namespace Samsara.Grpc.Internal;

/// <summary>Header names and values of the gRPC over HTTP/2 protocol (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TeHeader = "te";
    public const string IdentityEncoding = "identity";

    /// <summary>The length-prefix header of every message: 1 flag byte + 4-byte big-endian length.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>
    /// Headers that belong to HTTP or to gRPC itself and are kept out of the application's metadata, so that
    /// <see cref="ServerCallContext.RequestHeaders"/> and a client's response headers hold only custom entries.
    /// </summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TeHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("server", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(EncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(StatusHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(MessageHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>application/grpc</c> exactly, or followed by <c>+format</c> (application/grpc+proto) or <c>;params</c>.
    /// Anything else (application/json, application/grpc-web) is not a gRPC call.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)) return false;
        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }
}
