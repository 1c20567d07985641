using System.Net;
using System.Net.Http.Headers;

namespace Samsara.Grpc.Internal.Client;

/// <summary>
/// The request body of a streaming call: it hands the HTTP/2 request stream to the writer and stays open until the
/// request stream is completed (END_STREAM) or the call ends.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent()
    {
        Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
    }

    /// <summary>The request stream, once the handler has sent the headers.</summary>
    public Task<Stream> GetStreamAsync() => _stream.Task;

    /// <summary>Ends the body: the handler sends END_STREAM.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>The call ended: release a writer still waiting for the stream, and end the body.</summary>
    public void Abort(Exception reason)
    {
        _stream.TrySetException(reason);
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Flushing the still-empty body sends the HEADERS frame now. SocketsHttpHandler otherwise holds it until the
        // first DATA, and a duplex call whose client waits for the server before writing would never start.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
