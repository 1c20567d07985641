using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samsara.Actors.Internal;
using Samsara.Actors.Internal.Dapr;
using Samsara.Actors.Internal.Embedded;

namespace Samsara.Actors;

/// <summary>Registers the actor runtime that <c>Actors:Runtime</c> selects.</summary>
public static class ActorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the actor runtime: options from the <c>Actors</c> section, then <paramref name="configure"/>
    /// (which registers the actor types). Provides <see cref="IActorProxyFactory"/> for calling actors.
    /// Invalid settings throw here, at startup, naming the key.
    /// </summary>
    public static IServiceCollection AddSamsaraActors(this IServiceCollection services, IConfiguration configuration, Action<ActorRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ActorRuntimeOptions();
        ActorConfiguration.Apply(configuration, options);
        configure(options);
        options.Validate();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new ActorRegistry(options.Registrations));
        services.AddSingleton<ActorManager>();
        services.AddSingleton<ActorDispatcher>();
        services.AddSingleton<IActorProxyFactory, ActorProxyFactory>();
        services.AddHealthChecks();

        if (options.Runtime == ActorRuntimeKind.Embedded)
        {
            AddEmbedded(services);
        }
        else
        {
            AddDapr(services, options.Dapr);
        }

        return services;
    }

    private static void AddEmbedded(IServiceCollection services)
    {
        services.AddSingleton<SqliteActorDatabase>();
        services.AddSingleton<SqliteReminderTable>();
        services.AddSingleton<ReminderWakeup>();
        services.AddSingleton<IActorStateStore, SqliteActorStateStore>();
        services.AddSingleton<IActorReminderService, EmbeddedReminderService>();
        services.AddSingleton<IActorTimerService, EmbeddedTimerService>();
        services.AddSingleton<IActorInvoker, EmbeddedActorInvoker>();
        // Hosted services stop in reverse order: the scheduler drains its deliveries first, then every
        // actor is deactivated, so no reminder can reactivate one after its OnDeactivateAsync.
        services.AddHostedService<IdleDeactivationService>();
        services.AddHostedService<ReminderScheduler>();
    }

    private static void AddDapr(IServiceCollection services, DaprActorOptions dapr)
    {
        services.AddHttpClient<DaprSidecarClient>(http =>
        {
            // A trailing slash, so the relative "v1.0/actors/…" paths append to the endpoint instead of replacing its last segment.
            var endpoint = dapr.HttpEndpoint.ToString();
            http.BaseAddress = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
            if (!string.IsNullOrEmpty(dapr.ApiToken))
            {
                http.DefaultRequestHeaders.Add(AppApiTokenFilter.Header, dapr.ApiToken);
            }
        });
        services.AddSingleton<IActorStateStore, DaprActorStateStore>();
        services.AddSingleton<IActorReminderService, DaprReminderService>();
        services.AddSingleton<IActorTimerService, DaprTimerService>();
        services.AddSingleton<IActorInvoker, DaprActorInvoker>();
        services.AddTransient<AppApiTokenFilter>();
    }
}
