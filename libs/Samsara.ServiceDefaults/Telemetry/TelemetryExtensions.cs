using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Samsara.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for a Samsara host: traces of ASP.NET Core requests, outgoing HTTP, MassTransit and Samsara's stage
/// work; metrics of the same plus the .NET runtime and the process. Nothing leaves the process unless configured:
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard <c>OTEL_*</c> variables configure it), a
/// Prometheus scrape endpoint at <see cref="PrometheusPath"/> when <c>Telemetry:Prometheus:Enabled</c> is true.
/// </summary>
public static class TelemetryExtensions
{
    public const string PrometheusPath = "/metrics";

    public const string PrometheusEnabledKey = "Telemetry:Prometheus:Enabled";

    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TBuilder AddSamsaraTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(SamsaraTelemetry.Name, SamsaraTelemetry.MassTransitName)
                // Probes and scrapes every few seconds would bury the runs' traces.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(SamsaraTelemetry.Name, SamsaraTelemetry.MassTransitName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
            telemetry.UseOtlpExporter();
        if (builder.Configuration.GetValue<bool>(PrometheusEnabledKey))
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint when it is enabled.</summary>
    public static WebApplication MapTelemetryEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>(PrometheusEnabledKey))
            app.MapPrometheusScrapingEndpoint(PrometheusPath);
        return app;
    }

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments(PrometheusPath, StringComparison.Ordinal);
}
