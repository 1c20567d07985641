using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samsara.Grpc.Internal.Server;

namespace Samsara.Grpc.Reflection;

public static class GrpcReflectionExtensions
{
    /// <summary>Registers a <see cref="ReflectionService"/> that describes every service mapped on this host.</summary>
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.TryAddSingleton(sp =>
        {
            var registry = sp.GetRequiredService<GrpcServiceRegistry>();
            return new ReflectionService(() => registry.ServiceNames, () => registry.Descriptors);
        });
        return services;
    }

    /// <summary>Maps <c>grpc.reflection.v1alpha.ServerReflection</c> and <c>grpc.reflection.v1.ServerReflection</c>.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<ReflectionService>();
}
