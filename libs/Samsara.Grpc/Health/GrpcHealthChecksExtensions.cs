using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Grpc.Internal.Health;

namespace Samsara.Grpc.Health;

public static class GrpcHealthChecksExtensions
{
    /// <summary>
    /// Registers the gRPC health service backed by ASP.NET Core health checks; add checks to the returned builder.
    /// Check runs the mapped checks on demand; Watch also hears the periodic reports (HealthCheckPublisherOptions).
    /// </summary>
    public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services, Action<GrpcHealthChecksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        var options = services.AddOptions<GrpcHealthChecksOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<HealthCheckStatusEvaluator>();
        services.TryAddSingleton(sp => new HealthService(sp.GetRequiredService<HealthCheckStatusEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, GrpcHealthChecksPublisher>());
        return services.AddHealthChecks();
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c> (the <see cref="HealthService"/> from DI).</summary>
    public static IEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<HealthService>();
}
