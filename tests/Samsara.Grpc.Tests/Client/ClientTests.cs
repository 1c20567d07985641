using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using Samsara.Grpc.Tests.Infrastructure;
using Samsara.Grpc.Tests.Interop;
using Empty = Samsara.Grpc.Tests.Interop.Empty;

namespace Samsara.Grpc.Tests.Client;

/// <summary>Samsara's client: deadlines, cancellation, limits and errors, against Samsara's server.</summary>
public sealed class ClientTests(SamsaraServerFixture fixture) : IClassFixture<SamsaraServerFixture>
{
    [Fact]
    public async Task Deadline_fails_the_call_and_the_server_cancels_its_handler()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var clock = Stopwatch.StartNew();
        // A deadline long enough for the handler to start even on a loaded machine: one that passes while the server
        // is still reading the request ends the call before the handler runs, and there is no handler to cancel.
        using var call = channel.UnaryAsync(ProbeService.Sleep, new Empty(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(1)));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(6));
        await server.Probe.SleepCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Deadline_in_the_past_fails_without_a_request()
    {
        using var channel = fixture.Server.CreateChannel();
        var call = channel.UnaryAsync(TestServiceMethods.EmptyCall, new Empty(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, (await Assert.ThrowsAsync<RpcException>(async () => await call)).StatusCode);
    }

    [Fact]
    public async Task Cancellation_resets_the_stream_and_the_server_sees_it()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();
        var call = channel.UnaryAsync(ProbeService.Sleep, new Empty(), new CallOptions(CancellationToken: cancellation.Token));
        // Cancel once the handler runs: a call cancelled before the server has read its request has no handler to stop.
        await server.Probe.SleepStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.Probe.SleepCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Rich_status_details_round_trip_in_grpc_status_details_bin()
    {
        using var channel = fixture.Server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.UnaryAsync(ProbeService.RichError, new Empty()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("name is required", error.Status.Detail);
        var status = error.GetRpcStatus();
        Assert.Equal(ProbeService.BadName(), status);
        Assert.Equal("name", status!.Details.Single().Unpack<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Request_over_the_server_limit_is_RESOURCE_EXHAUSTED_and_one_under_passes()
    {
        using var channel = fixture.Server.CreateChannel();
        var client = new TestServiceClient(channel);
        var over = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[4 * 1024 * 1024]) } };
        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(over))).StatusCode);
        var under = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[4 * 1024 * 1024 - 16]) } };
        Assert.NotNull(await client.UnaryCallAsync(under));
    }

    [Fact]
    public async Task Response_over_the_client_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var client = new TestServiceClient(channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 2000 }));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_client_send_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 10 });
        var request = new SimpleRequest { ResponseSize = 1, Payload = new Payload { Body = ByteString.CopyFrom(new byte[20]) } };
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new TestServiceClient(channel).UnaryCallAsync(request));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Status_and_trailers_are_unavailable_until_the_call_ends()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = channel.UnaryAsync(ProbeService.SleepIgnoringCancellation, new Empty(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(10)));
        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        await call;
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Unreachable_server_is_UNAVAILABLE()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.UnaryAsync(TestServiceMethods.EmptyCall, new Empty()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Binary_metadata_of_every_padding_length_round_trips()
    {
        using var channel = fixture.Server.CreateChannel();
        var client = new TestServiceClient(channel);
        // 1, 2 and 3 bytes (mod 3) are the three base64 padding cases.
        for (var length = 1; length <= 5; length++)
        {
            var bytes = Enumerable.Range(250, length).Select(i => (byte)i).ToArray();
            using var call = client.UnaryCallAsync(new SimpleRequest(), new CallOptions(new Metadata().Add(InteropTestService.EchoTrailingKey, bytes)));
            await call;
            Assert.Equal(bytes, call.GetTrailers().GetValueBytes(InteropTestService.EchoTrailingKey));
        }
    }

    [Fact]
    public void Method_kind_must_match_the_call_kind()
    {
        using var channel = fixture.Server.CreateChannel();
        Assert.Throws<ArgumentException>(() => channel.UnaryAsync(TestServiceMethods.FullDuplexCall, new StreamingOutputCallRequest()));
        Assert.Throws<ArgumentException>(() => ServerServiceDefinition.CreateBuilder().AddMethod(TestServiceMethods.EmptyCall, (IAsyncStreamReader<Empty> _, ServerCallContext _) => Task.FromResult(new Empty())));
    }
}
