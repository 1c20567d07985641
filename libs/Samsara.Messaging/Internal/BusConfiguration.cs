using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samsara.Contracts;

namespace Samsara.Messaging.Internal;

/// <summary>The bus setup shared by both transports; runs when MassTransit builds the bus, with validated options.</summary>
internal static class BusConfiguration
{
    public static void ConfigureRabbitMq(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator bus)
    {
        var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var broker = options.RabbitMq;
        bus.Host(broker.Host!, checked((ushort)broker.Port), broker.VirtualHost, host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
        });
        var logger = Logger(context);
        MessagingLog.UsingRabbitMq(logger, broker.Host!, broker.Port, broker.VirtualHost, broker.Username);
        ConfigureCommon(context, bus, options);
    }

    public static void ConfigureInMemory(IBusRegistrationContext context, IInMemoryBusFactoryConfigurator bus)
    {
        var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var logger = Logger(context);
        MessagingLog.UsingInMemory(logger);
        ConfigureCommon(context, bus, options);
    }

    private static void ConfigureCommon<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> bus, MessagingOptions options)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        // Set on the bus, these apply to every receive endpoint ConfigureEndpoints creates below.
        // Retry is in memory, around the consumer; when it gives up, MassTransit moves the message to the
        // queue's _error queue with the exception in MT-Fault-* headers and publishes Fault<T>.
        var retry = options.Retry;
        bus.UseMessageRetry(policy =>
        {
            if (retry.Limit == 0)
                policy.None();
            else
                policy.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
        });
        bus.UseConsumeFilter(typeof(IdempotentConsumeFilter<>), context);

        // IRunMessage is how the filter reads ids, not a message anyone subscribes to: publishing a RunRequested
        // must not also create and publish to an exchange for the interface.
        bus.Publish<IRunMessage>(topology => topology.Exclude = true);

        bus.ConfigureEndpoints(context);
    }

    private static ILogger Logger(IBusRegistrationContext context) =>
        context.GetRequiredService<ILoggerFactory>().CreateLogger("Samsara.Messaging");
}
