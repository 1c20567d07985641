using Google.Protobuf;

namespace Samsara.Grpc.Tests.Interop;

/// <summary>
/// The gRPC interop client cases (interop-test-descriptions.md), run by Samsara's client against any
/// grpc.testing.TestService server. Sizes and texts are the ones the descriptions fix.
/// </summary>
public static class InteropClientCases
{
    public static readonly IReadOnlyList<string> Names =
    [
        "empty_unary", "large_unary", "server_streaming", "client_streaming", "ping_pong", "status_code_and_message",
        "special_status_message", "custom_metadata", "unimplemented_method", "unimplemented_service",
        "timeout_on_sleeping_server", "cancel_after_first_response",
    ];

    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];
    private const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    public static Task RunAsync(string name, TestServiceClient client) => name switch
    {
        "empty_unary" => EmptyUnary(client),
        "large_unary" => LargeUnary(client),
        "server_streaming" => ServerStreaming(client),
        "client_streaming" => ClientStreaming(client),
        "ping_pong" => PingPong(client),
        "status_code_and_message" => StatusCodeAndMessage(client),
        "special_status_message" => SpecialStatusMessage(client),
        "custom_metadata" => CustomMetadata(client),
        "unimplemented_method" => Unimplemented(client.UnimplementedCallAsync(new Empty())),
        "unimplemented_service" => Unimplemented(client.UnimplementedServiceCallAsync(new Empty())),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServer(client),
        "cancel_after_first_response" => CancelAfterFirstResponse(client),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such interop case"),
    };

    private static async Task EmptyUnary(TestServiceClient client) =>
        Assert.NotNull(await client.EmptyCallAsync(new Empty()));

    private static async Task LargeUnary(TestServiceClient client)
    {
        var response = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Payload(271828) });
        Assert.Equal(PayloadType.Compressable, response.Payload.Type);
        Assert.Equal(314159, response.Payload.Body.Length);
    }

    private static async Task ServerStreaming(TestServiceClient client)
    {
        var request = new StreamingOutputCallRequest { ResponseParameters = { ResponseSizes.Select(s => new ResponseParameters { Size = s }) } };
        using var call = client.StreamingOutputCall(request);
        var sizes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync()) sizes.Add(response.Payload.Body.Length);
        Assert.Equal(ResponseSizes, sizes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task ClientStreaming(TestServiceClient client)
    {
        using var call = client.StreamingInputCall();
        foreach (var size in RequestSizes) await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Payload(size) });
        await call.RequestStream.CompleteAsync();
        Assert.Equal(74922, (await call).AggregatedPayloadSize);
    }

    private static async Task PingPong(TestServiceClient client)
    {
        using var call = client.FullDuplexCall();
        for (var i = 0; i < RequestSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
            {
                ResponseParameters = { new ResponseParameters { Size = ResponseSizes[i] } },
                Payload = Payload(RequestSizes[i]),
            });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(ResponseSizes[i], call.ResponseStream.Current.Payload.Body.Length);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private static async Task StatusCodeAndMessage(TestServiceClient client)
    {
        var echo = new EchoStatus { Code = 2, Message = "test status message" };
        var unary = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(new SimpleRequest { ResponseStatus = echo }));
        Assert.Equal(new Status(StatusCode.Unknown, echo.Message), unary.Status with { DebugException = null });

        using var call = client.FullDuplexCall();
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = echo });
        await call.RequestStream.CompleteAsync();
        var duplex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unknown, duplex.StatusCode);
        Assert.Equal(echo.Message, duplex.Status.Detail);
    }

    private static async Task SpecialStatusMessage(TestServiceClient client)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = SpecialMessage } };
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(request));
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(SpecialMessage, error.Status.Detail);
    }

    private static async Task CustomMetadata(TestServiceClient client)
    {
        byte[] trailing = [0x0a, 0x0b, 0x0a, 0x0b, 0x0a, 0x0b];
        var headers = new Metadata()
            .Add(InteropTestService.EchoInitialKey, "test_initial_metadata_value")
            .Add(InteropTestService.EchoTrailingKey, trailing);

        using (var unary = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Payload(271828) }, new CallOptions(headers)))
        {
            await unary;
            Assert.Equal("test_initial_metadata_value", (await unary.ResponseHeadersAsync).GetValue(InteropTestService.EchoInitialKey));
            Assert.Equal(trailing, unary.GetTrailers().GetValueBytes(InteropTestService.EchoTrailingKey));
        }

        using var duplex = client.FullDuplexCall(new CallOptions(headers));
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 314159 } }, Payload = Payload(271828) });
        await duplex.RequestStream.CompleteAsync();
        while (await duplex.ResponseStream.MoveNext(CancellationToken.None))
        {
        }
        Assert.Equal("test_initial_metadata_value", (await duplex.ResponseHeadersAsync).GetValue(InteropTestService.EchoInitialKey));
        Assert.Equal(trailing, duplex.GetTrailers().GetValueBytes(InteropTestService.EchoTrailingKey));
    }

    private static async Task Unimplemented(AsyncUnaryCall<Empty> call)
    {
        using (call)
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
            Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        }
    }

    private static async Task TimeoutOnSleepingServer(TestServiceClient client)
    {
        using var call = client.FullDuplexCall(new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(1)));
        // The write may already fail with the deadline; either way the call ends DEADLINE_EXCEEDED.
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Payload(27182) });
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.DeadlineExceeded)
        {
        }
        var read = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.DeadlineExceeded, read.StatusCode);
    }

    private static async Task CancelAfterFirstResponse(TestServiceClient client)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = client.FullDuplexCall(new CallOptions(CancellationToken: cancellation.Token));
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 31415 } }, Payload = Payload(27182) });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private static Payload Payload(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}
