using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Samsara.Grpc.Health;
using ServingStatus = Samsara.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Samsara.Grpc.Internal.Health;

/// <summary>Turns ASP.NET Core health check results into gRPC serving statuses, per mapped service name.</summary>
internal sealed class HealthCheckStatusEvaluator(
    HealthCheckService healthChecks, IOptions<GrpcHealthChecksOptions> options, IOptions<HealthCheckServiceOptions> registrations)
{
    public bool Handles(string service) => options.Value.Services.ContainsKey(service);

    /// <summary>Runs the service's checks now.</summary>
    public async Task<ServingStatus> EvaluateAsync(string service, CancellationToken cancellationToken)
    {
        var predicate = options.Value.Services[service];
        var report = await healthChecks.CheckHealthAsync(predicate, cancellationToken).ConfigureAwait(false);
        return ToServingStatus(report.Status);
    }

    /// <summary>Every mapped service's status in a report the health check publisher already ran.</summary>
    public IEnumerable<(string Service, ServingStatus Status)> FromReport(HealthReport report)
    {
        foreach (var (service, predicate) in options.Value.Services)
        {
            var names = registrations.Value.Registrations.Where(predicate).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            // HealthStatus orders Unhealthy < Degraded < Healthy: the worst matching entry decides.
            var worst = report.Entries.Where(e => names.Contains(e.Key)).Select(e => e.Value.Status).DefaultIfEmpty(HealthStatus.Healthy).Min();
            yield return (service, ToServingStatus(worst));
        }
    }

    private static ServingStatus ToServingStatus(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
}
