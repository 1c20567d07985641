using Google.Protobuf;

namespace Samsara.Grpc.Internal.Server;

/// <summary>The request stream of a client- or duplex-streaming call, read frame by frame from the request body.</summary>
internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        _current = await call.ReadMessageAsync(parser, linked.Token).ConfigureAwait(false);
        return _current is not null;
    }
}
