using Google.Protobuf;

namespace Samsara.Grpc.Internal.Client;

/// <summary>The response stream of a server- or duplex-streaming client call.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        _current = await call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        return _current is not null;
    }
}
