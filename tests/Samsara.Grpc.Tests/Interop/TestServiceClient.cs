namespace Samsara.Grpc.Tests.Interop;

/// <summary>A typed client of grpc.testing.TestService, the shape grpc_csharp_plugin would generate.</summary>
public sealed class TestServiceClient(GrpcChannel channel) : ClientBase(channel)
{
    public AsyncUnaryCall<Empty> EmptyCallAsync(Empty request, CallOptions options = default) =>
        Channel.UnaryAsync(TestServiceMethods.EmptyCall, request, options);

    public AsyncUnaryCall<SimpleResponse> UnaryCallAsync(SimpleRequest request, CallOptions options = default) =>
        Channel.UnaryAsync(TestServiceMethods.UnaryCall, request, options);

    public AsyncServerStreamingCall<StreamingOutputCallResponse> StreamingOutputCall(StreamingOutputCallRequest request, CallOptions options = default) =>
        Channel.ServerStreaming(TestServiceMethods.StreamingOutputCall, request, options);

    public AsyncClientStreamingCall<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall(CallOptions options = default) =>
        Channel.ClientStreaming(TestServiceMethods.StreamingInputCall, options);

    public AsyncDuplexStreamingCall<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall(CallOptions options = default) =>
        Channel.DuplexStreaming(TestServiceMethods.FullDuplexCall, options);

    public AsyncUnaryCall<Empty> UnimplementedCallAsync(Empty request, CallOptions options = default) =>
        Channel.UnaryAsync(TestServiceMethods.UnimplementedCall, request, options);

    public AsyncUnaryCall<Empty> UnimplementedServiceCallAsync(Empty request, CallOptions options = default) =>
        Channel.UnaryAsync(TestServiceMethods.UnimplementedServiceCall, request, options);
}
