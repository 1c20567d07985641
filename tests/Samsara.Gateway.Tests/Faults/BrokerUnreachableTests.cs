using System.Globalization;
using Grpc.Core;
using Samsara.Api.V1;
using Samsara.Gateway.Tests.Infrastructure;
using Samsara.Testing.Network;

namespace Samsara.Gateway.Tests.Faults;

/// <summary>With the broker away, StartRun answers UNAVAILABLE within Gateway:PublishTimeout instead of hanging.</summary>
public sealed class BrokerUnreachableTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task StartRun_answers_unavailable_and_keeps_the_run_for_a_retry_with_the_same_key()
    {
        await using var server = await GatewayServer.StartAsync(workspace, new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Host"] = "127.0.0.1",
            ["Messaging:RabbitMq:Port"] = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Gateway:PublishTimeout"] = "00:00:01",
        });
        var client = new RunService.RunServiceClient(server.CreateChannel());
        var request = new StartRunRequest { Spec = GatewayWorkspace.ValidSpec(), IdempotencyKey = "outage" };
        // A deadline far beyond the publish timeout: the answer must come from the gateway, not from the deadline.
        var options = GatewayServer.As(GatewayServer.AliceKey).WithDeadline(DateTime.UtcNow.AddMinutes(2));

        var first = await Assert.ThrowsAsync<RpcException>(async () => await client.StartRunAsync(request, options));
        Assert.Equal(StatusCode.Unavailable, first.StatusCode);
        Assert.Contains("RunRequested", first.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Gateway:PublishTimeout", first.Status.Detail, StringComparison.Ordinal);

        // The run was reserved before the publish: a retry with the same key finds the same run, not a second one.
        var again = await Assert.ThrowsAsync<RpcException>(async () => await client.StartRunAsync(request, options));
        Assert.Equal(StatusCode.Unavailable, again.StatusCode);
        var runs = await client.ListRunsAsync(new ListRunsRequest(), GatewayServer.As(GatewayServer.AliceKey));
        var run = Assert.Single(runs.Runs);
        Assert.Equal(RunState.Pending, run.State);
    }

    public void Dispose() => workspace.Dispose();
}
