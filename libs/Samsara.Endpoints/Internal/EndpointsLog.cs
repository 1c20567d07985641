using Microsoft.Extensions.Logging;

namespace Samsara.Endpoints.Internal;

internal static partial class EndpointsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Endpoint}: {Reason}; retry {Retry} of {Retries} in {Delay}")]
    public static partial void Retrying(ILogger logger, string endpoint, string reason, int retry, int retries, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Endpoint}: request failed: {Reason}")]
    public static partial void Failed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Endpoint}: {Reason}; every request to it pauses for {Pause}")]
    public static partial void RateLimited(ILogger logger, string endpoint, string reason, TimeSpan pause);
}
