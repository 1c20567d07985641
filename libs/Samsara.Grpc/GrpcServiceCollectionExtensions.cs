using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samsara.Grpc.Internal.Server;

namespace Samsara.Grpc;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers what <c>MapGrpcService</c> needs: routing, <see cref="GrpcServiceOptions"/>, the service registry.</summary>
    public static IServiceCollection AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        var options = services.AddOptions<GrpcServiceOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<GrpcServiceRegistry>();
        return services;
    }
}
