namespace Samsara.Gateway.Internal;

/// <summary>The gateway's log messages, source-generated, with stable event ids.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Source} for run {RunId}: {Applied} of {Offered} events applied")]
    public static partial void EventsApplied(ILogger logger, string source, string runId, int applied, int offered);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId} started by {Owner}")]
    public static partial void RunStarted(ILogger logger, string runId, string owner);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Watcher of run {RunId} read its history: {Count} events")]
    public static partial void WatchPolled(ILogger logger, string runId, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Run {RunId}: {Stage} re-dispatched ({Commands} commands, re-dispatch {Redispatch}): no word from it since {LastHeard}")]
    public static partial void StageRedispatched(ILogger logger, string runId, string stage, int commands, int redispatch, DateTimeOffset lastHeard);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Run {RunId} failed: {Reason}")]
    public static partial void RunFailedSilent(ILogger logger, string runId, string reason);
}
