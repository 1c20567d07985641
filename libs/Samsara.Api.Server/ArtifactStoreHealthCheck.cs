using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Artifacts;

namespace Samsara.Api.Server;

/// <summary>Readiness: the artifact store's directory is there and writable (a PVC that failed to mount is neither).</summary>
public sealed class ArtifactStoreHealthCheck(ArtifactStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(store.Root, $".ready-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"{store.Root} is writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{store.Root} is not writable: {e.Message}");
        }
    }
}
