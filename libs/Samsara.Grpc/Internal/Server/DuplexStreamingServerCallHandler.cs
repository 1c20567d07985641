using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>Requests and responses stream both ways at once; HTTP/2 lets Kestrel read and write one stream concurrently.</summary>
internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> invoker, GrpcServiceOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, method.Type, options, logger)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override Task HandleCallAsyncCore(HttpContextServerCallContext call) =>
        invoker(new HttpContextStreamReader<TRequest>(call, method.RequestParser), new HttpContextStreamWriter<TResponse>(call), call);
}
