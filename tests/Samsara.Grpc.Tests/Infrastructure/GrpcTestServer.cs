using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.Grpc.Health;
using Samsara.Grpc.Reflection;
using Samsara.Grpc.Tests.Interop;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port picked by the OS), HTTP/2 cleartext only, as gRPC clients
/// connect with prior knowledge. It serves the interop TestService, health (backed by <see cref="Health"/>) and
/// reflection, plus whatever a test maps.
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public IServiceProvider Services => _app.Services;

    /// <summary>The health check that decides grpc.testing.TestService's status (and, with every other check, "").</summary>
    public ToggleHealthCheck Health => _app.Services.GetRequiredService<ToggleHealthCheck>();

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcServiceOptions>? configure = null, Action<IEndpointRouteBuilder>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(configure);
        builder.Services.AddSingleton<ToggleHealthCheck>();
        builder.Services
            .AddGrpcHealthChecks(o => o.Services[TestServiceMethods.Service.FullName] = r => r.Tags.Contains("interop"))
            .AddCheck<ToggleHealthCheck>("toggle", tags: ["interop"]);
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton<ProbeService>();

        var app = builder.Build();
        app.MapGrpcService<InteropTestService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGrpcService<ProbeService>();
        map?.Invoke(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GrpcTestServer(app, new Uri(address));
    }

    public ProbeService Probe => _app.Services.GetRequiredService<ProbeService>();

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
