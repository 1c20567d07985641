using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal;

/// <summary>Every log message of Samsara.Actors, source-generated, with stable event ids.</summary>
internal static partial class ActorsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Activated actor {ActorType}/{ActorId}")]
    public static partial void Activated(ILogger logger, string actorType, string actorId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Deactivated actor {ActorType}/{ActorId}")]
    public static partial void Deactivated(ILogger logger, string actorType, string actorId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "OnDeactivateAsync of actor {ActorType}/{ActorId} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, string actorType, string actorId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of actor {ActorType}/{ActorId} failed; retrying at {RetryAt}")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string reminderName, string actorType, string actorId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Timer {TimerName} of actor {ActorType}/{ActorId} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string timerName, string actorType, string actorId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Actor call {ActorType}/{ActorId} {Callback} failed")]
    public static partial void CallFailed(ILogger logger, Exception exception, string actorType, string actorId, string callback);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "The embedded actor background loop {Loop} failed")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Rejected a call from daprd: missing or wrong dapr-api-token")]
    public static partial void AppTokenRejected(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Embedded actor store opened at {Path}")]
    public static partial void StoreOpened(ILogger logger, string path);
}
