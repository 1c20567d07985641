using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests;

/// <summary>
/// The API as a real grpcio client sees it: each case (python/gateway_client.py) runs against a fresh gateway on
/// 127.0.0.1 and asserts status codes, rich error details, paging, health and reflection (both without a key), an
/// unknown method and an oversized message.
/// </summary>
public sealed class GrpcioClientTests
{
    [Theory]
    [InlineData("start_valid")]
    [InlineData("invalid_spec")]
    [InlineData("no_key")]
    [InlineData("other_owner")]
    [InlineData("not_found")]
    [InlineData("list_paging")]
    [InlineData("health")]
    [InlineData("reflection")]
    [InlineData("unimplemented")]
    [InlineData("oversized")]
    public async Task Case(string testCase)
    {
        using var workspace = new GatewayWorkspace();
        await using var server = await GatewayServer.StartAsync(workspace);
        var output = await Python.RunCaseAsync(server.Address.Port, testCase, workspace.Artifacts);
        Assert.Equal("ok", output.Trim());
    }
}
