namespace Samsara.Torch.Tests;

public class AttentionTests
{
    [Fact]
    public void Causal_attention_equals_the_composed_softmax_formula()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(1);
        var q = Torch.Randn([2, 3, 5, 8]);
        var k = Torch.Randn([2, 3, 5, 8]);
        var v = Torch.Randn([2, 3, 5, 8]);
        var fused = NN.ScaledDotProductAttention(q, k, v, isCausal: true);

        var future = Torch.Ones([5, 5], DType.Bool).Triu(1);
        var scores = (q.Matmul(k.Transpose(-2, -1)) / Math.Sqrt(8)).MaskedFill(future, double.NegativeInfinity);
        var composed = NN.Softmax(scores, -1).Matmul(v);
        AssertClose(composed.ToArray<float>(), fused.ToArray<float>(), 1e-5);
    }

    [Fact]
    public void Causal_attention_aligns_to_the_end_of_the_keys_for_cached_decoding()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(2);
        var q = Torch.Randn([1, 2, 4, 8]);
        var k = Torch.Randn([1, 2, 4, 8]);
        var v = Torch.Randn([1, 2, 4, 8]);
        var full = NN.ScaledDotProductAttention(q, k, v, isCausal: true);
        // The last query alone, over all keys, sees what it saw in the full pass.
        var last = NN.ScaledDotProductAttention(q.Slice(2, 3, 4), k, v, isCausal: true);
        AssertClose(full.Slice(2, 3, 4).ToArray<float>(), last.ToArray<float>(), 1e-5);
    }

    [Fact]
    public void An_additive_mask_hides_keys()
    {
        using var scope = Torch.NewDisposeScope();
        var q = Torch.Ones([1, 1, 1, 2]);
        var k = Torch.Ones([1, 1, 2, 2]);
        var v = Torch.FromArray([1f, 1f, 5f, 5f], 1, 1, 2, 2);
        var mask = Torch.FromArray([float.NegativeInfinity, 0f], 1, 1, 1, 2);
        Assert.Equal([5f, 5f], NN.ScaledDotProductAttention(q, k, v, mask).ToArray<float>());
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: {expected[i]} vs {actual[i]}");
    }
}
