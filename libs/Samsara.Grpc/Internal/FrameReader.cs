using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Samsara.Grpc.Internal;

/// <summary>
/// Reads length-prefixed messages (1 flag byte, 4-byte big-endian length, payload) from a pipe. HTTP/2 DATA frames
/// bear no relation to message boundaries, so a header or payload may arrive in pieces; the reader waits for the
/// whole frame, but checks the length against the limit as soon as the header is in, before buffering the payload.
/// The server reads request bodies and the client response bodies through it.
/// </summary>
internal static class FrameReader
{
    /// <summary>Reads the next message; null when the stream ends cleanly between messages.</summary>
    /// <exception cref="RpcException">A malformed, oversized, compressed or truncated frame, or an unparsable message.</exception>
    public static async ValueTask<T?> ReadMessageAsync<T>(PipeReader reader, MessageParser<T> parser, int? maxMessageSize, string? encoding, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            try
            {
                if (result.IsCanceled) throw new OperationCanceledException(cancellationToken);
                if (TryReadFrame(buffer, maxMessageSize, encoding, out var payload))
                {
                    var message = Parse(parser, payload);
                    consumed = examined = payload.End;
                    return message;
                }
                if (result.IsCompleted)
                {
                    if (buffer.Length == 0) return null;
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }
            }
            finally
            {
                reader.AdvanceTo(consumed, examined);
            }
        }
    }

    /// <summary>False until the whole frame is buffered; then its payload.</summary>
    internal static bool TryReadFrame(ReadOnlySequence<byte> buffer, int? maxMessageSize, string? encoding, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize) return false;
        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);

        CheckFlag(header[0], encoding);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        var limit = (uint)(maxMessageSize ?? Array.MaxLength - GrpcProtocol.FrameHeaderSize);
        if (length > limit)
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));

        if (buffer.Length < GrpcProtocol.FrameHeaderSize + length) return false;
        payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        return true;
    }

    private static void CheckFlag(byte flag, string? encoding)
    {
        if (flag == 0) return;
        if (flag != 1) throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag value {flag} in message header."));
        // Samsara only speaks identity and never advertises more; a compressed message is a peer error.
        if (encoding is null || encoding == GrpcProtocol.IdentityEncoding)
            throw new RpcException(new Status(StatusCode.Internal, "Compressed message received without a grpc-encoding other than 'identity'."));
        throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: identity"));
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message.", ex));
        }
    }
}
