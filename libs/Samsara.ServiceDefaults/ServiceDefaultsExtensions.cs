using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Samsara.ServiceDefaults.Internal;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.ServiceDefaults;

/// <summary>The defaults every Samsara service host starts with (eShop's <c>AddServiceDefaults</c>).</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The liveness endpoint: runs only checks tagged <see cref="HealthTags.Live"/>.</summary>
    public const string LivenessPath = "/health/live";

    /// <summary>The readiness endpoint: runs every registered check.</summary>
    public const string ReadinessPath = "/health/ready";

    /// <summary>
    /// Adds health checks (a <c>self</c> liveness check; services and libraries add their readiness checks),
    /// logs each change of a check's status, and OpenTelemetry traces and metrics (exported only where configured).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The process is running."), [HealthTags.Live]);
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthChangeLogger>();
        builder.AddSamsaraTelemetry();
        return builder;
    }

    /// <summary>
    /// Maps <see cref="LivenessPath"/> and <see cref="ReadinessPath"/>, each answering with a JSON report, and the
    /// Prometheus scrape endpoint when enabled.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapTelemetryEndpoints();
        return app;
    }
}
