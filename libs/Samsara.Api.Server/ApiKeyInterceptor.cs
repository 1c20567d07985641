using Grpc.Core;
using Grpc.Core.Interceptors;
using Samsara.Api.Auth;

namespace Samsara.Api.Server;

/// <summary>
/// Authenticates every call with `authorization: Bearer KEY` before the service sees it, and leaves the
/// <see cref="Caller"/> in the call's user state. Registered for every service of a host, so a new service is
/// protected unless it is named in <see cref="AnonymousServices"/>: health and reflection, which probes and tools
/// call without a key.
/// </summary>
public sealed class ApiKeyInterceptor(ApiKeyAuthenticator authenticator) : Interceptor
{
    private static readonly string[] AnonymousServices =
        ["/grpc.health.v1.Health/", "/grpc.reflection.v1alpha.ServerReflection/", "/grpc.reflection.v1.ServerReflection/"];

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        foreach (var prefix in AnonymousServices)
            if (context.Method.StartsWith(prefix, StringComparison.Ordinal)) return;
        // Missing, malformed and unknown keys get one answer, so a caller learns nothing about which keys exist.
        context.UserState[CallerKey.Instance] = authenticator.Authenticate(context.RequestHeaders.GetValue("authorization"))
            ?? throw RpcErrors.Unauthenticated();
    }
}
