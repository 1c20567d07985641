using Samsara.Alignment.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// TorchSharp's torch.optim.AdamW or RMSprop over named parameters, with torch.nn.utils.clip_grad_norm_ and a
/// learning rate set before every step (the warm-up schedule). Its per-parameter state is exposed by name —
/// "{parameter}.exp_avg", "{parameter}.exp_avg_sq" (AdamW), "{parameter}.square_avg" (RMSprop) and
/// "{parameter}.step" — so a checkpoint can save it and <see cref="LoadState"/> restore it bit for bit.
/// </summary>
public sealed class TrainingOptimizer : IDisposable
{
    private readonly IReadOnlyDictionary<string, Parameter> parameters;
    private readonly OptimizerHelper optimizer;

    public TrainingOptimizer(IReadOnlyDictionary<string, Parameter> parameters, OptimizerKind kind, double weightDecay)
    {
        this.parameters = parameters;
        // lr is a placeholder: Step sets each step's rate. RMSprop as the SAMI reference code uses it: no momentum, not centred.
        optimizer = kind == OptimizerKind.AdamW
            ? torch.optim.AdamW(parameters.Values, lr: 0, weight_decay: weightDecay)
            : torch.optim.RMSProp(parameters.Values, lr: 0, alpha: 0.99, eps: 1e-8, weight_decay: weightDecay);
    }

    /// <summary>Optimizer steps taken by this run, resumed ones included.</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// The L2 norm of all gradients together, before clipping; when <paramref name="maxNorm"/> is positive and
    /// exceeded, every gradient is scaled by maxNorm / (norm + 1e-6), as PyTorch's clip_grad_norm_ does.
    /// </summary>
    public double ClipGradients(double maxNorm) =>
        // An infinite bound clamps the scale to 1: the norm is measured and the gradients stay as they are.
        torch.nn.utils.clip_grad_norm_(parameters.Values, maxNorm > 0 ? maxNorm : double.PositiveInfinity);

    /// <summary>Applies one update at learning rate <paramref name="lr"/> with the accumulated gradients, then drops them.</summary>
    public void Step(double lr)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        optimizer.step();
        StepCount++;
        foreach (var p in parameters.Values) p.grad = null;   // set_to_none, as PyTorch's zero_grad() does by default
    }

    /// <summary>
    /// The state by "{parameter}.{slot}". Slot tensors are the optimizer's own; the step counts are new tensors,
    /// so call this inside a dispose scope.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> State()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, parameterState) in NamedStates())
        {
            state[$"{name}.step"] = torch.tensor(new[] { StepOf(parameterState) });
            foreach (var (slot, tensor) in SlotTensors(parameterState)) state[$"{name}.{slot}"] = tensor;
        }
        return state;
    }

    /// <summary>
    /// Restores state saved from <see cref="State"/> and <see cref="StepCount"/>. A parameter without saved slots
    /// keeps its initial state (it had not been updated); one without a saved step count takes
    /// <paramref name="stepCount"/> (checkpoints written before step counts were saved per parameter).
    /// </summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> saved, long stepCount)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, state) in NamedStates())
        {
            foreach (var (slot, tensor) in SlotTensors(state))
                if (saved.TryGetValue($"{name}.{slot}", out var value)) tensor.copy_(value);
            var step = saved.TryGetValue($"{name}.step", out var s) ? s.ToInt64() : stepCount;
            switch (state)
            {
                case AdamW.State adam: adam.step = step; break;
                case RMSProp.State rms: rms.step = step; break;
            }
        }
        StepCount = stepCount;
    }

    public void Dispose() => optimizer.Dispose();

    // The optimizer's state per parameter, in the order the parameters were given (state_dict keeps that order).
    private IEnumerable<(string Name, OptimizerState State)> NamedStates() => parameters.Keys.Zip(optimizer.state_dict().State);

    private static long StepOf(OptimizerState state) => state switch
    {
        AdamW.State adam => adam.step,
        RMSProp.State rms => rms.step,
        _ => throw new InvalidOperationException($"no checkpoint mapping for optimizer state {state.GetType().Name}"),
    };

    private static IEnumerable<(string Slot, Tensor Tensor)> SlotTensors(OptimizerState state) => state switch
    {
        AdamW.State adam => [("exp_avg", adam.exp_avg), ("exp_avg_sq", adam.exp_avg_sq)],
        RMSProp.State rms => [("square_avg", rms.square_avg)],
        _ => throw new InvalidOperationException($"no checkpoint mapping for optimizer state {state.GetType().Name}"),
    };
}
