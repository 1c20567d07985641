using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Samsara.ServiceDefaults.Internal;

/// <summary>The log messages of Samsara.ServiceDefaults, with stable event ids.</summary>
internal static partial class ServiceDefaultsLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Health check {Check} is {Status}: {Description}")]
    public static partial void HealthDegraded(ILogger logger, string check, HealthStatus status, string? description);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Health check {Check} is Healthy again")]
    public static partial void HealthRecovered(ILogger logger, string check);
}
