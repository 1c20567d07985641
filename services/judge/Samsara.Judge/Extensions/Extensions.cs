using Samsara.Messaging;
using Samsara.Stages;
using Samsara.Stages.Judging;

namespace Samsara.Judge.Extensions;

/// <summary>The judge's registrations: the artifact store, its consumers on the bus and samsara.v1.JudgeService.</summary>
internal static class Extensions
{
    /// <summary>
    /// Only the judge's own work, in the container and on the bus alike (AddJudgeServices, AddJudgeConsumers): the <c>Judging</c> section
    /// besides <c>Artifacts:Root</c> (required) are bound and validated at start, other stages' are not read.
    /// RabbitMQ when <c>Messaging:RabbitMq:Host</c> is set, the in-memory bus otherwise.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStageGrpc();
        builder.Services.AddJudgeServices(builder.Configuration);
        builder.Services.AddSamsaraMessaging(builder.Configuration, bus => bus.AddJudgeConsumers());
    }

    /// <summary>samsara.v1.JudgeService, with health and reflection, on the host's gRPC (HTTP/2) endpoints.</summary>
    public static void MapApplicationServices(this WebApplication app) => app.MapStageService<JudgeService>();
}
