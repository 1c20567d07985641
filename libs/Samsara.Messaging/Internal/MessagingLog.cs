using Microsoft.Extensions.Logging;

namespace Samsara.Messaging.Internal;

/// <summary>The log messages of Samsara.Messaging, with stable event ids. Never the broker password.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Messaging uses RabbitMQ at {Host}:{Port}, virtual host {VirtualHost}, as {Username}")]
    public static partial void UsingRabbitMq(ILogger logger, string host, int port, string virtualHost, string username);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Messaging uses the in-memory transport (Messaging:RabbitMq:Host is not set)")]
    public static partial void UsingInMemory(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Skipped {MessageType} {EventId} of run {RunId}: already processed on {Queue}")]
    public static partial void DuplicateSkipped(ILogger logger, string messageType, Guid eventId, Guid runId, string queue);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Cannot read the backlog of queue {Queue} from RabbitMQ: {Reason}; samsara.queue.backlog is not reported until it can")]
    public static partial void BacklogUnreadable(ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Reading the backlog of queue {Queue} from RabbitMQ again")]
    public static partial void BacklogReadable(ILogger logger, string queue);
}
