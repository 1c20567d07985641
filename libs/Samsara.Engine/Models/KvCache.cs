using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Models;

/// <summary>
/// Keys and values of the positions seen so far, per layer, each (B, K, S, D). Owns its tensors: they live
/// outside any dispose scope, and each append frees the previous ones.
/// </summary>
public sealed class KvCache(int layers) : IDisposable
{
    private readonly Tensor?[] keys = new Tensor?[layers];
    private readonly Tensor?[] values = new Tensor?[layers];

    /// <summary>S: the number of cached positions.</summary>
    public long Length => keys[^1]?.size(2) ?? 0;

    /// <summary>Appends this step's (B, K, T, D) keys and values to layer <paramref name="layer"/>; returns all of them.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        keys[layer] = Extend(keys[layer], k);
        values[layer] = Extend(values[layer], v);
        return (keys[layer]!, values[layer]!);
    }

    private static Tensor Extend(Tensor? cached, Tensor step)
    {
        var extended = cached is null ? step.clone() : torch.cat([cached, step], dim: 2);
        cached?.Dispose();
        return extended.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var t in keys.Concat(values)) t?.Dispose();
        Array.Clear(keys);
        Array.Clear(values);
    }
}
