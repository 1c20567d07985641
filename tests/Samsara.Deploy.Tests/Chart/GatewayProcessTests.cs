using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Samsara.Deploy.Tests.Support;
using Samsara.Testing;
using Samsara.Testing.Network;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>
/// The real gateway started with the environment the chart renders for it: it accepts every setting, and answers on
/// the ports the chart wires — the health paths over HTTP/1.1 on "http" (where daprd also calls, so with Dapr the
/// app health path and /dapr/config answer there), HTTP/2 without TLS on "grpc", where the gRPC probes' health
/// services answer SERVING. Container ports become free
/// loopback ports and mount paths temporary directories; the broker is left out (in-memory bus), API keys are
/// supplied where the chart expects an existing Secret.
/// </summary>
public sealed class GatewayProcessTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    public async Task The_gateway_serves_what_the_chart_wires(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        var gateway = chart.Workload("gateway");
        var container = Assert.Single(gateway.Containers);
        using var temp = new TempDirectory();
        var ports = container.Maps("ports").ToDictionary(p => p.Text("name")!, p => (Container: p.Text("containerPort")!, Local: LoopbackPorts.Next()));
        var mounts = container.Maps("volumeMounts").Select(m => m.Text("mountPath")!).ToList();

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in chart.Environment(container))
        {
            if (value == RenderedChart.SecretPlaceholder)
                continue;
            var local = value;
            foreach (var (inPod, free) in ports.Values)
                local = local.Replace($"http://+:{inPod}", $"http://127.0.0.1:{free}", StringComparison.Ordinal);
            foreach (var mount in mounts.Where(m => local.StartsWith(m, StringComparison.Ordinal)))
                local = Path.Combine(temp.Path, mount.TrimStart('/').Replace('/', '_')) + local[mount.Length..];
            environment[key] = local;
        }

        if (!environment.ContainsKey("Gateway__ApiKeys__0__Sha256"))
        {
            environment["Gateway__ApiKeys__0__Name"] = "test";
            environment["Gateway__ApiKeys__0__Sha256"] = new string('0', 64);
        }

        foreach (var mount in mounts)
            Directory.CreateDirectory(Path.Combine(temp.Path, mount.TrimStart('/').Replace('/', '_')));

        var process = StartGateway(environment, temp.Path, out var output);
        try
        {
            await AnswersAsWiredAsync(gateway, container, ports, process, output);
        }
        finally
        {
            // Only the process this test started.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static async Task AnswersAsWiredAsync(Manifest gateway, Dictionary<string, object?> container,
        Dictionary<string, (string Container, int Local)> ports, Process process, StringBuilder output)
    {
        using var http1 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports["http"].Local}") };
        var (live, ready) = RenderedChart.HealthPaths;
        await WaitUntilAnsweringAsync(http1, live, process, output);

        // The image's HEALTHCHECK (and scrapes) ask over HTTP/1.1 on "http".
        Assert.Equal(HttpStatusCode.OK, (await http1.GetAsync(new Uri(live, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http1.GetAsync(new Uri(ready, UriKind.Relative))).StatusCode);

        // The kubelet's gRPC probes: grpc.health.v1 on the port and with the service names they render, no API key.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ports.Values.Single(p => p.Container == container.Text("livenessProbe", "grpc", "port")).Local}");
        var health = new Health.HealthClient(channel);
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var answer = await health.CheckAsync(new HealthCheckRequest { Service = container.Text(probe, "grpc", "service") });
            Assert.True(answer.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"{probe}: {answer.Status}");
        }

        if (gateway.PodAnnotations.Text("dapr.io/enabled") == "true")
        {
            Assert.Equal(ports["http"].Container, gateway.PodAnnotations.Text("dapr.io/app-port"));
            var healthz = await http1.GetAsync(new Uri(gateway.PodAnnotations.Text("dapr.io/app-health-check-path")!, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
            var config = await http1.GetStringAsync(new Uri("/dapr/config", UriKind.Relative));
            Assert.Contains("\"entities\":[\"RunActor\",\"RunIndexActor\"]", config, StringComparison.Ordinal);
        }

        using var h2c = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ports["grpc"].Local}"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var overH2c = await h2c.GetAsync(new Uri(live, UriKind.Relative));
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (overH2c.StatusCode, overH2c.Version));
    }

    private static Process StartGateway(Dictionary<string, string> environment, string workingDirectory, out StringBuilder output)
    {
        // tests/Samsara.Deploy.Tests/bin/<Configuration>/net10.0/ → services/gateway/Samsara.Gateway/bin/<Configuration>/net10.0/
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepoPaths.Root, "services", "gateway", "Samsara.Gateway", "bin", bin.Parent!.Name, bin.Name, "Samsara.Gateway.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(dll);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "Messaging__RabbitMq__Host" })
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the gateway");
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = log;
        return process;
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient client, string path, Process process, StringBuilder output)
    {
        // A start-up wait with a generous deadline, not a timing assertion.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
                Assert.Fail($"the gateway exited ({process.ExitCode}):\n{output}");
            try
            {
                await client.GetAsync(new Uri(path, UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"the gateway did not answer on {client.BaseAddress}{path}:\n{output}");
    }
}
