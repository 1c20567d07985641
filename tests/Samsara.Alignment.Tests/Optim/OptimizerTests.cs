using Samsara.Alignment.Optim;
using Samsara.Alignment.Training;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Alignment.Tests.Optim;

public class OptimizerTests
{
    private static Dictionary<string, Parameter> Parameters(params float[] values) =>
        values.Select((v, i) => (Name: $"w{i}", P: new Parameter(HostTensors.FromArray([v], 1).DetachFromDisposeScope())))
              .ToDictionary(x => x.Name, x => x.P);

    // Gradient g_i for parameter i: the loss Σ g_i·w_i.
    private static void Backward(Dictionary<string, Parameter> parameters, params float[] grads)
    {
        using var scope = torch.NewDisposeScope();
        parameters.Values.Zip(grads, (p, g) => (p * g).sum()).Aggregate((a, b) => a + b).backward();
    }

    private static void Dispose(Dictionary<string, Parameter> parameters)
    {
        foreach (var p in parameters.Values) p.Dispose();
    }

    [Fact]
    public void AdamW_first_step_is_lr_times_the_sign_after_decoupled_decay()
    {
        // g = 0.5: m = 0.05, v = 0.00025; bias-corrected m̂ = 0.5, v̂ = 0.25 → step 0.1 · 0.5 / 0.5 = 0.1.
        // Decay first: 1 · (1 − 0.1 · 0.1) = 0.99; then 0.99 − 0.1 = 0.89.
        var parameters = Parameters(1f);
        using var optimizer = new TrainingOptimizer(parameters, OptimizerKind.AdamW, weightDecay: 0.1);
        Backward(parameters, 0.5f);
        optimizer.Step(0.1);
        Assert.Equal(0.89, parameters["w0"].ToDouble(), 5);
        Assert.Null(parameters["w0"].grad);
        Assert.Equal(1, optimizer.StepCount);
        using var scope = torch.NewDisposeScope();
        var state = optimizer.State();
        Assert.Equal(0.05, state["w0.exp_avg"].ToDouble(), 6);
        Assert.Equal(0.00025, state["w0.exp_avg_sq"].ToDouble(), 8);
        Assert.Equal(1, state["w0.step"].ToInt64());
        Dispose(parameters);
    }

    [Fact]
    public void RmsProp_first_step_divides_by_the_root_mean_square()
    {
        // v = 0.01 · 0.5² = 0.0025 → √v = 0.05; p = 1 − 0.1 · 0.5 / 0.05 = 0.
        var parameters = Parameters(1f);
        using var optimizer = new TrainingOptimizer(parameters, OptimizerKind.RmsProp, weightDecay: 0);
        Backward(parameters, 0.5f);
        optimizer.Step(0.1);
        Assert.Equal(0.0, parameters["w0"].ToDouble(), 5);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(0.0025, optimizer.State()["w0.square_avg"].ToDouble(), 7);
        Dispose(parameters);
    }

    [Fact]
    public void Clipping_scales_all_gradients_by_the_global_norm()
    {
        var parameters = Parameters(1f, 1f);
        using var optimizer = new TrainingOptimizer(parameters, OptimizerKind.AdamW, weightDecay: 0);
        Backward(parameters, 3f, 4f);
        Assert.Equal(5, optimizer.ClipGradients(maxNorm: 1), 5);
        Assert.Equal(0.6, parameters["w0"].grad!.ToDouble(), 5);
        Assert.Equal(0.8, parameters["w1"].grad!.ToDouble(), 5);
        Assert.Equal(1, optimizer.ClipGradients(maxNorm: 0), 5);   // 0 = measure only
        Assert.Equal(0.6, parameters["w0"].grad!.ToDouble(), 5);
        Dispose(parameters);
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Restored_state_continues_exactly_like_the_uninterrupted_optimizer(OptimizerKind kind)
    {
        float[][] grads = [[0.5f, -2f], [0.25f, 1f], [-1f, 0.5f], [2f, 0.125f]];
        var straight = Parameters(1f, -1f);
        using var uninterrupted = new TrainingOptimizer(straight, kind, weightDecay: 0.01);
        foreach (var g in grads)
        {
            Backward(straight, g);
            uninterrupted.Step(0.05);
        }

        var first = Parameters(1f, -1f);
        using var before = new TrainingOptimizer(first, kind, weightDecay: 0.01);
        foreach (var g in grads[..2])
        {
            Backward(first, g);
            before.Step(0.05);
        }
        using var scope = torch.NewDisposeScope();
        var saved = before.State().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var resumed = first.ToDictionary(kv => kv.Key, kv => new Parameter(kv.Value.detach().clone()));
        using var after = new TrainingOptimizer(resumed, kind, weightDecay: 0.01);
        after.LoadState(saved, before.StepCount);
        foreach (var g in grads[2..])
        {
            Backward(resumed, g);
            after.Step(0.05);
        }

        Assert.Equal(4, after.StepCount);
        foreach (var name in straight.Keys)
            Assert.Equal(straight[name].ToSingle(), resumed[name].ToSingle());   // bit for bit
        Dispose(straight);
        Dispose(first);
        Dispose(resumed);
    }

    [Fact]
    public void Warmup_is_linear_then_constant()
    {
        var schedule = new LearningRateSchedule(1e-3, 4);
        Assert.Equal([2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3], Enumerable.Range(1, 5).Select(schedule.At));
    }
}
