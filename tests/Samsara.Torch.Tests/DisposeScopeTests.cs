namespace Samsara.Torch.Tests;

public class DisposeScopeTests
{
    [Fact]
    public void A_scope_frees_every_intermediate_it_saw()
    {
        var baseline = Torch.LiveTensorCount;
        using (Torch.NewDisposeScope())
        {
            var x = Torch.Randn([4, 4]);
            var y = (x * 2 + 1).Exp().Sum();
            Assert.True(Torch.LiveTensorCount >= baseline + 5);
            Assert.False(y.IsDisposed);
        }
        Assert.Equal(baseline, Torch.LiveTensorCount);
    }

    [Fact]
    public void MoveToOuter_keeps_a_result_alive_for_the_enclosing_scope()
    {
        var baseline = Torch.LiveTensorCount;
        using (Torch.NewDisposeScope())
        {
            Tensor kept;
            using (Torch.NewDisposeScope())
            {
                var x = Torch.Ones([3]);
                kept = (x + x).MoveToOuterDisposeScope();
            }
            Assert.Equal(baseline + 1, Torch.LiveTensorCount);
            Assert.Equal([2f, 2f, 2f], kept.ToArray<float>());
        }
        Assert.Equal(baseline, Torch.LiveTensorCount);
    }

    [Fact]
    public void A_detached_tensor_outlives_every_scope_until_disposed()
    {
        var baseline = Torch.LiveTensorCount;
        Tensor owned;
        using (Torch.NewDisposeScope())
        using (Torch.NewDisposeScope())
            owned = Torch.Zeros([2]).DetachFromDisposeScope();
        Assert.Equal(baseline + 1, Torch.LiveTensorCount);
        owned.Dispose();
        owned.Dispose();
        Assert.Equal(baseline, Torch.LiveTensorCount);
    }

    [Fact]
    public void A_failed_native_call_leaks_nothing()
    {
        var baseline = Torch.LiveTensorCount;
        using (Torch.NewDisposeScope())
        {
            var a = Torch.Zeros([2, 3]);
            Assert.Throws<SamsaraNativeException>(() => a.Reshape(7));
        }
        Assert.Equal(baseline, Torch.LiveTensorCount);
    }
}
