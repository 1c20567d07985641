using Samsara.Deploy.Tests.Support;
using Samsara.Messaging;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>KEDA scales the generator and the judge on the queues they really consume (QueueNames); the HPA is the fallback.</summary>
public sealed class AutoscalingTests
{
    private static readonly Dictionary<string, string> Queues = new(StringComparer.Ordinal)
    {
        ["generator"] = QueueNames.Generator,
        ["judge"] = QueueNames.Judge,
    };

    [Theory]
    [InlineData("production")]
    [InlineData("redis-with-keys")]
    public void Keda_triggers_name_the_services_real_queues(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        var scaled = chart.OfKind("ScaledObject").ToList();
        Assert.Equal(Queues.Keys.Order(), scaled.Select(s => s.Component).Order());
        foreach (var scaledObject in scaled)
        {
            var target = chart.Workload(scaledObject.Component!);
            Assert.Equal(target.Name, scaledObject.Body.Text("spec", "scaleTargetRef", "name"));
            var trigger = Assert.Single(scaledObject.Body.Maps("spec", "triggers"));
            Assert.Equal("rabbitmq", trigger.Text("type"));
            Assert.Equal(Queues[scaledObject.Component!], trigger.Text("metadata", "queueName"));
            Assert.Equal("QueueLength", trigger.Text("metadata", "mode"));
            // Scaling to zero is safe for these: their queues are durable, messages wait for the first replica.
            Assert.Equal("0", scaledObject.Body.Text("spec", "minReplicaCount"));
            // An autoscaled Deployment leaves replicas to its scaler.
            Assert.Null(target.Body.Text("spec", "replicas"));

            var auth = chart.Named("TriggerAuthentication", trigger.Text("authenticationRef", "name")!)!;
            var secretRef = Assert.Single(auth.Body.Maps("spec", "secretTargetRef"));
            Assert.Equal("host", secretRef.Text("parameter"));
            Assert.Equal("samsara-rabbitmq", secretRef.Text("name"));
        }

        Assert.Empty(chart.OfKind("HorizontalPodAutoscaler"));
    }

    [Fact]
    public void Without_keda_an_hpa_scales_them_and_never_to_zero()
    {
        var chart = RenderedChart.Render(ChartVariant.Default);
        Assert.Empty(chart.OfKind("ScaledObject"));
        Assert.Empty(chart.OfKind("TriggerAuthentication"));
        var autoscalers = chart.OfKind("HorizontalPodAutoscaler").ToList();
        Assert.Equal(Queues.Keys.Order(), autoscalers.Select(s => s.Component).Order());
        Assert.All(autoscalers, h => Assert.Equal("1", h.Body.Text("spec", "minReplicas")));
    }

    [Fact]
    public void Stages_without_autoscaling_run_their_configured_replicas()
    {
        var chart = RenderedChart.Render(ChartVariant.Production, "judge.autoscaling.enabled=false", "judge.replicas=3");
        Assert.Equal("3", chart.Workload("judge").Body.Text("spec", "replicas"));
        Assert.Equal(["generator"], chart.OfKind("ScaledObject").Select(s => s.Component));
        Assert.Equal("2", chart.Workload("trainer").Body.Text("spec", "replicas"));
    }
}
