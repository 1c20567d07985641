using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Samsara.Grpc.Health;

/// <summary>Which ASP.NET Core health checks decide the status of which gRPC service name.</summary>
public sealed class GrpcHealthChecksOptions
{
    /// <summary>
    /// gRPC service name → the health check registrations that decide it: SERVING unless one of them is Unhealthy
    /// (Degraded still serves). "" (the whole server, what grpc_health_probe asks by default) uses every check.
    /// </summary>
    public IDictionary<string, Func<HealthCheckRegistration, bool>> Services { get; } =
        new Dictionary<string, Func<HealthCheckRegistration, bool>>(StringComparer.Ordinal) { [""] = _ => true };
}
