using Google.Protobuf;

namespace Samsara.Grpc.Internal.Server;

/// <summary>The response stream of a server- or duplex-streaming call; each message is flushed as it is written.</summary>
internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteMessageAsync(message, flush: true, cancellationToken);
    }
}
