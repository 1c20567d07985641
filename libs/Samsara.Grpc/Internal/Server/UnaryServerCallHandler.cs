using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>One request in, one response out.</summary>
internal sealed class UnaryServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> invoker, GrpcServiceOptions options, ILogger logger)
    : ServerCallHandler(method.FullName, method.Type, options, logger)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task HandleCallAsyncCore(HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        var response = await invoker(request, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned no message.");
        // No flush: the message and the trailers leave together when the call ends.
        await call.WriteMessageAsync(response, flush: false, call.CancellationToken).ConfigureAwait(false);
    }
}
