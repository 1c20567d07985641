using System.Net;
using System.Net.Http.Headers;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>
/// A gRPC request body written one byte per flush, so every byte travels in its own HTTP/2 DATA frame and message
/// headers and payloads are split across frames.
/// </summary>
public sealed class DribbleContent : HttpContent
{
    private readonly byte[] _body;

    public DribbleContent(byte[] body)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var i = 0; i < _body.Length; i++)
        {
            await stream.WriteAsync(_body.AsMemory(i, 1));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
