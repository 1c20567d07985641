using Dapr.Actors.Runtime;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Samsara.EmbeddedDapr;

/// <summary>Puts an <see cref="EmbeddedDaprSidecar"/> beside an app that hosts Dapr actors with the SDK.</summary>
public static partial class EmbeddedDaprServiceCollectionExtensions
{
    /// <summary>
    /// Starts the sidecar when the SDK first reads its options (its endpoint and API token go into
    /// <see cref="ActorRuntimeOptions"/>; its app token into the "Dapr" authentication scheme, if the app uses it),
    /// attaches it to the app's own addresses once the server has started, and stops it before the app stops.
    /// Call after <c>AddActors</c>.
    /// </summary>
    public static IServiceCollection AddEmbeddedDaprSidecar(this IServiceCollection services, Action<EmbeddedDaprSidecarOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new EmbeddedDaprSidecarOptions();
        configure(options);
        options.Validate();
        services.AddSingleton(p => new SidecarLifetime(options, p.GetRequiredService<ILoggerFactory>()));
        services.AddOptions<ActorRuntimeOptions>().PostConfigure<SidecarLifetime>((actors, lifetime) =>
        {
            actors.HttpEndpoint = lifetime.Sidecar.Endpoint.ToString().TrimEnd('/');
            actors.DaprApiToken = lifetime.Sidecar.ApiToken;
        });
        services.AddOptions<DaprAuthenticationOptions>(DaprAppToken.Scheme)
            .PostConfigure<SidecarLifetime>((auth, lifetime) => auth.Token = lifetime.Sidecar.AppToken);
        services.AddHostedService<SidecarAttachment>();
        return services;
    }

    /// <summary>The sidecar, started on first use: the SDK reads its endpoint while the app's endpoints are mapped, before hosted services start.</summary>
    internal sealed class SidecarLifetime(EmbeddedDaprSidecarOptions options, ILoggerFactory loggers) : IAsyncDisposable
    {
        private readonly Lazy<EmbeddedDaprSidecar> sidecar = new(() => EmbeddedDaprSidecar.StartAsync(options, loggers).GetAwaiter().GetResult());

        public EmbeddedDaprSidecar Sidecar => sidecar.Value;

        public ValueTask DisposeAsync() => sidecar.IsValueCreated ? sidecar.Value.DisposeAsync() : ValueTask.CompletedTask;
    }

    /// <summary>Attaches the sidecar to the app once its server listens; stops it first when the host stops.</summary>
    internal sealed partial class SidecarAttachment(SidecarLifetime lifetime, IServer server, IHostApplicationLifetime host, ILogger<SidecarAttachment> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = lifetime.Sidecar;
            host.ApplicationStarted.Register(() =>
            {
                var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(Loopback).ToList() ?? [];
                try
                {
                    // Blocking here is what makes "started" mean "actors reachable": the app already listens, so this is quick.
                    lifetime.Sidecar.AttachAsync(addresses, host.ApplicationStopping).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
                {
                    // Without its sidecar no actor call could ever complete: stop, saying why, rather than hang.
                    AttachFailed(logger, ex);
                    host.StopApplication();
                }
            });
            return Task.CompletedTask;
        }

        [LoggerMessage(EventId = 12, Level = LogLevel.Critical, Message = "The embedded Dapr sidecar could not reach this app's /dapr/config; stopping")]
        private static partial void AttachFailed(ILogger logger, Exception exception);

        public Task StopAsync(CancellationToken cancellationToken) => lifetime.DisposeAsync().AsTask();

        // A wildcard listen address (+, *, 0.0.0.0, [::]) is reached on loopback.
        private static Uri Loopback(string address)
        {
            var uri = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
            return uri.Host is "0.0.0.0" or "[::]" or "::" ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
        }
    }
}
