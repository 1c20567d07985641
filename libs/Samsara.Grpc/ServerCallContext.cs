namespace Samsara.Grpc;

/// <summary>
/// What a service method sees of its call: request metadata and deadline, the cancellation token (cancelled when the
/// client goes away or the deadline passes), and what it sends back besides messages: response headers, trailers and
/// the status. Abstract so unit tests can hand a service a fake context.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The HTTP/2 path of the call, <c>/package.Service/Method</c>.</summary>
    public abstract string Method { get; }

    public abstract string Host { get; }

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:50312</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call must end (UTC), from <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The client's custom metadata; protocol headers (content-type, te, grpc-timeout...) are left out.</summary>
    public abstract Metadata RequestHeaders { get; }

    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailing metadata, sent with the status when the call ends.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the method returns normally (OK unless set); a thrown <see cref="RpcException"/> replaces it.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Sends response headers now; at most once, and before the first response message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
