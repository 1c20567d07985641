using Google.Protobuf;

namespace Samsara.Grpc.Tests.Interop;

/// <summary>
/// Samsara's implementation of grpc.testing.TestService, with the server features the interop cases rely on:
/// payloads of the requested sizes, pauses (interval_us), echoed status and echoed metadata. UnimplementedCall is
/// deliberately not bound.
/// </summary>
public sealed class InteropTestService : IGrpcService
{
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder()
            .AddMethod(TestServiceMethods.EmptyCall, EmptyCall)
            .AddMethod(TestServiceMethods.UnaryCall, UnaryCall)
            .AddMethod(TestServiceMethods.StreamingOutputCall, StreamingOutputCall)
            .AddMethod(TestServiceMethods.StreamingInputCall, StreamingInputCall)
            .AddMethod(TestServiceMethods.FullDuplexCall, FullDuplexCall)
            .AddDescriptor(TestServiceMethods.Service)
            .Build();

    private static Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    private static async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        return new SimpleResponse { Payload = Payload(request.ResponseSize) };
    }

    private static async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await RespondAsync(request, responses, context);
    }

    private static async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        var total = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken)) total += request.Payload?.Body.Length ?? 0;
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private static async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken)) await RespondAsync(request, responses, context);
    }

    private static async Task RespondAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        ThrowIfStatusRequested(request.ResponseStatus);
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = Payload(parameters.Size) }, context.CancellationToken);
        }
    }

    // Echo Metadata: the initial entry comes back as a response header, the trailing one as a trailer.
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
            await context.WriteResponseHeadersAsync(new Metadata().Add(EchoInitialKey, initial));
        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
    }

    // Echo Status: the client names the status the call must end with.
    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 }) throw new RpcException(new Status((StatusCode)status.Code, status.Message));
    }

    private static Payload Payload(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
}
