using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Messaging.Internal;

namespace Samsara.Messaging;

/// <summary>Registration helpers on MassTransit's configurator.</summary>
public static class BusRegistrationExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TConsumer"/> on the queue <paramref name="queueName"/> (one of <see cref="QueueNames"/>).
    /// Consumers given the same queue share it: a service has one queue, whatever it consumes.
    /// </summary>
    /// <param name="bus">MassTransit's configurator.</param>
    /// <param name="queueName">The queue, e.g. <see cref="QueueNames.Trainer"/>.</param>
    /// <param name="endpoint">
    /// Further endpoint settings, e.g. <c>e => e.ConcurrentMessageLimit = 1</c> for a trainer that owns the GPU.
    /// </param>
    public static IConsumerRegistrationConfigurator<TConsumer> AddSamsaraConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string queueName,
        Action<IEndpointRegistrationConfigurator>? endpoint = null)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        bus.AddSingleton(new WorkerQueue(queueName));
        var consumer = bus.AddConsumer<TConsumer>();
        consumer.Endpoint(settings =>
        {
            endpoint?.Invoke(settings);
            // Last, so the stable name cannot be overridden by accident.
            settings.Name = queueName;
        });
        return consumer;
    }

    /// <summary>
    /// Selects the transport, RabbitMQ when <c>Messaging:RabbitMq:Host</c> is set in <paramref name="configuration"/>
    /// and the in-memory transport otherwise, with Samsara's retry, idempotency and endpoint setup.
    /// <see cref="MessagingServiceCollectionExtensions.AddSamsaraMessaging"/> calls it; call it yourself only inside
    /// MassTransit's <c>AddMassTransitTestHarness</c>, which replaces the bus registration with its own.
    /// </summary>
    public static void UsingSamsaraTransport(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(configuration);
        bus.ConfigureHealthCheckOptions(health => health.Name = "messaging-bus");
        if (MessagingConfiguration.UsesRabbitMq(configuration))
            bus.UsingRabbitMq(BusConfiguration.ConfigureRabbitMq);
        else
            bus.UsingInMemory(BusConfiguration.ConfigureInMemory);
    }
}
