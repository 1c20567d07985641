using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>grpc.* in the chart: response compression and gRPC-Web reach every service's Grpc section, off by default.</summary>
public sealed class GrpcSettingsTests
{
    private static readonly string[] Components = ["gateway", "generator", "filter", "trainer", "judge"];

    [Fact]
    public void By_default_responses_are_not_compressed_and_grpc_web_is_off()
    {
        var chart = RenderedChart.Render(ChartVariant.Default);
        foreach (var component in Components)
        {
            var environment = chart.Environment(Assert.Single(chart.Workload(component).Containers));
            Assert.False(environment.ContainsKey("Grpc__ResponseCompression"), component);
            Assert.False(environment.ContainsKey("Grpc__Web"), component);
        }
    }

    [Fact]
    public void Compression_and_grpc_web_reach_every_service()
    {
        var chart = RenderedChart.Render(ChartVariant.Default, "grpc.responseCompression=gzip", "grpc.web=true");
        foreach (var component in Components)
        {
            var environment = chart.Environment(Assert.Single(chart.Workload(component).Containers));
            Assert.Equal("gzip", environment["Grpc__ResponseCompression"]);
            Assert.Equal("true", environment["Grpc__Web"]);
        }
    }

    [Theory]
    [InlineData("grpc.responseCompression=brotli", "grpc.responseCompression: grpc.responseCompression must be one of the following")]
    [InlineData("grpc.web=yes", "grpc.web: Invalid type. Expected: boolean, given: string")]
    public void Bad_grpc_values_are_refused_by_the_schema(string set, string message)
    {
        var result = Helm.Template(ChartVariant.Default, set);
        Assert.True(result.ExitCode != 0, $"--set {set} was accepted:\n{result.Describe()}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
