using Samsara.Messaging;
using Samsara.Stages;

namespace Samsara.Filter.Extensions;

/// <summary>The filter's registrations: the artifact store and its consumers on the bus.</summary>
internal static class Extensions
{
    /// <summary>
    /// <c>Artifacts:Root</c> is required (validated at start); RabbitMQ when <c>Messaging:RabbitMq:Host</c> is set, the in-memory bus otherwise.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSamsaraStages(builder.Configuration);
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus => bus.AddFilterConsumers());
    }
}
