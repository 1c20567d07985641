using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Engine.Models;

// The Llama-family decoder (Llama 2/3.x, Mistral), all of it in this file, in build order:
// RmsNorm → RotaryEmbedding → Attention → Mlp → DecoderLayer → LlamaModel.
// Weight names and conventions are Hugging Face's LlamaForCausalLM, RoPE included (rotate_half), so
// checkpoints move to and from transformers unchanged.
//
// Shapes: B = batch, T = positions in this call, S = positions attended (cached + T), C = hidden size,
// H = query heads, K = key/value heads (K < H: grouped-query attention), D = head dim, F = MLP width, V = vocab.

/// <summary>x / sqrt(mean(x²) + eps) · weight, computed in fp32 as transformers does (fp64 for an fp64 model).</summary>
internal sealed class RmsNorm(Tensor weight, double eps)
{
    public Tensor Forward(Tensor x)                           // (…, C) → (…, C)
    {
        var xc = Precision.ToAccumulation(x);
        var normed = xc * xc.Power(2).mean([-1], keepdim: true).Plus(eps).rsqrt();
        return weight * (normed.dtype == x.dtype ? normed : normed.to(x.dtype));
    }
}

/// <summary>Rotary position embedding: rotates pairs (i, i + D/2) of q and k by position · θ_i.</summary>
internal sealed class RotaryEmbedding : IDisposable
{
    // θ_i in fp32, as transformers computes them, and in fp64 for fp64 models (see Precision).
    private readonly Tensor inverseFrequencies32, inverseFrequencies64;   // (D/2)

    public RotaryEmbedding(LlamaConfig config, Device device)
    {
        inverseFrequencies32 = HostTensors.FromSpan<float>(InverseFrequencies<float>(config), [config.HeadDim / 2], device).DetachFromDisposeScope();
        inverseFrequencies64 = HostTensors.FromSpan<double>(InverseFrequencies<double>(config), [config.HeadDim / 2], device).DetachFromDisposeScope();
    }

    /// <summary>cos and sin of position · θ, (B, 1, T, D), for positions (B, T).</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions, ScalarType dtype)
    {
        var compute = Precision.Accumulation(dtype);
        var inverse = compute == ScalarType.Float64 ? inverseFrequencies64 : inverseFrequencies32;
        var freqs = positions.to(compute).unsqueeze(-1) * inverse;                    // (B, T, D/2)
        var angles = torch.cat([freqs, freqs], dim: -1).unsqueeze(1);                 // (B, 1, T, D)
        return (angles.cos().to(dtype), angles.sin().to(dtype));
    }

    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin) => (x * cos).Plus(RotateHalf(x) * sin);   // (B, h, T, D)

    private static Tensor RotateHalf(Tensor x)                // (x1, x2) → (−x2, x1) on the last dim
    {
        var half = x.size(-1) / 2;
        return torch.cat([-x.slice(-1, half, 2 * half, 1), x.slice(-1, 0, half, 1)], dim: -1);
    }

    public void Dispose()
    {
        inverseFrequencies32.Dispose();
        inverseFrequencies64.Dispose();
    }

    // θ_i = 1 / theta^(2i / D) in T's arithmetic (float: what transformers computes in fp32), then rescaled.
    private static T[] InverseFrequencies<T>(LlamaConfig config) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var d = config.HeadDim;
        var inv = new T[d / 2];
        for (var i = 0; i < inv.Length; i++)
            inv[i] = T.One / T.Pow(T.CreateChecked(config.RopeTheta), T.CreateChecked(2 * i) / T.CreateChecked(d));
        if (config.RopeScaling is { } scaling) Rescale(inv, scaling);
        return inv;
    }

    private static void Rescale<T>(T[] inv, RopeScaling s) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (s.Type == "linear")
        {
            for (var i = 0; i < inv.Length; i++) inv[i] /= T.CreateChecked(s.Factor);
            return;
        }
        // llama3: long wavelengths are slowed down by Factor, short ones kept, the band between interpolated.
        var lowFreqWavelen = s.OriginalMaxPositionEmbeddings / s.LowFreqFactor;
        var highFreqWavelen = s.OriginalMaxPositionEmbeddings / s.HighFreqFactor;
        for (var i = 0; i < inv.Length; i++)
        {
            var theta = double.CreateChecked(inv[i]);
            var wavelen = 2 * Math.PI / theta;
            if (wavelen > lowFreqWavelen) inv[i] = T.CreateChecked(theta / s.Factor);
            else if (wavelen >= highFreqWavelen)
            {
                var smooth = (s.OriginalMaxPositionEmbeddings / wavelen - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor);
                inv[i] = T.CreateChecked((1 - smooth) * theta / s.Factor + smooth * theta);
            }
        }
    }
}

