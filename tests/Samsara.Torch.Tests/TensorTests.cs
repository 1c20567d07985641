using Samsara.Torch;

namespace Samsara.Torch.Tests;

public class TensorTests
{
    [Fact]
    public void Arithmetic_matches_hand_computed_values()
    {
        using var scope = Torch.NewDisposeScope();
        var a = Torch.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var b = Torch.FromArray([10f, 20f, 30f, 40f], 2, 2);
        Assert.Equal([11f, 22f, 33f, 44f], (a + b).ToArray<float>());
        Assert.Equal([70f, 100f, 150f, 220f], a.Matmul(b).ToArray<float>());
        Assert.Equal([2, 2], a.Shape);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal(Device.Cpu, a.Device);
    }

    [Fact]
    public void Native_errors_surface_as_exceptions_with_libtorchs_message()
    {
        using var scope = Torch.NewDisposeScope();
        var a = Torch.Zeros([2, 3]);
        var b = Torch.Zeros([4, 5]);
        var error = Assert.Throws<SamsaraNativeException>(() => a.Matmul(b));
        Assert.Contains("2x3", error.Message);
    }
}
