using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>A health check a test turns healthy or unhealthy.</summary>
public sealed class ToggleHealthCheck : IHealthCheck
{
    private volatile bool _healthy = true;

    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("toggled off"));
}
