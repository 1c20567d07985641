using MassTransit;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Samsara.Api.Auth;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Consumers;
using Samsara.Gateway.Grpc;
using Samsara.Gateway.Runs;
using Samsara.Grpc;
using Samsara.Grpc.Health;
using Samsara.Grpc.Reflection;
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
        // gRPC clients speak HTTP/2 with prior knowledge; without TLS, Kestrel only offers it on Http2-only endpoints.
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));

        services.AddValidatedOptions<GatewayOptions>(builder.Configuration, GatewayOptions.SectionName);
        services.AddSingleton(p => new ApiKeyAuthenticator(
            p.GetRequiredService<IOptions<GatewayOptions>>().Value.ApiKeys.Select(k => new ApiKey(k.Name, k.Sha256, k.Admin))));
        services.AddSingleton(p => new ArtifactStore(p.GetRequiredService<IOptions<GatewayOptions>>().Value.ArtifactRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CallerAuthentication>();
        services.AddSingleton<RunSpecFiles>();
        services.AddSingleton<RunBroadcast>();
        services.AddSingleton<RunEventApplier>();
        services.AddSingleton<RunWatcher>();
        services.AddSingleton<RunStarter>();
        services.AddSingleton<RunService>();

        services.AddGrpc();
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
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
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
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
        bus.AddSamsaraConsumer<EvaluationCompletedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageFaultedConsumer>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<RunCancelledConsumer>(QueueNames.GatewayRunEvents);
        // A stage message that failed every retry: MassTransit publishes Fault<T> and the run fails with its reason.
        // Not CancelRunRequested: the run is Cancelled before a stage hears it, and a final state stays.
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<RunRequested>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<GenerateShard>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<GenerationShardCompleted>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<FilteringCompleted>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<TrainingCompleted>>(QueueNames.GatewayRunEvents);
        bus.AddSamsaraConsumer<StageMessageFaultedConsumer<JudgeShard>>(QueueNames.GatewayRunEvents);
    }
}
