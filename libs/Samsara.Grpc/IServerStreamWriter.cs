namespace Samsara.Grpc;

/// <summary>The response stream of a server- or duplex-streaming call; it ends when the service method returns.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;
