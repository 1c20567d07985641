using Samsara.Grpc.Tests.Infrastructure;

namespace Samsara.Grpc.Tests.Interop;

/// <summary>Samsara's client against Samsara's server: the same cases, with no other implementation involved.</summary>
public sealed class LoopbackInteropTests(SamsaraServerFixture fixture) : IClassFixture<SamsaraServerFixture>
{
    public static TheoryData<string> Cases => [.. InteropClientCases.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Interop_case_passes_between_samsara_client_and_server(string name)
    {
        using var channel = fixture.Server.CreateChannel();
        await InteropClientCases.RunAsync(name, new TestServiceClient(channel));
    }
}
