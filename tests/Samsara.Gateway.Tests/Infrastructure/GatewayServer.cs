using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.Api.Auth;
using Samsara.Gateway.Extensions;
using Samsara.ServiceDefaults;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway host, built as Program.cs builds it, on 127.0.0.1 with a port the OS picks. State and artifacts
/// live in <see cref="GatewayWorkspace"/>, so a second server on the same workspace is the gateway restarted.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    public const string AliceKey = "alice-key";
    public const string BobKey = "bob-key";
    public const string AdminKey = "admin-key";

    private readonly WebApplication app;

    private GatewayServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="workspace">Where state and artifacts live.</param>
    /// <param name="settings">More configuration, over the defaults below.</param>
    /// <param name="moreConsumers">Consumers that play a stage on the gateway's bus.</param>
    public static async Task<GatewayServer> StartAsync(GatewayWorkspace workspace, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IBusRegistrationConfigurator>? moreConsumers = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = workspace.Root });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:StatePath"] = Path.Combine(workspace.Root, "gateway.db"),
            ["Gateway:ArtifactRoot"] = workspace.Artifacts,
            ["Gateway:WatchPollInterval"] = "00:00:00.200",
            ["Gateway:ApiKeys:0:Name"] = "alice",
            ["Gateway:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(AliceKey),
            ["Gateway:ApiKeys:1:Name"] = "bob",
            ["Gateway:ApiKeys:1:Sha256"] = ApiKeyAuthenticator.Hash(BobKey),
            ["Gateway:ApiKeys:2:Name"] = "root",
            ["Gateway:ApiKeys:2:Sha256"] = ApiKeyAuthenticator.Hash(AdminKey),
            ["Gateway:ApiKeys:2:Admin"] = "true",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddGatewayServices(moreConsumers);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        await app.StartAsync();
        // The first endpoint: the only one unless the settings configure Kestrel's (then the first is the gRPC one).
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, new Uri(address));
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public static CallOptions As(string key, CancellationToken ct = default) =>
        new(new Metadata { { "authorization", $"Bearer {key}" } }, cancellationToken: ct);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
