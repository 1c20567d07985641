using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>One request in, a stream of responses out.</summary>
internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> invoker, GrpcServiceOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, method.Type, options, logger)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task HandleCallAsyncCore(HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        await invoker(request, new HttpContextStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
