using Samsara.Api.Auth;
using Samsara.Grpc;

namespace Samsara.Gateway.Grpc;

/// <summary>Who is calling RunService; health and reflection are other services and never ask.</summary>
public sealed class CallerAuthentication(ApiKeyAuthenticator authenticator)
{
    /// <exception cref="RpcException">UNAUTHENTICATED: the key is missing, malformed or unknown (one answer for all three).</exception>
    public Caller Authenticate(ServerCallContext context) =>
        authenticator.Authenticate(context.RequestHeaders.GetValue("authorization")) ?? throw RpcErrors.Unauthenticated();
}
