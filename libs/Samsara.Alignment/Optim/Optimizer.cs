using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// An optimizer over named parameters. Updates run in place without autograd; the per-parameter state is
/// exposed by name so a checkpoint can save it and <see cref="LoadState"/> restore it bit for bit.
/// </summary>
public abstract class Optimizer(IReadOnlyDictionary<string, Tensor> parameters) : IDisposable
{
    private readonly Dictionary<string, Tensor> state = [];

    protected IReadOnlyDictionary<string, Tensor> Parameters { get; } = parameters;

    /// <summary>Optimizer steps taken (bias corrections depend on it).</summary>
    public long StepCount { get; protected set; }

    /// <summary>State tensors by "{parameter}.{slot}", e.g. "model.norm.weight.exp_avg".</summary>
    public IReadOnlyDictionary<string, Tensor> State => state;

    /// <summary>Applies one update with the gradients accumulated in the parameters, at learning rate <paramref name="lr"/>.</summary>
    public void Step(double lr)
    {
        StepCount++;
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in Parameters)
        {
            using var scope = torch.NewDisposeScope();
            if (p.grad is { } grad) Update(name, p, grad, lr);
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters.Values) p.grad = null;   // set_to_none, as PyTorch's zero_grad() does
    }

    /// <summary>Restores the state saved from <see cref="State"/> and <see cref="StepCount"/>.</summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> saved, long stepCount)
    {
        foreach (var (key, value) in saved)
        {
            if (state.Remove(key, out var old)) old.Dispose();
            state[key] = value.clone().DetachFromDisposeScope();
        }
        StepCount = stepCount;
    }

    protected abstract void Update(string name, Tensor p, Tensor grad, double lr);

    /// <summary>The state slot for a parameter, created as zeros like it on first use.</summary>
    protected Tensor Slot(string name, string slot, Tensor like)
    {
        var key = $"{name}.{slot}";
        if (!state.TryGetValue(key, out var tensor))
            state[key] = tensor = torch.zeros(like.shape, like.dtype, like.device).DetachFromDisposeScope();
        return tensor;
    }

    public void Dispose()
    {
        foreach (var t in state.Values) t.Dispose();
        state.Clear();
        GC.SuppressFinalize(this);
    }
}