/// <summary>A linear layer x·Wᵀ (+ b), plus the low-rank update of a LoRA adapter when one is attached.</summary>
internal sealed class Projection(Weights w, string name, bool bias)
{
    private readonly Tensor weight = w[$"{name}.weight"];                // (out, in)
    private readonly Tensor? b = bias ? w[$"{name}.bias"] : null;         // (out)

    public string Name { get; } = name;

    public LoraAdapter? Adapter { get; set; }

    public Tensor Forward(Tensor x)                                        // (…, in) → (…, out)
    {
        var y = nn.functional.linear(x, weight, b);
        return Adapter is null ? y : y.Plus(Adapter.Forward(x));
    }
}

/// <summary>Causal multi-head self-attention with grouped-query key/value heads.</summary>
internal sealed class Attention(LlamaConfig config, Weights w, string prefix)
{
    public Projection Q { get; } = new(w, $"{prefix}.q_proj", config.AttentionBias);   // C → H·D
    public Projection K { get; } = new(w, $"{prefix}.k_proj", config.AttentionBias);   // C → K·D
    public Projection V { get; } = new(w, $"{prefix}.v_proj", config.AttentionBias);   // C → K·D
    public Projection O { get; } = new(w, $"{prefix}.o_proj", config.AttentionBias);   // H·D → C
    private readonly int h = config.NumAttentionHeads, k = config.NumKeyValueHeads, d = config.HeadDim;

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache, int layer)   // (B, T, C)
    {
        long b = x.size(0), t = x.size(1);
        var q = Q.Forward(x).reshape(b, t, h, d).transpose(1, 2);                        // (B, H, T, D)
        var key = K.Forward(x).reshape(b, t, k, d).transpose(1, 2);                      // (B, K, T, D)
        var value = V.Forward(x).reshape(b, t, k, d).transpose(1, 2);                    // (B, K, T, D)
        q = RotaryEmbedding.Apply(q, cos, sin);
        key = RotaryEmbedding.Apply(key, cos, sin);
        if (cache is not null) (key, value) = cache.Append(layer, key, value);          // (B, K, S, D)
        key = RepeatKv(key);                                                              // (B, H, S, D)
        value = RepeatKv(value);
        var y = mask is null ? CausalAttention(q, key, value)                            // (B, H, T, D)
            : nn.functional.scaled_dot_product_attention(q, key, value, mask);
        return O.Forward(y.transpose(1, 2).reshape(b, t, h * d));                        // (B, T, C)
    }

    // Query t sees keys up to S − T + t (the cached positions and itself). PyTorch's is_causal aligns the triangle
    // top-left instead, which is the same only when nothing is cached; one new position sees every key.
    private static Tensor CausalAttention(Tensor q, Tensor key, Tensor value)            // (B, H, T, D), (B, H, S, D)
    {
        long t = q.size(2), s = key.size(2);
        if (t == s) return nn.functional.scaled_dot_product_attention(q, key, value, is_casual: true);
        if (t == 1) return nn.functional.scaled_dot_product_attention(q, key, value);
        using var visible = ones([t, s], ScalarType.Bool, q.device).tril(s - t);        // (T, S)
        return nn.functional.scaled_dot_product_attention(q, key, value, visible);
    }

    // Query head j reads key/value head j / (H / K). Expand + reshape is one copy, where repeat_interleave
    // builds an index and gathers (slower forward and backward).
    private Tensor RepeatKv(Tensor x)                                                   // (B, K, S, D) → (B, H, S, D)
    {
        if (k == h) return x;
        long b = x.size(0), s = x.size(2);
        return x.unsqueeze(2).expand(b, k, h / k, s, d).reshape(b, h, s, d);
    }
}

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) · up(x)).</summary>
internal sealed class Mlp(LlamaConfig config, Weights w, string prefix)
{
    public Projection Gate { get; } = new(w, $"{prefix}.gate_proj", config.MlpBias);   // C → F
    public Projection Up { get; } = new(w, $"{prefix}.up_proj", config.MlpBias);       // C → F
    public Projection Down { get; } = new(w, $"{prefix}.down_proj", config.MlpBias);   // F → C

