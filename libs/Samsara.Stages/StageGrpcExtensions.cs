using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Samsara.Api.Server;

namespace Samsara.Stages;

/// <summary>How a stage host serves its gRPC service: what every Samsara host shares, readiness on the artifact store.</summary>
public static class StageGrpcExtensions
{
    /// <summary>grpc-dotnet with API keys (<c>Grpc:ApiKeys</c>), limits, health and reflection; readiness includes the artifact store.</summary>
    public static TBuilder AddStageGrpc<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddSamsaraGrpc();
        builder.AddArtifactStoreReadiness();
        return builder;
    }

    /// <summary>Maps the stage's service, health and reflection.</summary>
    public static WebApplication MapStageService<TService>(this WebApplication app)
        where TService : class
    {
        app.MapGrpcService<TService>();
        app.MapSamsaraGrpcDefaults();
        return app;
    }
}
