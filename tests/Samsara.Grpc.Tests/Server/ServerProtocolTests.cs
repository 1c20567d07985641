using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Samsara.Grpc.Tests.Infrastructure;
using Samsara.Grpc.Tests.Interop;

namespace Samsara.Grpc.Tests.Server;

/// <summary>What Samsara's server puts on the wire, seen through plain HTTP/2 requests.</summary>
public sealed class ServerProtocolTests(SamsaraServerFixture fixture) : IClassFixture<SamsaraServerFixture>
{
    private static readonly string UnaryCall = TestServiceMethods.UnaryCall.FullName;

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        var response = await client.SendAsync(UnaryCall, json);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", response.Headers["grpc-status"]);
    }

    [Theory]
    [InlineData("/grpc.testing.TestService/UnimplementedCall", "Method is unimplemented.")]
    [InlineData("/grpc.testing.UnimplementedService/UnimplementedCall", "Service is unimplemented.")]
    public async Task Unknown_method_or_service_is_UNIMPLEMENTED_as_Trailers_Only(string path, string message)
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var response = await client.SendAsync(path, RawGrpcClient.Frame([]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal("12", response.Headers["grpc-status"]);
        Assert.Equal(message, response.Headers["grpc-message"]);
        Assert.Empty(response.Body);
        Assert.Empty(response.Trailers);
    }

    [Fact]
    public async Task Error_before_any_message_is_Trailers_Only()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 5, Message = "gone 100%" } };
        var response = await client.SendAsync(UnaryCall, RawGrpcClient.Frame(request.ToByteArray()));
        Assert.Equal("5", response.Headers["grpc-status"]);
        Assert.Equal("gone 100%25", response.Headers["grpc-message"]);
        Assert.Empty(response.Body);
        Assert.Empty(response.Trailers);
    }

    [Fact]
    public async Task Error_after_a_message_goes_in_the_trailers()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var response = await client.SendAsync(ProbeService.FailAfterMessage.FullName, RawGrpcClient.Frame([]));
        Assert.Equal(RawGrpcClient.Frame([]), response.Body);
        Assert.False(response.Headers.ContainsKey("grpc-status"));
        Assert.Equal("9", response.Trailers["grpc-status"]);
        Assert.Equal("after one message", response.Trailers["grpc-message"]);
    }

    [Fact]
    public async Task Success_sends_the_message_then_OK_in_the_trailers()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var response = await client.SendAsync(UnaryCall, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 3 }.ToByteArray()));
        Assert.Equal(RawGrpcClient.Frame(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[3]) } }.ToByteArray()), response.Body);
        Assert.Equal("0", response.Trailers["grpc-status"]);
    }

    [Fact]
    public async Task Request_split_across_many_DATA_frames_is_reassembled()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var request = new SimpleRequest { ResponseSize = 7, Payload = new Payload { Body = ByteString.CopyFrom(new byte[300]) } };
        var response = await client.SendAsync(UnaryCall, new DribbleContent(RawGrpcClient.Frame(request.ToByteArray())));
        Assert.Equal("0", response.Trailers["grpc-status"]);
        Assert.Equal(7, SimpleResponse.Parser.ParseFrom(response.Body.AsSpan(5)).Payload.Body.Length);
    }

    [Fact]
    public async Task Malformed_protobuf_is_INTERNAL()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var response = await client.SendAsync(UnaryCall, RawGrpcClient.Frame([0x0A, 100, 1]));
        Assert.Equal("13", response.Headers["grpc-status"]);
    }

    [Theory]
    [InlineData(0, "Request ended without a message.")]
    [InlineData(2, "Additional data after the message received.")]
    public async Task Unary_request_needs_exactly_one_message(int count, string message)
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var body = Enumerable.Repeat(RawGrpcClient.Frame([]), count).SelectMany(f => f).ToArray();
        var response = await client.SendAsync(UnaryCall, body);
        Assert.Equal("13", response.Headers["grpc-status"]);
        Assert.Equal(message, response.Headers["grpc-message"]);
    }

    [Fact]
    public async Task Length_prefix_over_4_MiB_is_RESOURCE_EXHAUSTED_without_the_payload()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var header = new byte[5];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 4 * 1024 * 1024 + 1);
        var response = await client.SendAsync(UnaryCall, header);
        Assert.Equal("8", response.Headers["grpc-status"]);
    }

    [Fact]
    public async Task Binary_metadata_is_echoed_unpadded_whether_sent_padded_or_not()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var body = RawGrpcClient.Frame(new SimpleRequest().ToByteArray());
        foreach (var sent in new[] { "AQI=", "AQI" })
        {
            var response = await client.SendAsync(UnaryCall, body, (InteropTestService.EchoTrailingKey, sent), (InteropTestService.EchoInitialKey, "hi"));
            Assert.Equal("AQI", response.Trailers[InteropTestService.EchoTrailingKey]);
            Assert.Equal("hi", response.Headers[InteropTestService.EchoInitialKey]);
        }
    }

    [Fact]
    public async Task Handler_exception_is_UNKNOWN_without_its_text()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var response = await client.SendAsync(ProbeService.Throw.FullName, RawGrpcClient.Frame([]));
        Assert.Equal("2", response.Headers["grpc-status"]);
        Assert.Equal("Exception was thrown by handler.", response.Headers["grpc-message"]);
    }

    [Fact]
    public async Task Detailed_errors_include_the_exception_text_when_enabled()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.EnableDetailedErrors = true);
        using var client = new RawGrpcClient(server.Address);
        var response = await client.SendAsync(ProbeService.Throw.FullName, RawGrpcClient.Frame([]));
        Assert.Contains("InvalidOperationException", response.Headers["grpc-message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_and_cancels_the_handler()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var client = new RawGrpcClient(server.Address);
        var clock = Stopwatch.StartNew();
        // Long enough for the handler to start on a loaded machine (a deadline that passes while the request is still
        // being read ends the call before there is a handler to cancel).
        var response = await client.SendAsync(ProbeService.Sleep.FullName, RawGrpcClient.Frame([]), ("grpc-timeout", "1S"));
        Assert.Equal("4", response.Headers["grpc-status"]);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(6));
        await server.Probe.SleepCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Deadline_status_does_not_wait_for_a_handler_that_ignores_cancellation()
    {
        using var client = new RawGrpcClient(fixture.Server.Address);
        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(ProbeService.SleepIgnoringCancellation.FullName, RawGrpcClient.Frame([]), ("grpc-timeout", "100m"));
        Assert.Equal("4", response.Headers["grpc-status"]);
        // The handler sleeps 3 s; the status must come at the deadline.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
    }
}
