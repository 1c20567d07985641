namespace Samsara.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void Backward_gives_the_hand_derived_gradient()
    {
        using var scope = Torch.NewDisposeScope();
        // f(x) = Σ x² · 3 → df/dx = 6x
        var x = Torch.FromArray([1f, -2f, 0.5f], 3);
        x.RequiresGrad = true;
        (x.Pow(2) * 3).Sum().Backward();
        Assert.Equal([6f, -12f, 3f], x.Grad!.ToArray<float>());
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray([2f], 1);
        x.RequiresGrad = true;
        (x * 5).Sum().Backward();
        (x * 5).Sum().Backward();
        Assert.Equal([10f], x.Grad!.ToArray<float>());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void NoGrad_records_no_graph_and_restores_the_previous_mode()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([2]);
        x.RequiresGrad = true;
        using (Torch.NoGrad())
        {
            Assert.False((x * 2).RequiresGrad);
            using (Torch.EnableGrad()) Assert.True((x * 2).RequiresGrad);
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void Backward_of_a_non_scalar_without_a_gradient_is_a_clear_error()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([2]);
        x.RequiresGrad = true;
        var error = Assert.Throws<SamsaraNativeException>(() => (x * 2).Backward());
        Assert.Contains("scalar", error.Message);
    }
}
