using Samsara.Deploy.Tests.Support;
using Samsara.Contracts;
using Samsara.Messaging;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>
/// KEDA scales the generator and the judge on the queues their work is really sent to (the queues CommandRoutes sends
/// a run's generation shards and evaluation tasks to); the HPA is the fallback.
/// </summary>
public sealed class AutoscalingTests
{
    private static readonly Dictionary<string, string> Queues = new(StringComparer.Ordinal)
    {
        ["generator"] = CommandRoutes.Queues[typeof(GenerateShard)],
        ["judge"] = CommandRoutes.Queues[typeof(EvaluationTask)],
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
            Assert.Equal("0", trigger.Text("metadata", "activationValue"));
            Assert.Equal("600", scaledObject.Body.Text("spec", "cooldownPeriod"));
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
    public void The_activation_and_cooldown_come_from_values()
    {
        var chart = RenderedChart.Render(ChartVariant.Production, "judge.autoscaling.activationQueueLength=3", "judge.autoscaling.cooldownPeriod=120");
        var judge = chart.OfKind("ScaledObject").Single(s => s.Component == "judge");
        Assert.Equal("3", Assert.Single(judge.Body.Maps("spec", "triggers")).Text("metadata", "activationValue"));
        Assert.Equal("120", judge.Body.Text("spec", "cooldownPeriod"));
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
