using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Grpc.Health;

namespace Samsara.Grpc.Internal.Health;

/// <summary>
/// Receives the periodic health reports of ASP.NET Core's publisher service and feeds them to the health service,
/// so Watch calls hear of changes without anyone calling Check.
/// </summary>
internal sealed class GrpcHealthChecksPublisher(HealthService health, HealthCheckStatusEvaluator evaluator) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (service, status) in evaluator.FromReport(report)) health.SetStatus(service, status);
        return Task.CompletedTask;
    }
}
