namespace Samsara.Grpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by a service method, it becomes the call's status and its
/// <see cref="Trailers"/> are sent as trailing metadata; thrown by the client, it carries what the server sent.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, status.ToString())
    {
    }

    public RpcException(Status status, Metadata trailers, string message)
        : base(message, status.DebugException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    // The constructors every exception is expected to have; they describe an UNKNOWN status.
    public RpcException()
        : this(new Status(StatusCode.Unknown, ""))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message), new Metadata(), message)
    {
    }

    public RpcException(string message, Exception innerException)
        : this(new Status(StatusCode.Unknown, message, innerException), new Metadata(), message)
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }
}
