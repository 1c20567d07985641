using Samsara.Api.Server;
using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>
/// What platform teams check on every pod: native gRPC probes on the services' health service, resources, the Pod Security
/// "restricted" profile, PodDisruptionBudgets, NetworkPolicies.
/// </summary>
public sealed class ContainerHardeningTests
{
    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void Every_service_container_is_probed_over_grpc_health_on_its_grpc_port(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        // helm test hooks are one-shot pods; every long-running container is probed.
        foreach (var workload in chart.Manifests.Where(m => m.PodSpec is not null && !m.IsHelmHook))
        {
            foreach (var container in workload.Containers)
            {
                var where = $"{workload} container {container.Text("name")}";
                var grpcPort = container.Maps("ports").Single(p => p.Text("name") == "grpc").Text("containerPort");
                // The service names Samsara.Api.Server maps: "live" runs the liveness checks only, so a broker that
                // is down makes the pod unready without getting it restarted; "ready" runs every check.
                foreach (var (probe, service) in new[]
                         {
                             ("startupProbe", GrpcHealthServices.Live), ("livenessProbe", GrpcHealthServices.Live), ("readinessProbe", GrpcHealthServices.Ready),
                         })
                {
                    Assert.True(container.Map(probe, "httpGet") is null, $"{where}: {probe} must be a gRPC probe, not httpGet");
                    Assert.True(grpcPort == container.Text(probe, "grpc", "port"), $"{where}: {probe} must ask the grpc port {grpcPort}");
                    Assert.True(service == container.Text(probe, "grpc", "service"), $"{where}: {probe} must ask service '{service}'");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void Every_container_has_resources_and_the_restricted_security_context(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        var pods = chart.Manifests.Where(m => m.PodSpec is not null).ToList();
        Assert.Contains(pods, p => p.IsHelmHook);
        foreach (var pod in pods)
        {
            var podContext = pod.PodSpec.Map("securityContext");
            Assert.True(podContext.Text("runAsNonRoot") == "true", $"{pod}: runAsNonRoot");
            Assert.True(podContext.Text("seccompProfile", "type") == "RuntimeDefault", $"{pod}: seccompProfile");
            foreach (var container in pod.Containers)
            {
                var where = $"{pod} container {container.Text("name")}";
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(container.Text("resources", "requests", resource) is not null, $"{where}: no {resource} request");
                    Assert.True(container.Text("resources", "limits", resource) is not null, $"{where}: no {resource} limit");
                }

                var context = container.Map("securityContext");
                Assert.True(context.Text("allowPrivilegeEscalation") == "false", $"{where}: allowPrivilegeEscalation");
                Assert.True(context.Text("readOnlyRootFilesystem") == "true", $"{where}: readOnlyRootFilesystem");
                Assert.True(context.Text("runAsNonRoot") == "true" || podContext.Text("runAsNonRoot") == "true", $"{where}: runAsNonRoot");
                Assert.True(context.List("capabilities", "drop").Contains("ALL"), $"{where}: capabilities.drop ALL");
                Assert.True(context.List("capabilities", "add").Count == 0, $"{where}: adds capabilities");
                Assert.True(context.Text("privileged") is null or "false", $"{where}: privileged");
                Assert.True(context.Text("seccompProfile", "type") is null or "RuntimeDefault" or "Localhost", $"{where}: seccompProfile");
            }

            // A read-only root filesystem needs a writable /tmp for .NET.
            if (!pod.IsHelmHook)
                Assert.Contains(pod.Containers.SelectMany(c => c.Maps("volumeMounts")), m => m.Text("mountPath") == "/tmp");
            Assert.DoesNotContain(pod.PodSpec.Maps("volumes"), v => v.Map("hostPath") is not null);
            Assert.True(pod.PodSpec.Text("hostNetwork") is null or "false", $"{pod}: hostNetwork");
        }
    }

    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void Every_service_has_a_disruption_budget_and_a_network_policy(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        foreach (var component in new[] { "gateway", "generator", "filter", "trainer", "judge" })
        {
            chart.Single("PodDisruptionBudget", component);
            var policy = chart.Single("NetworkPolicy", component);
            Assert.Contains("Ingress", policy.Body.List("spec", "policyTypes"));
        }

        // Only the gateway accepts connections, on its gRPC port.
        var gateway = chart.Single("NetworkPolicy", "gateway");
        Assert.Contains(gateway.Body.Maps("spec", "ingress").SelectMany(r => r.Maps("ports")), p => p.Text("port") == "grpc");
        foreach (var stage in new[] { "generator", "filter", "trainer", "judge" })
            Assert.Empty(chart.Single("NetworkPolicy", stage).Body.List("spec", "ingress"));
    }

    [Fact]
    public void The_helm_test_asks_the_gateways_grpc_health_service()
    {
        var chart = RenderedChart.Render(ChartVariant.Default);
        var test = Assert.Single(chart.OfKind("Pod"));
        Assert.Equal("test", test.Body.Text("metadata", "annotations", "helm.sh/hook"));
        var container = Assert.Single(test.Containers);
        Assert.Contains("grpc-health-probe", container.Text("image"), StringComparison.Ordinal);
        // The gateway's client-facing Service carries the workload's name (the embedded StatefulSet also has a headless one).
        var service = chart.Named("Service", chart.Workload("gateway").Name)!;
        var port = Assert.Single(service.Body.Maps("spec", "ports"));
        Assert.Contains($"-addr={service.Name}:{port.Text("port")}", container.List("args"));
        Assert.Equal("grpc", port.Text("targetPort"));
        Assert.Equal("kubernetes.io/h2c", port.Text("appProtocol"));
    }
}
