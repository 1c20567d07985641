namespace Samsara.Grpc;

/// <summary>Reads a stream of messages: the requests of a client- or duplex-streaming call, or a client's responses.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
