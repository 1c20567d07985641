using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace Samsara.Grpc.Internal;

/// <summary>Writes one length-prefixed, uncompressed message; the counterpart of <see cref="FrameReader"/>.</summary>
internal static class FrameWriter
{
    /// <summary>Serializes straight into the writer (the server's response pipe), header first.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message, int? maxMessageSize)
    {
        var size = SizeOf(message, maxMessageSize);
        WriteHeader(writer.GetSpan(GrpcProtocol.FrameHeaderSize), size);
        writer.Advance(GrpcProtocol.FrameHeaderSize);
        message.WriteTo(writer);
    }

    /// <summary>The whole frame as one array, for the client's request content.</summary>
    public static byte[] ToArray(IMessage message, int? maxMessageSize)
    {
        var size = SizeOf(message, maxMessageSize);
        var frame = new byte[GrpcProtocol.FrameHeaderSize + size];
        WriteHeader(frame, size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.FrameHeaderSize));
        return frame;
    }

    private static int SizeOf(IMessage message, int? maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > maxMessageSize)
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        return size;
    }

    private static void WriteHeader(Span<byte> header, int size)
    {
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
    }
}
