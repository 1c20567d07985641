using System.Globalization;
using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>The trainer lands on NVIDIA GPU nodes with the GPU Operator's defaults; CPU stages stay off them.</summary>
public sealed class GpuSchedulingTests
{
    private const string Gpu = "nvidia.com/gpu";

    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void The_trainer_requests_gpus_and_tolerates_the_gpu_taint(string variant)
    {
        var trainer = RenderedChart.Render(ChartVariant.Named(variant)).Workload("trainer");
        var container = Assert.Single(trainer.Containers);
        Assert.True(int.Parse(container.Text("resources", "limits", Gpu) ?? "0", CultureInfo.InvariantCulture) >= 1, $"{trainer} has no {Gpu} limit");
        AssertOnGpuNodes(trainer);
    }

    [Fact]
    public void Gpu_stages_in_production_are_scheduled_like_the_trainer_and_the_filter_never_is()
    {
        var chart = RenderedChart.Render(ChartVariant.Production);
        foreach (var component in new[] { "generator", "judge" })
        {
            var workload = chart.Workload(component);
            Assert.Equal("1", Assert.Single(workload.Containers).Text("resources", "limits", Gpu));
            AssertOnGpuNodes(workload);
        }

        var filter = chart.Workload("filter");
        Assert.Null(Assert.Single(filter.Containers).Text("resources", "limits", Gpu));
        Assert.Null(filter.PodSpec.Text("runtimeClassName"));
        Assert.Empty(filter.PodSpec.List("tolerations"));
    }

    [Fact]
    public void A_gpu_rollout_never_needs_a_spare_gpu()
    {
        var trainer = RenderedChart.Render(ChartVariant.Production).Workload("trainer");
        Assert.Equal("0", trainer.Body.Text("spec", "strategy", "rollingUpdate", "maxSurge"));
    }

    [Fact]
    public void Placement_comes_from_values_for_clusters_that_differ()
    {
        var chart = RenderedChart.Render(ChartVariant.Default,
            "gpu.runtimeClassName=", "trainer.gpus=4", "trainer.nodeSelector.pool=a100",
            "gpu.tolerations[0].key=dedicated", "gpu.tolerations[0].operator=Equal", "gpu.tolerations[0].value=gpu", "gpu.tolerations[0].effect=NoSchedule");
        var trainer = chart.Workload("trainer");
        Assert.Null(trainer.PodSpec.Text("runtimeClassName"));
        Assert.Equal("4", Assert.Single(trainer.Containers).Text("resources", "limits", Gpu));
        Assert.Equal("a100", trainer.PodSpec.Text("nodeSelector", "pool"));
        Assert.Equal("true", trainer.PodSpec.Text("nodeSelector", "nvidia.com/gpu.present"));
        Assert.Contains(trainer.PodSpec.Maps("tolerations"), t => t.Text("key") == "dedicated" && t.Text("value") == "gpu");
    }

    private static void AssertOnGpuNodes(Manifest workload)
    {
        var pod = workload.PodSpec;
        Assert.Equal("nvidia", pod.Text("runtimeClassName"));
        Assert.Equal("true", pod.Text("nodeSelector", "nvidia.com/gpu.present"));
        Assert.Contains(pod.Maps("tolerations"), t =>
            t.Text("key") == Gpu && t.Text("operator") == "Exists" && t.Text("effect") is null or "NoSchedule");
    }
}
