using System.Runtime.CompilerServices;
using Samsara.Grpc.Internal.Client;

namespace Samsara.Grpc;

/// <summary>
/// A running unary call. Await it (or <see cref="ResponseAsync"/>) for the response; a non-OK status throws
/// <see cref="RpcException"/>. Disposing it before it ends cancels it.
/// </summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCall _call;

    internal AsyncUnaryCall(Task<TResponse> responseAsync, IClientCall call)
    {
        ResponseAsync = responseAsync;
        _call = call;
    }

    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The server's response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <exception cref="InvalidOperationException">The call has not ended yet.</exception>
    public Status GetStatus() => _call.GetStatus();

    /// <exception cref="InvalidOperationException">The call has not ended yet.</exception>
    public Metadata GetTrailers() => _call.GetTrailers();

    public void Dispose() => _call.Dispose();
}
