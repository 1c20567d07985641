extern alias gateway;

using System.Security.Cryptography;
using gateway::Samsara.Gateway.Extensions;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Samsara.Api;
using Samsara.Api.Auth;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.ServiceDefaults;
using Samsara.Stages;

namespace Samsara.Cli.Commands;

/// <summary>
/// The embedded default: the gateway and the four stage services (their consumers and gRPC APIs) in this process, on the
/// in-memory bus with the run actors on the Dapr SDK over an embedded sidecar (state in DIR/gateway.db), serving gRPC on a
/// loopback port only this process knows the key to.
/// The same code runs distributed when each service is its own process on RabbitMQ.
/// </summary>
internal sealed class AllInOneHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GrpcChannel channel;

    private AllInOneHost(WebApplication app, string key)
    {
        this.app = app;
        channel = SamsaraChannels.ForAddress(app.Urls.First());
        Client = new RunService.RunServiceClient(channel.WithApiKey(key));
    }

    /// <summary>The in-process gateway's API, as any client sees it.</summary>
    public RunService.RunServiceClient Client { get; }

    public static async Task<AllInOneHost> StartAsync(string artifactRoot, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(artifactRoot);
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingException("--artifacts", $"{root} cannot be created ({e.Message})");
        }
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Name"] = "local",
            ["Gateway:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(key),
            ["Gateway:ApiKeys:0:Admin"] = "true",
            ["Gateway:StatePath"] = Path.Combine(root, "gateway.db"),
            ["Gateway:ArtifactRoot"] = root,
            // The spec file's paths are the local user's own: a local tool reads them as given.
            ["Gateway:LocalSpecPaths"] = "true",
            ["Artifacts:Root"] = root,
        });
        // Warnings and worse, but only errors from MassTransit's own category (not its transports'): the host's stop
        // of the bus that DisposeAsync stopped already would print "Failed to stop bus … (Not Started)" after every run.
        builder.Logging.AddFilter((category, level) => level >= (category == "MassTransit" ? LogLevel.Error : LogLevel.Warning));
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddGatewayServices(bus => bus.AddAllStageConsumers());
        builder.Services.AddAllStageServices(builder.Configuration);
        var app = builder.Build();
        app.ValidateConfiguration();
        app.MapDefaultEndpoints();
        app.MapGateway();
        // The stages' own APIs too, as their hosts serve them (the same key; health and reflection come with the gateway).
        app.MapGrpcService<Stages.Generation.GeneratorService>();
        app.MapGrpcService<Stages.Filtering.FilterService>();
        app.MapGrpcService<Stages.Training.TrainerService>();
        app.MapGrpcService<Stages.Judging.JudgeService>();
        await app.StartAsync(cancellationToken);
        return new AllInOneHost(app, key);
    }

    /// <summary>
    /// Carries on with a run a killed process left mid-way: its RunActor sends the outstanding commands of the run's
    /// step again (the killed process's in-memory bus lost them), and each stage continues from its files.
    /// </summary>
    public Task ResumeAsync(Run run, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<gateway::Samsara.Gateway.Actors.RunActors>().ResumeAsync(run.Id, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        // The bus before the server (the host would stop the server first): a consumer still at work reaches the run
        // actors through the sidecar, which calls back into this app, and would retry until the stop timed out.
        await app.Services.GetRequiredService<IBusControl>().StopAsync(TimeSpan.FromSeconds(20));
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