    public Tensor Forward(Tensor x) => Down.Forward(Gate.Forward(x).silu() * Up.Forward(x));   // (B, T, C) → (B, T, C)
}

/// <summary>Pre-norm residual block: x + attn(norm(x)), then + mlp(norm(·)).</summary>
internal sealed class DecoderLayer(LlamaConfig config, Weights w, int index)
{
    private readonly RmsNorm inputNorm = new(w[$"model.layers.{index}.input_layernorm.weight"], config.RmsNormEps);
    private readonly Attention attention = new(config, w, $"model.layers.{index}.self_attn");
    private readonly RmsNorm postAttentionNorm = new(w[$"model.layers.{index}.post_attention_layernorm.weight"], config.RmsNormEps);
    private readonly Mlp mlp = new(config, w, $"model.layers.{index}.mlp");

    public IEnumerable<Projection> Projections => [attention.Q, attention.K, attention.V, attention.O, mlp.Gate, mlp.Up, mlp.Down];

    // Each block frees its intermediates as it ends (autograd keeps its own references to what backward needs),
    // so memory is reused while hot instead of piling up until the whole forward pass is over.
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache)
    {
        using var scope = torch.NewDisposeScope();
        x = x.Plus(Block(() => attention.Forward(inputNorm.Forward(x), cos, sin, mask, cache, index)));
        return x.Plus(Block(() => mlp.Forward(postAttentionNorm.Forward(x)))).MoveToOuterDisposeScope();
    }

    private static Tensor Block(Func<Tensor> forward)
    {
        using var scope = torch.NewDisposeScope();
        return forward().MoveToOuterDisposeScope();
    }
}

