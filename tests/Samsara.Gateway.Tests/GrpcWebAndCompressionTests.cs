using System.Globalization;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Samsara.Api.V1;
using Samsara.Gateway.Tests.Infrastructure;
using Samsara.Testing.Network;

namespace Samsara.Gateway.Tests;

/// <summary>The Grpc:Web and Grpc:ResponseCompression settings, through the real gateway host.</summary>
public sealed class GrpcWebAndCompressionTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task With_Grpc_Web_a_grpc_web_client_calls_the_gateway_over_http_1_1()
    {
        var (grpcPort, webPort) = (LoopbackPorts.Next(), LoopbackPorts.Next());
        await using var server = await GatewayServer.StartAsync(workspace, Endpoints(grpcPort, webPort, ("Grpc:Web", "true")));
        var run = await new GatewayClient(server.CreateChannel()).StartAsync(GatewayWorkspace.ValidSpec());

        // What a browser's gRPC-Web library sends: HTTP/1.1, application/grpc-web-text, on the HTTP/1.1 port.
        using var web = GrpcChannel.ForAddress($"http://127.0.0.1:{webPort}", new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new RunService.RunServiceClient(web);
        var found = await client.GetRunAsync(new GetRunRequest { RunId = run.Id }, GatewayServer.As(GatewayServer.AliceKey));
        Assert.Equal(run.Id, found.Id);
        // The same interceptor guards gRPC-Web calls.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.GetRunAsync(new GetRunRequest { RunId = run.Id }));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task Without_Grpc_Web_the_http_1_1_port_does_not_answer_grpc_web()
    {
        var (grpcPort, webPort) = (LoopbackPorts.Next(), LoopbackPorts.Next());
        await using var server = await GatewayServer.StartAsync(workspace, Endpoints(grpcPort, webPort));
        using var web = GrpcChannel.ForAddress($"http://127.0.0.1:{webPort}", new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new RunService.RunServiceClient(web).GetRunAsync(new GetRunRequest { RunId = Guid.NewGuid().ToString() }, GatewayServer.As(GatewayServer.AliceKey)));
        Assert.NotEqual(StatusCode.NotFound, e.StatusCode);   // the call never reached RunService
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("", null)]
    public async Task Responses_are_compressed_as_Grpc_ResponseCompression_says(string setting, string? expected)
    {
        await using var server = await GatewayServer.StartAsync(workspace, new Dictionary<string, string?> { ["Grpc:ResponseCompression"] = setting });
        var run = await new GatewayClient(server.CreateChannel()).StartAsync(GatewayWorkspace.ValidSpec());
        var seen = new EncodingRecorder(new SocketsHttpHandler());
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = seen });
        var found = await new RunService.RunServiceClient(channel).GetRunAsync(new GetRunRequest { RunId = run.Id }, GatewayServer.As(GatewayServer.AliceKey));
        Assert.Equal(run.Id, found.Id);   // grpc-dotnet clients accept gzip and decompress it
        Assert.Equal(expected, seen.Encoding);
    }

    /// <summary>The grpc-encoding of the last response, as it came over the wire (the generated client hides it).</summary>
    private sealed class EncodingRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public string? Encoding { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Encoding = response.Headers.TryGetValues("grpc-encoding", out var values) ? values.Single() : null;
            return response;
        }
    }

    private static Dictionary<string, string?> Endpoints(int grpcPort, int webPort, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort.ToString(CultureInfo.InvariantCulture)}",
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    public void Dispose() => workspace.Dispose();
}
