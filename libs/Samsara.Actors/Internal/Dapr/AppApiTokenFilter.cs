using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// When APP_API_TOKEN is configured, daprd sends it as <c>dapr-api-token</c> on every call; anything else
/// calling the actor routes without it gets 401. Compared in constant time, and never logged.
/// </summary>
internal sealed class AppApiTokenFilter(ActorRuntimeOptions options, ILogger<AppApiTokenFilter> logger) : IEndpointFilter
{
    public const string Header = "dapr-api-token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Dapr.AppApiToken is { Length: > 0 } expected)
        {
            var given = context.HttpContext.Request.Headers[Header].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
            {
                ActorsLog.AppTokenRejected(logger);
                return Results.Json(new DaprError("ERR_UNAUTHORIZED", "missing or wrong dapr-api-token"), DaprActorEndpoints.Wire, statusCode: StatusCodes.Status401Unauthorized);
            }
        }

        return await next(context);
    }
}
