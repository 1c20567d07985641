using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Generation;

/// <summary>Picks the next token from logits: greedy at temperature 0, else temperature → top-k → top-p → multinomial.</summary>
internal static class Sampler
{
    /// <summary><paramref name="random"/>: the generator to draw from; null draws from libtorch's default one.</summary>
    public static long[] Next(Tensor logits, GenerationOptions options, torch.Generator? random)   // logits (B, V) fp32 → B token ids
    {
        using var scope = torch.NewDisposeScope();
        if (options.Temperature == 0) return logits.argmax(-1).ToArray<long>();
        var scaled = logits.Over(options.Temperature);
        if (options.TopK > 0 && options.TopK < scaled.size(-1))
        {
            var kth = scaled.topk(options.TopK).values.slice(-1, options.TopK - 1, options.TopK, 1);   // (B, 1)
            scaled = scaled.FilledWhere(scaled.lt(kth), double.NegativeInfinity);
        }
        if (options.TopP < 1) scaled = NucleusFilter(scaled, options.TopP);
        return nn.functional.softmax(scaled, -1).multinomial(1, generator: random).squeeze(-1).ToArray<long>();
    }

    // Keeps the smallest set of most likely tokens whose probability reaches p (always at least the top one).
    private static Tensor NucleusFilter(Tensor logits, double p)
    {
        var (sorted, order) = logits.sort(-1, descending: true);
        var probs = nn.functional.softmax(sorted, -1);
        var before = probs.cumsum(-1) - probs;                        // mass of the tokens ranked above each one
        var dropSorted = before.AtLeast(p);
        var drop = dropSorted.scatter(-1, order, dropSorted);         // back to vocabulary order
        return logits.FilledWhere(drop, double.NegativeInfinity);
    }
}
