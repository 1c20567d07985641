using Samsara.Grpc.Internal.Client;

namespace Samsara.Grpc;

/// <summary>
/// A running server-streaming call: read <see cref="ResponseStream"/> (or <c>ResponseStream.ReadAllAsync()</c>) to its
/// end; a non-OK status throws <see cref="RpcException"/> from the read that reaches it. Disposing cancels the call.
/// </summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IClientCall _call;

    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCall call)
    {
        ResponseStream = responseStream;
        _call = call;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public void Dispose() => _call.Dispose();
}
