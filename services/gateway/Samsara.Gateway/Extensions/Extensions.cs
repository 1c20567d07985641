using MassTransit;
using Microsoft.Extensions.Options;
using Samsara.Api.Server;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Consumers;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Grpc;
using Samsara.Gateway.Runs;
using Samsara.Messaging;
using Samsara.ServiceDefaults;

namespace Samsara.Gateway.Extensions;

/// <summary>The gateway's registrations, so Program.cs reads as a table of contents (eShop's Extensions.cs).</summary>
public static class Extensions
{
    /// <summary>
    /// The gateway's services; <paramref name="moreConsumers"/> joins other consumers to its bus, so one process can
    /// host the gateway and the stages together (`samsara run`).
    /// </summary>
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator>? moreConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<GatewayOptions>(builder.Configuration, GatewayOptions.SectionName);
        builder.AddSamsaraGrpc(p => p.GetRequiredService<IOptions<GatewayOptions>>().Value.ApiKeys);
        builder.AddArtifactStoreReadiness();
        services.AddSingleton(p => new ArtifactStore(p.GetRequiredService<IOptions<GatewayOptions>>().Value.ArtifactRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunSpecFiles>();
        services.AddSingleton<SpecPathConfinement>();
        services.AddSingleton<RunBroadcast>();
        services.AddSingleton<RunEventApplier>();
        services.AddSingleton<RunWatcher>();
        services.AddSingleton<BrokerPublisher>();
        services.AddSingleton<RunStarter>();
        services.AddValidatedOptions<RunFlowSettings>(builder.Configuration, RunFlowSettings.SectionName);
        services.AddSingleton<RunCommands>();
        builder.AddRunActors();
        services.AddSamsaraMessaging(builder.Configuration, bus =>
        {
            AddConsumers(bus);
            moreConsumers?.Invoke(bus);
        });
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<RunService>();
        app.MapSamsaraGrpcDefaults();
        app.MapRunActors();
        return app;
    }

    // One consumer per message, all on the gateway's queue: every run event ends up in its RunActor.
    private static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddSamsaraConsumer<RunRequestedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<GenerationShardCompletedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<FilteringCompletedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<TrainingProgressConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<TrainingCompletedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<EvaluationProgressConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<EvaluationTaskCompletedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<EvaluationCompletedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageFaultedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<RunCancelledConsumer>(QueueNames.GatewayRunEvents);
        // A stage message that failed every retry: MassTransit publishes Fault<T> and the run fails with its reason.
        // Not CancelRunRequested: the run is Cancelled before a stage hears it, and a final state stays.
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<GenerateShard>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<FilterRun>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<TrainModel>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<EvaluationTask>>(QueueNames.GatewayRunEvents);
    }
}
