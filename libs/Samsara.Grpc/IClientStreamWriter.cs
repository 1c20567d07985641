namespace Samsara.Grpc;

/// <summary>The request stream of a client- or duplex-streaming call.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Ends the request stream (HTTP/2 END_STREAM); the server then sees the end of its requests.</summary>
    Task CompleteAsync();
}
