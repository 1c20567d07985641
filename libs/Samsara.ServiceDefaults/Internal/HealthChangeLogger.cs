using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Samsara.ServiceDefaults.Internal;

/// <summary>
/// Logs a health check when its status changes (the host runs every check periodically and hands the report here).
/// Only changes, so a pod that is unready for an hour logs why once, not every 30 seconds.
/// </summary>
internal sealed class HealthChangeLogger(ILogger<HealthChangeLogger> logger) : IHealthCheckPublisher
{
    private readonly ConcurrentDictionary<string, HealthStatus> _last = new(StringComparer.Ordinal);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            var previous = _last.GetValueOrDefault(name, HealthStatus.Healthy);
            _last[name] = entry.Status;
            if (entry.Status == previous)
                continue;
            if (entry.Status == HealthStatus.Healthy)
                ServiceDefaultsLog.HealthRecovered(logger, name);
            else
                ServiceDefaultsLog.HealthDegraded(logger, name, entry.Status, entry.Description);
        }

        return Task.CompletedTask;
    }
}
