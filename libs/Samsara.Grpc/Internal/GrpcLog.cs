using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal;

/// <summary>Every log message of Samsara.Grpc, source-generated so fields stay structured; EventIds are stable.</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Request content-type '{ContentType}' is not a gRPC content type; answered 415.")]
    public static partial void UnsupportedContentType(ILogger logger, string? contentType);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Request protocol '{Protocol}' is not HTTP/2; answered 426.")]
    public static partial void UnsupportedProtocol(ILogger logger, string protocol);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Invalid grpc-timeout '{Timeout}' ignored.")]
    public static partial void InvalidTimeout(ILogger logger, string timeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Call {Method} exceeded its deadline of {Timeout}.")]
    public static partial void DeadlineExceeded(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Error completing {Method} after its deadline.")]
    public static partial void DeadlineCompletionFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Call {Method} ended by the client.")]
    public static partial void ClientCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Call {Method} ended with status {StatusCode}: {Detail}")]
    public static partial void RpcExceptionThrown(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Error in the handler of {Method}; answered UNKNOWN.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "No handler for {Path}; answered UNIMPLEMENTED.")]
    public static partial void Unimplemented(ILogger logger, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Handler of {Method} ended after the call was already complete.")]
    public static partial void HandlerEndedAfterCompletion(ILogger logger, string method);
}
