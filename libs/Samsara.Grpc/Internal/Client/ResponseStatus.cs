using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Samsara.Grpc.Internal.Client;

/// <summary>
/// Where a client finds the status of a call: in the response headers when the server answered Trailers-Only (or
/// the response is no gRPC response at all), else in the trailers that arrive after the last message.
/// </summary>
internal static class ResponseStatus
{
    /// <summary>The status the headers already decide, or null when messages and trailers follow.</summary>
    public static Status? FromHeaders(HttpResponseMessage response)
    {
        // An explicit grpc-status wins over everything else, whatever the HTTP status (a 415 carries one too).
        if (TryRead(response.Headers, out var status)) return status;
        var code = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.OK)
            return new Status(FromHttpStatus(code), $"Bad gRPC response. HTTP status code: {code}");
        if (response.Version < HttpVersion.Version20)
            return new Status(StatusCode.Internal, $"Bad gRPC response. Response protocol downgraded to HTTP/{response.Version.ToString(2)}.");
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
            return new Status(StatusCode.Cancelled, $"Bad gRPC response. Invalid content-type value: {contentType}");
        return null;
    }

    /// <summary>The status in the trailers; only valid once the body has been read to its end.</summary>
    public static Status FromTrailers(HttpResponseMessage response) =>
        TryRead(response.TrailingHeaders, out var status) ? status : new Status(StatusCode.Cancelled, "No grpc-status found on response.");

    public static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            MetadataHeaders.AddReceived(metadata, name, values);
        }
        return metadata;
    }

    /// <summary>The status for a stream the server reset (RST_STREAM) instead of ending it with trailers.</summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x8 => StatusCode.Cancelled,          // CANCEL
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: not processed, safe to retry
        0xB => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    // http-grpc-status-mapping.md: only for responses without a grpc-status.
    private static StatusCode FromHttpStatus(int code) => code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static bool TryRead(HttpHeaders headers, out Status status)
    {
        status = default;
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var values)) return false;
        var text = values.ToString();
        var detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var message)
            ? PercentEncoding.Decode(message.ToString())
            : "";
        status = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, detail)
            : new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{text}'. {detail}");
        return true;
    }
}
