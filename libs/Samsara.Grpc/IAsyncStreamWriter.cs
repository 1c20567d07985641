namespace Samsara.Grpc;

/// <summary>Writes a stream of messages. Only one write may be pending at a time.</summary>
public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken);
}
