using Microsoft.Extensions.Configuration;

namespace Samsara.Messaging.Internal;

/// <summary>Reads, at registration time, the one setting that decides which transport MassTransit is given.</summary>
internal static class MessagingConfiguration
{
    public static bool UsesRabbitMq(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{MessagingOptions.SectionName}:RabbitMq:{nameof(RabbitMqOptions.Host)}"]);
}
