using Google.Protobuf;

namespace Samsara.Grpc.Internal.Client;

/// <summary>The request stream of a client- or duplex-streaming client call.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private Task _pending = Task.CompletedTask;
    private bool _completed;

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed) throw new InvalidOperationException("The request stream has already been completed.");
        // Frames of two concurrent writes could interleave on the wire.
        if (!_pending.IsCompleted) throw new InvalidOperationException("Only one write can be pending at a time.");
        _pending = call.WriteRequestAsync(message, cancellationToken);
        return _pending;
    }

    public async Task CompleteAsync()
    {
        _completed = true;
        // A write still on its way must go out before END_STREAM.
        await _pending.ConfigureAwait(false);
        call.CompleteRequest();
    }
}
