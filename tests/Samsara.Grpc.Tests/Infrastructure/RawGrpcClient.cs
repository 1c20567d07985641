using System.Net;
using System.Net.Http.Headers;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>
/// Plain HTTP/2 requests to a gRPC server, for the tests that must see the wire: which headers carry the status,
/// whether there are trailers, how a -bin value is encoded.
/// </summary>
public sealed class RawGrpcClient(Uri address) : IDisposable
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler());

    public async Task<RawResponse> SendAsync(string path, HttpContent body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _invoker.SendAsync(request, CancellationToken.None);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            Flatten(response.Headers),
            Flatten(response.TrailingHeaders),
            bytes);
    }

    public Task<RawResponse> SendAsync(string path, byte[] body, params (string Name, string Value)[] headers) =>
        SendAsync(path, Grpc(body), headers);

    /// <summary>Content with the gRPC content type.</summary>
    public static ByteArrayContent Grpc(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return content;
    }

    /// <summary>A length-prefixed, uncompressed frame around <paramref name="payload"/>.</summary>
    public static byte[] Frame(byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public void Dispose() => _invoker.Dispose();

    private static Dictionary<string, string> Flatten(HttpHeaders headers) =>
        headers.NonValidated.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}

public sealed record RawResponse(HttpStatusCode StatusCode, string? ContentType, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Trailers, byte[] Body);
