using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>Every rendered object passes <see cref="ManifestValidator"/>, and the validator does catch broken objects.</summary>
public sealed class ManifestStructureTests
{
    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void Every_rendered_object_is_structurally_valid(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        Assert.NotEmpty(chart.Manifests);
        var problems = ManifestValidator.Validate(chart);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void Each_service_has_a_workload_and_a_service(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        foreach (var component in new[] { "gateway", "generator", "filter", "trainer", "judge" })
        {
            chart.Workload(component);
            Assert.Contains(chart.OfKind("Service"), s => s.Component == component);
        }
    }

    [Fact]
    public void The_validator_reports_broken_objects_by_name_and_field()
    {
        var chart = RenderedChart.Parse("""
            apiVersion: apps/v1beta1
            kind: Deployment
            metadata:
              name: Broken_Name
              labels: {app.kubernetes.io/name: x, app.kubernetes.io/instance: r, app.kubernetes.io/managed-by: Helm}
            spec:
              replicas: -1
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: b}}
                spec:
                  serviceAccountName: nobody
                  containers:
                    - name: c
                      ports: [{name: http, containerPort: 70000}]
                      envFrom: [{configMapRef: {name: missing-config}}]
                      volumeMounts: [{name: data, mountPath: /data}]
                      livenessProbe: {httpGet: {path: /health/live, port: web}}
                      readinessProbe: {grpc: {port: 9090, service: ready}}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: so
              labels: {app.kubernetes.io/name: x, app.kubernetes.io/instance: r, app.kubernetes.io/managed-by: Helm}
            spec:
              scaleTargetRef: {name: nothing}
              minReplicaCount: 0
              maxReplicaCount: 2
              triggers: [{type: rabbitmq, metadata: {queueName: q}, authenticationRef: {name: no-auth}}]
            """);
        var problems = ManifestValidator.Validate(chart);
        string[] expected =
        [
            "apiVersion is 'apps/v1beta1', expected 'apps/v1'",
            "metadata.name 'Broken_Name' is not a valid DNS-1123 name",
            "spec.replicas '-1' is not a non-negative integer",
            "spec.selector.matchLabels does not match spec.template.metadata.labels",
            "serviceAccountName 'nobody' is not a rendered ServiceAccount",
            "container c has no image",
            "containerPort '70000' is not a port number",
            "envFrom ConfigMap 'missing-config' is not rendered",
            "volumeMount 'data' names no volume",
            "livenessProbe uses port 'web', which the container does not declare",
            "readinessProbe asks gRPC on port '9090', which is not a containerPort of the container",
            "scaleTargetRef 'nothing' is not a rendered Deployment",
            "trigger authenticationRef 'no-auth' is not a rendered TriggerAuthentication",
        ];
        foreach (var text in expected)
            Assert.Contains(problems, p => p.Contains(text, StringComparison.Ordinal));
    }
}
