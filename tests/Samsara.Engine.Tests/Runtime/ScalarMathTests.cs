using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Runtime;

/// <summary>
/// ScalarMath against the race it exists for: the same arithmetic again and again on optimised code while another
/// thread keeps collecting garbage and running finalizers, as a busy host does mid-training.
/// </summary>
public sealed class ScalarMathTests
{
    private static readonly float[] Values = [1.5f, -2f, 4f];
    private static readonly bool[] Mask = [true, false, true];

    [Fact]
    public void Each_operation_gives_what_the_operator_gives()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Values);
        var mask = tensor(Mask);
        Assert.Equal((x + 0.25).data<float>().ToArray(), x.Plus(0.25).data<float>().ToArray());
        Assert.Equal((x + x.flip(0)).data<float>().ToArray(), x.Plus(x.flip(0)).data<float>().ToArray());
        Assert.Equal((3.0 - x).data<float>().ToArray(), x.SubtractedFrom(3.0).data<float>().ToArray());
        Assert.Equal((x * 0.5).data<float>().ToArray(), x.Times(0.5).data<float>().ToArray());
        Assert.Equal((x / 3.0).data<float>().ToArray(), x.Over(3.0).data<float>().ToArray());
        Assert.Equal(x.pow(2).data<float>().ToArray(), x.Power(2).data<float>().ToArray());
        Assert.Equal(x.masked_fill(mask, double.NegativeInfinity).data<float>().ToArray(), x.FilledWhere(mask, double.NegativeInfinity).data<float>().ToArray());
        Assert.Equal(x.ge(1.5).data<bool>().ToArray(), x.AtLeast(1.5).data<bool>().ToArray());
    }

    [Fact]
    public void Scalars_stay_alive_through_their_calls_while_another_thread_collects()
    {
        using var collector = new CollectingThread();
        var x = ones(64, 64);
        var mask = x.AtLeast(0);
        for (var i = 0; i < 20_000; i++)
        {
            using var scope = NewDisposeScope();
            var y = x.Power(2).Plus(1).Times(0.5).Over(2).SubtractedFrom(1).FilledWhere(mask, 0.75);   // 0.75 everywhere
            Assert.Equal(0.75f, y[0, 0].AsSingle());
            Assert.Equal(1.5f, y.Plus(y)[0, 0].AsSingle());
        }
    }
}
