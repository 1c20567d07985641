using Samsara.Grpc.Tests.Infrastructure;

namespace Samsara.Grpc.Tests.Interop;

/// <summary>Real gRPC (Debian's python3-grpcio, C-core) as the client, Samsara's Kestrel server as the server.</summary>
public sealed class GrpcioClientTests(SamsaraServerFixture fixture) : IClassFixture<SamsaraServerFixture>
{
    public static TheoryData<string> Cases => [.. InteropClientCases.Names, "server_deadline"];

    public static TheoryData<string> HealthAndReflectionCases => ["health_check", "health_watch", "reflection_v1alpha", "reflection_v1"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Interop_case_passes_against_samsara_server(string name)
    {
        var output = await Python.RunAsync("interop_client.py", Port, name, DescriptorSet.Path);
        Assert.Contains($"{name}: ok", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HealthAndReflectionCases))]
    public async Task Health_and_reflection_work_for_grpcio(string name)
    {
        var output = await Python.RunAsync("health_reflection_client.py", Port, name, DescriptorSet.Path);
        Assert.Contains($"{name}: ok", output, StringComparison.Ordinal);
    }

    private string Port => fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
