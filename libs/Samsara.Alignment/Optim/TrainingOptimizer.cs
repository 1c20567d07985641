using Samsara.Alignment.Training;
using Samsara.Engine.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// AdamW or RMSprop over named parameters, with torch.nn.utils.clip_grad_norm_ and a learning rate given to every
/// step (the warm-up schedule). The updates are our own (<see cref="AdamWUpdate"/>, <see cref="RmsPropUpdate"/>):
/// bit-identical to TorchSharp's torch.optim steps, but without their finalizer race on temporary Scalars. The
/// per-parameter state is exposed by name — "{parameter}.exp_avg", "{parameter}.exp_avg_sq" (AdamW),
/// "{parameter}.square_avg" (RMSprop) and "{parameter}.step" — so a checkpoint can save it and
/// <see cref="LoadState"/> restore it bit for bit.
/// </summary>
public sealed class TrainingOptimizer : IDisposable
{
    private readonly IReadOnlyDictionary<string, Parameter> parameters;
    private readonly Dictionary<string, IParameterUpdate> updates;

    public TrainingOptimizer(IReadOnlyDictionary<string, Parameter> parameters, OptimizerKind kind, double weightDecay)
    {
        this.parameters = parameters;
        updates = parameters.ToDictionary(
            kv => kv.Key,
            kv => kind == OptimizerKind.AdamW
                ? (IParameterUpdate)new AdamWUpdate(kv.Value, weightDecay)
                : new RmsPropUpdate(kv.Value, weightDecay));
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

    /// <summary>
    /// Applies one update at learning rate <paramref name="lr"/> with the accumulated gradients, then drops them.
    /// Parameters without a gradient are left as they are, their state included.
    /// </summary>
    public void Step(double lr)
    {
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in parameters)
            {
                using var grad = parameter.grad;
                if (grad is not null) updates[name].Apply(grad, lr);
            }
        }
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
        foreach (var (name, update) in updates)
        {
            state[$"{name}.step"] = torch.tensor(new[] { update.Step });
            foreach (var (slot, tensor) in update.Slots) state[$"{name}.{slot}"] = tensor;
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
        foreach (var (name, update) in updates)
        {
            foreach (var (slot, tensor) in update.Slots)
                if (saved.TryGetValue($"{name}.{slot}", out var value)) tensor.copy_(value);
            update.Step = saved.TryGetValue($"{name}.step", out var s) ? s.AsInt64() : stepCount;
        }
        StepCount = stepCount;
    }

    public void Dispose()
    {
        foreach (var update in updates.Values) update.Dispose();
    }
}
