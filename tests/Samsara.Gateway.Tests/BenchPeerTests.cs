using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests;

/// <summary>
/// The gateway benchmark compares the gateway with a python3-grpcio RunService (bench/peers/grpcio_run_service.py);
/// the comparison is fair only if the peer answers GetRun as the gateway does: the same run, byte for byte, and the
/// same status for an unknown run, a wrong key and no key.
/// </summary>
public sealed class BenchPeerTests
{
    [Fact]
    public async Task The_grpcio_peer_answers_GetRun_as_the_gateway_does()
    {
        using var workspace = new GatewayWorkspace();
        await using var gateway = await GatewayServer.StartAsync(workspace);
        using var gatewayChannel = gateway.CreateChannel();
        var client = new GatewayClient(gatewayChannel);
        var started = await client.StartAsync(GatewayWorkspace.ValidSpec(), "bench-peer");
        // RunRequested reaches the run's actor through the bus: once it is Generating (and with no generator, stays so)
        // the gateway's answer no longer changes.
        var run = started;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); run.State == RunState.Pending && DateTime.UtcNow < deadline; await Task.Delay(50))
            run = await client.GetAsync(started.Id);
        Assert.Equal(RunState.Generating, run.State);

        await using var peer = await GrpcioRunServicePeer.StartAsync(new ListRunsResponse { Runs = { run } }, GatewayServer.AliceKey);
        using var peerChannel = GrpcChannel.ForAddress(peer.Address);

        foreach (var channel in new[] { gatewayChannel, peerChannel })
        {
            var server = channel == gatewayChannel ? "gateway" : "grpcio peer";
            var alice = new RunService.RunServiceClient(channel.WithApiKey(GatewayServer.AliceKey));
            var answer = await alice.GetRunAsync(new GetRunRequest { RunId = run.Id });
            Assert.True(run.ToByteString() == answer.ToByteString(), $"{server}: {answer}");
            var unknown = alice.GetRunAsync(new GetRunRequest { RunId = Guid.NewGuid().ToString() });
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => unknown.ResponseAsync)).StatusCode);
            var forged = new RunService.RunServiceClient(channel.WithApiKey("forged-key")).GetRunAsync(new GetRunRequest { RunId = run.Id });
            Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => forged.ResponseAsync)).StatusCode);
            var anonymous = new RunService.RunServiceClient(channel).GetRunAsync(new GetRunRequest { RunId = run.Id });
            Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => anonymous.ResponseAsync)).StatusCode);
        }
    }
}
