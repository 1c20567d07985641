using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samsara.Grpc.Internal;
using Samsara.Grpc.Internal.Server;

namespace Samsara.Grpc;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="definition"/> to <c>POST /package.Service/Method</c>. The first call also
    /// maps a catch-all that answers UNIMPLEMENTED for other gRPC paths.
    /// </summary>
    /// <returns>A builder whose conventions (authorization, metadata) apply to all the methods.</returns>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServerServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpc() before mapping gRPC services.");
        var options = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Samsara.Grpc.Server");
        registry.Add(definition);

        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in definition.Methods)
        {
            var handler = method.CreateHandler(options, logger);
            builders.Add(endpoints.MapPost(method.Path, new RequestDelegate(handler.HandleCallAsync)).WithDisplayName($"gRPC - {method.Path}"));
        }
        if (registry.TryMarkUnimplementedMapped())
        {
            var unimplemented = new UnimplementedCallHandler(registry, logger);
            endpoints.MapPost("/{service}/{method}", new RequestDelegate(unimplemented.HandleCallAsync))
                .WithDisplayName("gRPC - unimplemented")
                // Last resort: any other endpoint that matches the path goes first.
                .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);
        }
        return new CompositeEndpointConventionBuilder(builders);
    }

    /// <summary>
    /// Maps a service class: taken from DI if registered, else created once with its dependencies injected. The
    /// instance serves every call, so it must be thread-safe (grpc-dotnet's default is one instance per call).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var service = endpoints.ServiceProvider.GetService<TService>() ?? ActivatorUtilities.CreateInstance<TService>(endpoints.ServiceProvider);
        return endpoints.MapGrpcService(service.BindService());
    }
}
