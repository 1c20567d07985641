using Samsara.Alignment.Optim;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Optim;

public class OptimizerTests
{
    private static (Tensor P, Dictionary<string, Tensor> Set) Parameter(float value, float grad)
    {
        var p = HostTensors.FromArray([value], 1).DetachFromDisposeScope();
        p.requires_grad = true;
        (p * grad).sum().backward();
        return (p, new Dictionary<string, Tensor> { ["w"] = p });
    }

    [Fact]
    public void AdamW_first_step_is_lr_times_the_sign_after_decoupled_decay()
    {
        // g = 0.5: m = 0.05, v = 0.00025; bias-corrected m̂ = 0.5, v̂ = 0.25 → step 0.1 · 0.5 / 0.5 = 0.1.
        // Decay first: 1 · (1 − 0.1 · 0.1) = 0.99; then 0.99 − 0.1 = 0.89.
        var (p, set) = Parameter(1f, 0.5f);
        using var optimizer = new AdamW(set, weightDecay: 0.1);
        optimizer.Step(0.1);
        Assert.Equal(0.89, p.ToDouble(), 5);
        Assert.Equal(1, optimizer.StepCount);
        Assert.Equal(0.05, optimizer.State["w.exp_avg"].ToDouble(), 6);
        p.Dispose();
    }

    [Fact]
    public void RmsProp_first_step_divides_by_the_root_mean_square()
    {
        // v = 0.01 · 0.5² = 0.0025 → √v = 0.05; p = 1 − 0.1 · 0.5 / 0.05 = 0.
        var (p, set) = Parameter(1f, 0.5f);
        using var optimizer = new RmsProp(set);
        optimizer.Step(0.1);
        Assert.Equal(0.0, p.ToDouble(), 5);
        p.Dispose();
    }

    [Fact]
    public void Clipping_scales_all_gradients_by_the_global_norm()
    {
        using var scope = torch.NewDisposeScope();
        var a = HostTensors.FromArray([1f], 1);
        var b = HostTensors.FromArray([1f], 1);
        a.requires_grad = b.requires_grad = true;
        (a * 3 + b * 4).sum().backward();
        var norm = GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 1);
        Assert.Equal(5, norm, 5);
        Assert.Equal(0.6, a.grad!.ToDouble(), 5);
        Assert.Equal(0.8, b.grad!.ToDouble(), 5);
        Assert.Equal(1, GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 0), 5);   // 0 = report only
    }

    [Fact]
    public void Warmup_is_linear_then_constant()
    {
        var schedule = new LearningRateSchedule(1e-3, 4);
        Assert.Equal([2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3], Enumerable.Range(1, 5).Select(schedule.At));
    }
}
