using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>A stream of requests in, one response out.</summary>
internal sealed class ClientStreamingServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> invoker, GrpcServiceOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, method.Type, options, logger)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task HandleCallAsyncCore(HttpContextServerCallContext call)
    {
        var response = await invoker(new HttpContextStreamReader<TRequest>(call, method.RequestParser), call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned no message.");
        await call.WriteMessageAsync(response, flush: false, call.CancellationToken).ConfigureAwait(false);
    }
}
