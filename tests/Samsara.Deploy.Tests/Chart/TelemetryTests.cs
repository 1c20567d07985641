using Samsara.Deploy.Tests.Support;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>
/// telemetry.* in the chart: off by default (no OTLP variables, no scrape annotations, no /metrics); when set, every
/// service gets the collector's endpoint and every pod the scrape annotations on a port its container serves.
/// </summary>
public sealed class TelemetryTests
{
    private static readonly string[] Components = ["gateway", "generator", "filter", "trainer", "judge"];

    [Fact]
    public void By_default_nothing_is_exported_or_scraped()
    {
        var chart = RenderedChart.Render(ChartVariant.Default);
        foreach (var component in Components)
        {
            var workload = chart.Workload(component);
            var environment = chart.Environment(Assert.Single(workload.Containers));
            Assert.DoesNotContain(environment.Keys, key => key.StartsWith("OTEL_", StringComparison.Ordinal) || key.StartsWith("Telemetry__", StringComparison.Ordinal));
            Assert.Null(workload.PodAnnotations?.Text("prometheus.io/scrape"));
        }
    }

    [Fact]
    public void A_collector_and_scraping_reach_every_service()
    {
        var chart = RenderedChart.Render(ChartVariant.Default,
            "telemetry.otlp.endpoint=http://otel-collector.observability:4318", "telemetry.otlp.protocol=http/protobuf", "telemetry.prometheus.enabled=true");
        foreach (var component in Components)
        {
            var workload = chart.Workload(component);
            var container = Assert.Single(workload.Containers);
            var environment = chart.Environment(container);
            Assert.Equal("http://otel-collector.observability:4318", environment[TelemetryExtensions.OtlpEndpointKey]);
            Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Equal("true", environment[TelemetryExtensions.PrometheusEnabledKey.Replace(":", "__", StringComparison.Ordinal)]);

            Assert.Equal("true", workload.PodAnnotations?.Text("prometheus.io/scrape"));
            Assert.Equal(TelemetryExtensions.PrometheusPath, workload.PodAnnotations?.Text("prometheus.io/path"));
            var port = workload.PodAnnotations?.Text("prometheus.io/port");
            Assert.Contains(container.Maps("ports"), p => p.Text("containerPort") == port);
        }
    }

    [Theory]
    [InlineData("telemetry.otlp.endpoint=otel-collector:4317", "telemetry.otlp.endpoint: Does not match pattern")]
    [InlineData("telemetry.otlp.protocol=udp", "telemetry.otlp.protocol: telemetry.otlp.protocol must be one of the following")]
    [InlineData("telemetry.prometheus.enabled=yes", "telemetry.prometheus.enabled: Invalid type. Expected: boolean, given: string")]
    [InlineData("telemetry.jaeger=1", "telemetry: Additional property jaeger is not allowed")]
    public void Bad_telemetry_values_are_refused_by_the_schema(string set, string message)
    {
        var result = Helm.Template(ChartVariant.Default, set);
        Assert.True(result.ExitCode != 0, $"--set {set} was accepted:\n{result.Describe()}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
