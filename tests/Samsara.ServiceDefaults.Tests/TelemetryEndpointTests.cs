using System.Diagnostics.Metrics;
using System.Net;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.ServiceDefaults.Tests;

/// <summary>The Prometheus scrape endpoint exists only when enabled, and then serves Samsara's meter and ASP.NET Core's.</summary>
public sealed class TelemetryEndpointTests
{
    private static readonly Counter<long> Pings = SamsaraTelemetry.Meter.CreateCounter<long>("samsara.test.pings", "{ping}");

    [Fact]
    public async Task Without_the_setting_there_is_no_scrape_endpoint()
    {
        await using var app = await LoopbackApp.StartAsync();

        using var scrape = await app.Client.GetAsync(new Uri(TelemetryExtensions.PrometheusPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
    }

    [Fact]
    public async Task Enabled_it_serves_samsara_and_http_metrics_in_prometheus_text()
    {
        await using var app = await LoopbackApp.StartAsync(settings: new Dictionary<string, string?> { [TelemetryExtensions.PrometheusEnabledKey] = "true" });
        Pings.Add(3);
        (await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.LivenessPath, UriKind.Relative))).Dispose();

        using var scrape = await app.Client.GetAsync(new Uri(TelemetryExtensions.PrometheusPath, UriKind.Relative));
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("samsara_test_pings_total", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }
}
