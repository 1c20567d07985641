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

    /// <summary>
    /// Keeps, in every layer, the batch rows <paramref name="rows"/> (B'), repeats allowed: the cached prefix of row r
    /// becomes the prefix of every new row that names r. Differentiable, so a trainer can share a prompt's pass.
    /// </summary>
    public void SelectRows(Tensor rows)
    {
        for (var layer = 0; layer < keys.Length; layer++)
        {
            keys[layer] = Select(keys[layer], rows);
            values[layer] = Select(values[layer], rows);
        }
    }

    private static Tensor? Select(Tensor? cached, Tensor rows)
    {
        if (cached is null) return null;
        var selected = cached.index_select(0, rows).DetachFromDisposeScope();
        cached.Dispose();
        return selected;
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
