using Grpc.Core;
using Samsara.Api.Auth;

namespace Samsara.Api.Server;

/// <summary>Where <see cref="ApiKeyInterceptor"/> leaves the caller in a call's user state.</summary>
internal sealed class CallerKey
{
    public static readonly CallerKey Instance = new();

    private CallerKey()
    {
    }
}

public static class ServerCallContextCallerExtensions
{
    /// <summary>The authenticated caller of this call.</summary>
    /// <exception cref="InvalidOperationException">The host did not register <see cref="ApiKeyInterceptor"/> (a wiring bug).</exception>
    public static Caller Caller(this ServerCallContext context) =>
        context.UserState.TryGetValue(CallerKey.Instance, out var caller) && caller is Caller c
            ? c
            : throw new InvalidOperationException($"no caller on {context.Method}: the host must add {nameof(ApiKeyInterceptor)} (AddSamsaraGrpc)");
}
