using Samsara.Torch;

namespace Samsara.Engine.Generation;

/// <summary>Picks the next token from logits: greedy at temperature 0, else temperature → top-k → top-p → multinomial.</summary>
internal static class Sampler
{
    public static long[] Next(Tensor logits, GenerationOptions options)   // logits (B, V) fp32 → B token ids
    {
        using var scope = Torch.Torch.NewDisposeScope();
        if (options.Temperature == 0) return logits.Argmax(-1).ToArray<long>();
        var scaled = logits / options.Temperature;
        if (options.TopK > 0 && options.TopK < scaled.Size(-1))
        {
            var kth = scaled.TopK(options.TopK).Values.Slice(-1, options.TopK - 1, options.TopK);   // (B, 1)
            scaled = scaled.MaskedFill(scaled.Lt(kth), double.NegativeInfinity);
        }
        if (options.TopP < 1) scaled = NucleusFilter(scaled, options.TopP);
        return NN.Softmax(scaled, -1).Multinomial(1).Squeeze(-1).ToArray<long>();
    }

    // Keeps the smallest set of most likely tokens whose probability reaches p (always at least the top one).
    private static Tensor NucleusFilter(Tensor logits, double p)
    {
        var (sorted, order) = logits.Sort(-1, descending: true);
        var probs = NN.Softmax(sorted, -1);
        var before = probs.CumSum(-1) - probs;                        // mass of the tokens ranked above each one
        var dropSorted = before.Ge(p);
        var drop = dropSorted.Scatter(-1, order, dropSorted);         // back to vocabulary order
        return logits.MaskedFill(drop, double.NegativeInfinity);
    }
}
