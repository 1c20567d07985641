using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Samsara.Messaging.Internal;
using Samsara.ServiceDefaults;

namespace Samsara.Messaging;

/// <summary>The entry point a service host calls: <c>builder.Services.AddSamsaraMessaging(builder.Configuration, bus => …)</c>.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds MassTransit with Samsara's setup: RabbitMQ when <c>Messaging:RabbitMq:Host</c> is configured, the in-memory
    /// transport otherwise; exponential retry then the <c>_error</c> queue; idempotent consumers (SQLite when
    /// <c>Messaging:Idempotency:SqlitePath</c> is set); consumers on their <see cref="QueueNames"/>; readiness checks
    /// for the bus and, with RabbitMQ, the broker, and the backlog of the service's queues as <c>samsara.queue.backlog</c>. <c>Messaging</c> options are validated when the host starts.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The configuration holding the <c>Messaging</c> section.</param>
    /// <param name="configure">Adds the service's consumers, e.g. <c>bus => bus.AddSamsaraConsumer&lt;RunRequestedConsumer&gt;(QueueNames.Generator)</c>.</param>
    public static IServiceCollection AddSamsaraMessaging(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KeyedLock>();
        services.TryAddSingleton<IProcessedEventStore>(provider =>
        {
            var path = provider.GetRequiredService<IOptions<MessagingOptions>>().Value.Idempotency.SqlitePath;
            return string.IsNullOrWhiteSpace(path)
                ? new InMemoryProcessedEventStore()
                : new SqliteProcessedEventStore(path, provider.GetRequiredService<TimeProvider>());
        });

        if (MessagingConfiguration.UsesRabbitMq(configuration))
        {
            services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>("rabbitmq");
            services.AddMetrics();
            services.AddHostedService<QueueBacklogMonitor>();
        }

        services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise post usage figures to its vendor's server: a Samsara host talks only to
            // what its configuration names (and offline it logged a failure on every start).
            bus.DisableUsageTelemetry();
            configure?.Invoke(bus);
            bus.UsingSamsaraTransport(configuration);
        });
        return services;
    }
}
