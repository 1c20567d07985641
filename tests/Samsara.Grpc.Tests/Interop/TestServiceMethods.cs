using Google.Protobuf.Reflection;

namespace Samsara.Grpc.Tests.Interop;

/// <summary>The methods of grpc.testing.TestService, made from the generated descriptor (as the gRPC plugin would).</summary>
public static class TestServiceMethods
{
    public static ServiceDescriptor Service { get; } = TestReflection.Descriptor.Services.Single(s => s.FullName == "grpc.testing.TestService");

    public static readonly Method<Empty, Empty> EmptyCall = new(Service.FindMethodByName("EmptyCall"));
    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = new(Service.FindMethodByName("UnaryCall"));
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall = new(Service.FindMethodByName("StreamingOutputCall"));
    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall = new(Service.FindMethodByName("StreamingInputCall"));
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall = new(Service.FindMethodByName("FullDuplexCall"));
    public static readonly Method<Empty, Empty> UnimplementedCall = new(Service.FindMethodByName("UnimplementedCall"));

    /// <summary>The method of the service no server implements.</summary>
    public static readonly Method<Empty, Empty> UnimplementedServiceCall = new(
        TestReflection.Descriptor.Services.Single(s => s.FullName == "grpc.testing.UnimplementedService").FindMethodByName("UnimplementedCall"));
}
