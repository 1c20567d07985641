using Google.Protobuf;
using Samsara.Grpc.Internal;
using RichStatus = Google.Rpc.Status;

namespace Samsara.Grpc;

/// <summary>
/// The rich error model: a <c>google.rpc.Status</c> (code, message, typed details such as <c>google.rpc.BadRequest</c>)
/// travels whole in the <c>grpc-status-details-bin</c> trailer, beside the plain grpc-status and grpc-message.
/// </summary>
public static class RpcStatusExtensions
{
    /// <summary>An exception whose status is <paramref name="status"/>'s code and message, with the whole status in the trailers.</summary>
    public static RpcException ToRpcException(this RichStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var trailers = new Metadata().Add(GrpcProtocol.StatusDetailsHeader, status.ToByteArray());
        return new RpcException(new Status((StatusCode)status.Code, status.Message), trailers);
    }

    /// <summary>The <c>google.rpc.Status</c> the server attached, or null when there is none (or it is unreadable).</summary>
    public static RichStatus? GetRpcStatus(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var bytes = exception.Trailers.GetValueBytes(GrpcProtocol.StatusDetailsHeader);
        if (bytes is null) return null;
        try
        {
            return RichStatus.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
