using Samsara.Messaging;
using Samsara.Stages;
using Samsara.Stages.Filtering;

namespace Samsara.Filter.Extensions;

/// <summary>The filter's registrations: the artifact store, its consumers on the bus and samsara.v1.FilterService.</summary>
internal static class Extensions
{
    /// <summary>
    /// Only the filter's own work, in the container and on the bus alike (AddFilterServices, AddFilterConsumers): it has no
    /// section of its own; <c>Artifacts:Root</c> is required (validated at start), other stages' sections are not read.
    /// RabbitMQ when <c>Messaging:RabbitMq:Host</c> is set, the in-memory bus otherwise.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStageGrpc();
        builder.Services.AddFilterServices(builder.Configuration);
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus => bus.AddFilterConsumers());
    }

    /// <summary>samsara.v1.FilterService, with health and reflection, on the host's gRPC (HTTP/2) endpoints.</summary>
    public static void MapApplicationServices(this WebApplication app) => app.MapStageService<FilterService>();
}
