using System.IO.Pipelines;
using Google.Protobuf;
using Samsara.Grpc.Internal;
using Samsara.Grpc.Tests.Infrastructure;
using Samsara.Grpc.Tests.Interop;

namespace Samsara.Grpc.Tests.Protocol;

public sealed class FrameReaderTests
{
    private static readonly SimpleRequest Request = new() { ResponseSize = 42, Payload = new Payload { Body = ByteString.CopyFromUtf8("hello frames") } };

    [Fact]
    public async Task Message_split_into_one_byte_writes_is_reassembled()
    {
        var pipe = new Pipe();
        var read = Read(pipe.Reader, SimpleRequest.Parser);
        foreach (var b in RawGrpcClient.Frame(Request.ToByteArray()))
        {
            await pipe.Writer.WriteAsync(new[] { b });
            Assert.False(read.IsCompleted);
        }
        Assert.Equal(Request, await read);
    }

    [Fact]
    public async Task Two_messages_in_one_write_are_read_one_at_a_time_then_end()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(RawGrpcClient.Frame(Request.ToByteArray()).Concat(RawGrpcClient.Frame([])).ToArray());
        await pipe.Writer.CompleteAsync();
        Assert.Equal(Request, await Read(pipe.Reader, SimpleRequest.Parser));
        // A zero-length message is legal: the empty message.
        Assert.Equal(new SimpleRequest(), await Read(pipe.Reader, SimpleRequest.Parser));
        Assert.Null(await Read(pipe.Reader, SimpleRequest.Parser));
    }

    [Fact]
    public async Task Stream_ending_inside_a_frame_is_INTERNAL()
    {
        var frame = RawGrpcClient.Frame(Request.ToByteArray());
        var error = await ReadError(frame[..^1], complete: true);
        Assert.Equal(new Status(StatusCode.Internal, "Incomplete message."), error.Status);
    }

    [Fact]
    public async Task Oversized_length_prefix_fails_before_the_payload_arrives()
    {
        // Only the header is sent and the stream stays open: the reader must not wait to buffer 4 MB + 1.
        var header = new byte[5];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), GrpcServiceOptions.DefaultMaxReceiveMessageSize + 1);
        var error = await ReadError(header, complete: false);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Message_of_exactly_the_limit_is_accepted()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(RawGrpcClient.Frame(Request.ToByteArray()));
        Assert.Equal(Request, await FrameReader.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, Request.CalculateSize(), encoding: null, CancellationToken.None));
    }

    [Theory]
    [InlineData(2, null, StatusCode.Internal)]
    [InlineData(1, null, StatusCode.Internal)]
    [InlineData(1, "identity", StatusCode.Internal)]
    [InlineData(1, "gzip", StatusCode.Unimplemented)]
    public async Task Compressed_or_invalid_flag_is_rejected(byte flag, string? encoding, StatusCode expected)
    {
        var frame = RawGrpcClient.Frame([1, 2, 3]);
        frame[0] = flag;
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(frame);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await FrameReader.ReadMessageAsync(pipe.Reader, Empty.Parser, null, encoding, CancellationToken.None));
        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Malformed_protobuf_is_INTERNAL()
    {
        // Field 1 as a length-delimited value claiming 100 bytes, with 1 present.
        var error = await ReadError(RawGrpcClient.Frame([0x0A, 100, 1]), complete: true);
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.IsType<InvalidProtocolBufferException>(error.Status.DebugException);
    }

    private static Task<T?> Read<T>(PipeReader reader, MessageParser<T> parser)
        where T : class, IMessage<T> =>
        FrameReader.ReadMessageAsync(reader, parser, GrpcServiceOptions.DefaultMaxReceiveMessageSize, null, CancellationToken.None).AsTask();

    private static async Task<RpcException> ReadError(byte[] bytes, bool complete)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(bytes);
        if (complete) await pipe.Writer.CompleteAsync();
        return await Assert.ThrowsAsync<RpcException>(() => Read(pipe.Reader, SimpleRequest.Parser));
    }
}
