using Samsara.Grpc.Tests.Infrastructure;

namespace Samsara.Grpc.Tests.Interop;

/// <summary>Samsara's HttpClient-based client against a real gRPC server (python3-grpcio).</summary>
public sealed class GrpcioServerTests(GrpcioServerFixture fixture) : IClassFixture<GrpcioServerFixture>
{
    public static TheoryData<string> Cases => [.. InteropClientCases.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Interop_case_passes_against_grpcio_server(string name)
    {
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        await InteropClientCases.RunAsync(name, new TestServiceClient(channel));
    }
}
