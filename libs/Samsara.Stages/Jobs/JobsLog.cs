using Microsoft.Extensions.Logging;

namespace Samsara.Stages.Jobs;

/// <summary>The background jobs' log messages, source-generated.</summary>
internal static partial class JobsLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Run {RunId}: job {Key} accepted")]
    public static partial void Accepted(ILogger logger, Guid runId, string key);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Run {RunId}: job {Key} is already running here; the repeated command starts nothing")]
    public static partial void AlreadyRunning(ILogger logger, Guid runId, string key);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Run {RunId}: job {Key} resumed from its record")]
    public static partial void Resumed(ILogger logger, Guid runId, string key);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Run {RunId}: job {Key} stopped with the bus; its record stays for the next start")]
    public static partial void Stopped(ILogger logger, Guid runId, string key);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Run {RunId}: job {Key} attempt {Attempt} failed, retrying in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, Guid runId, string key, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Run {RunId}: job {Key} failed after {Attempts} attempts: {Reason}")]
    public static partial void Failed(ILogger logger, Guid runId, string key, int attempts, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Job record {Path} is unreadable or of an unknown kind; it is left alone")]
    public static partial void Unreadable(ILogger logger, string path);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Run {RunId}: job {Key} done")]
    public static partial void Done(ILogger logger, Guid runId, string key);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Run {RunId}: job {Key} is held by {Owner} until {LeaseUntil}; left alone here")]
    public static partial void HeldElsewhere(ILogger logger, Guid runId, string key, string owner, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Run {RunId}: job {Key} taken over from {Owner}, whose lease lapsed at {LeaseUntil}")]
    public static partial void TakenOver(ILogger logger, Guid runId, string key, string owner, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Run {RunId}: job {Key}'s lease could not be renewed: {Reason}")]
    public static partial void RenewalFailed(ILogger logger, Guid runId, string key, string reason);
}