/// <summary>
/// LlamaForCausalLM: token ids → next-token logits. Owns its parameters (<see cref="Parameters"/>, by their
/// Hugging Face names), which a trainer can mark requires-grad and hand to a TorchSharp optimizer.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private readonly Weights weights;
    private readonly Tensor embedTokens;                      // (V, C)
    private readonly DecoderLayer[] layers;
    private readonly RmsNorm norm;
    private readonly Tensor lmHead;                           // (V, C); the embedding itself when tied
    private readonly RotaryEmbedding rope;

    /// <summary>
    /// Takes ownership of <paramref name="parameters"/>, which must match <see cref="ParameterShapes"/>: each
    /// becomes a <see cref="Parameter"/> (frozen until a trainer sets requires_grad), and the tensors passed in are
    /// left empty, as TorchSharp's Parameter constructor leaves them.
    /// </summary>
    public LlamaModel(LlamaConfig config, IReadOnlyDictionary<string, Tensor> parameters)
    {
        Config = config;
        // Parameters, not plain tensors, because TorchSharp's optimizers and clip_grad_norm_ take only Parameters.
        weights = new Weights(parameters.ToDictionary(kv => kv.Key, kv => new Parameter(kv.Value.DetachFromDisposeScope(), requires_grad: false)));
        var device = weights["model.embed_tokens.weight"].device;
        embedTokens = weights["model.embed_tokens.weight"];
        layers = Enumerable.Range(0, config.NumHiddenLayers).Select(i => new DecoderLayer(config, weights, i)).ToArray();
        norm = new RmsNorm(weights["model.norm.weight"], config.RmsNormEps);
        lmHead = config.TieWordEmbeddings ? embedTokens : weights["lm_head.weight"];
        rope = new RotaryEmbedding(config, device);
        projections = layers.SelectMany(l => l.Projections).ToDictionary(p => p.Name);
    }

    private readonly Dictionary<string, Projection> projections;

    /// <summary>The linear layers an adapter can attach to, by module name ("model.layers.0.self_attn.q_proj").</summary>
    public IReadOnlyCollection<string> LinearModules => projections.Keys;

    /// <summary>Adds a LoRA adapter's update to a linear layer (null removes it). The model does not own adapters.</summary>
    public void SetAdapter(string module, LoraAdapter? adapter)
    {
        if (!projections.TryGetValue(module, out var projection))
            throw new ArgumentException($"the model has no linear layer '{module}'", nameof(module));
        projection.Adapter = adapter;
    }

    public LlamaConfig Config { get; }

    public IReadOnlyDictionary<string, Parameter> Parameters => weights.All;

    public Device Device => embedTokens.device;

    public ScalarType DType => embedTokens.dtype;

    /// <summary>
    /// Logits (B, T, V) for token ids (B, T) at positions (B, T). With <paramref name="mask"/> null attention is
    /// causal; otherwise it is the additive mask (B, 1, T, S), for padded batches. A <paramref name="cache"/>
    /// receives this call's keys and values and supplies the earlier ones.
    /// </summary>
    public Tensor Forward(Tensor ids, Tensor positions, Tensor? mask = null, KvCache? cache = null)
    {
        using var scope = torch.NewDisposeScope();
        // Rows of the embedding picked by id: F.embedding's forward and gradient (TorchSharp has no functional form).
        var x = embedTokens.index_select(0, ids.flatten()).reshape(ids.size(0), ids.size(1), -1);   // (B, T, C)
        var (cos, sin) = rope.Angles(positions, x.dtype);                              // (B, 1, T, D)
        foreach (var layer in layers) x = layer.Forward(x, cos, sin, mask, cache);
        return nn.functional.linear(norm.Forward(x), lmHead).MoveToOuterDisposeScope();           // (B, T, V)
    }

    /// <summary>Every stored parameter's Hugging Face name and shape, in checkpoint order.</summary>
    public static IEnumerable<(string Name, long[] Shape)> ParameterShapes(LlamaConfig c)
    {
        long v = c.VocabSize, e = c.HiddenSize, f = c.IntermediateSize, q = c.NumAttentionHeads * c.HeadDim, kv = c.NumKeyValueHeads * c.HeadDim;
        yield return ("model.embed_tokens.weight", [v, e]);
        for (var i = 0; i < c.NumHiddenLayers; i++)
        {
            var p = $"model.layers.{i}";
            yield return ($"{p}.input_layernorm.weight", [e]);
            foreach (var (name, rows, cols) in new[] { ("q_proj", q, e), ("k_proj", kv, e), ("v_proj", kv, e), ("o_proj", e, q) })
            {
                yield return ($"{p}.self_attn.{name}.weight", [rows, cols]);
                if (c.AttentionBias) yield return ($"{p}.self_attn.{name}.bias", [rows]);
            }
            yield return ($"{p}.post_attention_layernorm.weight", [e]);
            foreach (var (name, rows, cols) in new[] { ("gate_proj", f, e), ("up_proj", f, e), ("down_proj", e, f) })
            {
                yield return ($"{p}.mlp.{name}.weight", [rows, cols]);
                if (c.MlpBias) yield return ($"{p}.mlp.{name}.bias", [rows]);
            }
        }
        yield return ("model.norm.weight", [e]);
        if (!c.TieWordEmbeddings) yield return ("lm_head.weight", [v, e]);
    }

    public void Dispose()
    {
        foreach (var t in weights.All.Values) t.Dispose();
        rope.Dispose();
    }
}

/// <summary>The parameters by name; a missing one is a bug in the loader, which validates names first.</summary>
internal sealed class Weights(IReadOnlyDictionary<string, Parameter> all)
{
    public IReadOnlyDictionary<string, Parameter> All { get; } = all;

    public Parameter this[string name] =>
        All.TryGetValue(name, out var t) ? t : throw new ModelFormatException($"missing parameter '{name}'");
}
