using Samsara.Messaging;
using Samsara.Stages;
using Samsara.Stages.Filtering;

namespace Samsara.Filter.Extensions;

/// <summary>The filter's registrations: the artifact store, its consumers on the bus and samsara.v1.FilterService.</summary>
internal static class Extensions
{
    /// <summary>
    /// <c>Artifacts:Root</c> is required (validated at start); RabbitMQ when <c>Messaging:RabbitMq:Host</c> is set, the in-memory bus otherwise.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStageGrpc();
        builder.Services.AddSamsaraStages(builder.Configuration);
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus => bus.AddFilterConsumers());
    }

    /// <summary>samsara.v1.FilterService, with health and reflection, on the host's gRPC (HTTP/2) endpoints.</summary>
    public static void MapApplicationServices(this WebApplication app) => app.MapStageService<FilterService>();
}
