using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Actors.Internal.Dapr;

namespace Samsara.Actors;

/// <summary>Maps the HTTP routes daprd calls (Dapr's <c>MapActorsHandlers</c>).</summary>
public static class ActorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// In the Dapr runtime: <c>GET /dapr/config</c>, <c>PUT /actors/{type}/{id}/method/{method}</c>,
    /// <c>…/method/remind/{name}</c>, <c>…/method/timer/{name}</c>, <c>DELETE /actors/{type}/{id}</c> and
    /// <c>GET /healthz</c> (the app's health checks; daprd counts only 200 as healthy). In the embedded runtime
    /// nothing calls in from outside, so nothing is mapped. Returns the group of actor routes, for conventions.
    /// </summary>
    public static IEndpointConventionBuilder MapActorsHandlers(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<ActorRuntimeOptions>();
        if (options.Runtime != ActorRuntimeKind.Dapr)
        {
            return endpoints.MapGroup("");
        }

        endpoints.MapHealthChecks("/healthz");
        return DaprActorEndpoints.Map(endpoints);
    }
}
