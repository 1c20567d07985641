using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>
/// The gateway is the actor host. With Dapr its sidecar must reach the port where the gateway serves the actor routes
/// over HTTP/1.1, and the gateway must select the Dapr runtime; without Dapr it is one embedded replica with a volume.
/// </summary>
public sealed class DaprTests
{
    [Theory]
    [InlineData("production")]
    [InlineData("redis-with-keys")]
    public void The_sidecar_annotations_match_the_gateways_configuration(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        var gateway = chart.Workload("gateway");
        Assert.Equal("Deployment", gateway.Kind);
        var annotations = gateway.PodAnnotations!;
        var container = Assert.Single(gateway.Containers);
        var environment = chart.Environment(container);

        Assert.Equal("true", annotations.Text("dapr.io/enabled"));
        // The gateway's Actors:Runtime (Samsara.Gateway.Actors.ActorHosting): the SDK talks to the injected daprd.
        Assert.Equal("dapr", environment["Actors__Runtime"]);

        // daprd calls the port the gateway serves HTTP/1.1 on (Kestrel's "Http" endpoint), declared as container port "http".
        var appPort = annotations.Text("dapr.io/app-port");
        Assert.Equal(appPort, PortOf(container, "http"));
        Assert.Equal($"http://+:{appPort}", environment["Kestrel__Endpoints__Http__Url"]);
        Assert.Equal("Http1", environment["Kestrel__Endpoints__Http__Protocols"]);
        Assert.Equal("http", annotations.Text("dapr.io/app-protocol"));
        Assert.Equal("true", annotations.Text("dapr.io/enable-app-health-check"));
        Assert.Equal("/healthz", annotations.Text("dapr.io/app-health-check-path"));
        Assert.Equal($"http://+:{PortOf(container, "grpc")}", environment["Kestrel__Endpoints__Grpc__Url"]);

        // The Configuration the sidecar loads is rendered; the state store is scoped to this app id.
        Assert.NotNull(chart.Named("Configuration", annotations.Text("dapr.io/config")!));
        var store = Assert.Single(chart.OfKind("Component"), c => c.Body.Maps("spec", "metadata").Any(m => m.Text("name") == "actorStateStore"));
        Assert.Equal("true", store.Body.Maps("spec", "metadata").Single(m => m.Text("name") == "actorStateStore").Text("value"));
        Assert.Contains(annotations.Text("dapr.io/app-id"), store.Body.List("scopes"));
        Assert.Contains(store.Body.Maps("spec", "metadata"), m => m.Map("secretKeyRef") is not null);
        Assert.Equal(variant == "production" ? "state.postgresql" : "state.redis", store.Body.Text("spec", "type"));
    }

    [Fact]
    public void An_app_token_secret_makes_daprd_send_the_token_the_gateway_checks()
    {
        var plain = RenderedChart.Render(ChartVariant.Named("production")).Workload("gateway");
        Assert.Null(plain.PodAnnotations.Text("dapr.io/app-token-secret"));

        // The injector sets APP_API_TOKEN from the same Secret; with it set the gateway refuses calls without the token.
        var gateway = RenderedChart.Render(ChartVariant.Named("production"), "dapr.appTokenSecret=samsara-app-token").Workload("gateway");
        Assert.Equal("samsara-app-token", gateway.PodAnnotations.Text("dapr.io/app-token-secret"));
    }

    [Fact]
    public void Without_dapr_one_embedded_gateway_keeps_its_state_on_its_own_volume()
    {
        var chart = RenderedChart.Render(ChartVariant.Default, "gateway.replicas=5");
        var gateway = chart.Workload("gateway");
        Assert.Equal("StatefulSet", gateway.Kind);
        Assert.Equal("1", gateway.Body.Text("spec", "replicas"));
        Assert.Null(gateway.PodAnnotations.Text("dapr.io/enabled"));
        Assert.Empty(chart.OfKind("Component"));

        var container = Assert.Single(gateway.Containers);
        var environment = chart.Environment(container);
        // The gateway's Actors:Runtime: the embedded sidecar, its state in Gateway:StatePath on the volume.
        Assert.Equal("embedded", environment["Actors__Runtime"]);

        var claim = Assert.Single(gateway.Body.Maps("spec", "volumeClaimTemplates"));
        var mount = Assert.Single(container.Maps("volumeMounts"), m => m.Text("name") == claim.Text("metadata", "name"));
        foreach (var file in new[] { "Gateway__StatePath", "Messaging__Idempotency__SqlitePath" })
            Assert.StartsWith(mount.Text("mountPath") + "/", environment[file], StringComparison.Ordinal);
    }

    [Fact]
    public void The_actor_host_is_never_autoscaled()
    {
        foreach (var variant in ChartVariant.All)
        {
            var chart = RenderedChart.Render(variant);
            var gateway = chart.Workload("gateway");
            Assert.True(int.Parse(gateway.Body.Text("spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.DoesNotContain(chart.OfKind("ScaledObject").Concat(chart.OfKind("HorizontalPodAutoscaler")),
                s => s.Body.Text("spec", "scaleTargetRef", "name") == gateway.Name);
        }
    }

    private static string? PortOf(Dictionary<string, object?> container, string name) =>
        container.Maps("ports").SingleOrDefault(p => p.Text("name") == name).Text("containerPort");
}
