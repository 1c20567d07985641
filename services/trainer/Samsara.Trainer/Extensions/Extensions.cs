using Samsara.Messaging;
using Samsara.Stages;
using Samsara.Stages.Training;

namespace Samsara.Trainer.Extensions;

/// <summary>The trainer's registrations: the artifact store, its consumers on the bus and samsara.v1.TrainerService.</summary>
internal static class Extensions
{
    /// <summary>
    /// Only the trainer's own work, in the container and on the bus alike (AddTrainerServices, AddTrainerConsumers): the <c>Trainer</c> and <c>Jobs</c> sections
    /// besides <c>Artifacts:Root</c> (required) are bound and validated at start, other stages' are not read.
    /// RabbitMQ when <c>Messaging:RabbitMq:Host</c> is set, the in-memory bus otherwise.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStageGrpc();
        builder.Services.AddTrainerServices(builder.Configuration);
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus => bus.AddTrainerConsumers());
    }

    /// <summary>samsara.v1.TrainerService, with health and reflection, on the host's gRPC (HTTP/2) endpoints.</summary>
    public static void MapApplicationServices(this WebApplication app) => app.MapStageService<TrainerService>();
}
