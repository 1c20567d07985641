using Samsara.Engine.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// RMSprop as the SAMI reference code uses it (alpha 0.99, eps 1e-8, no momentum, not centred; weight decay added to
/// the gradient): the same operations in the same order as TorchSharp 0.107's torch.optim.RMSProp step, so the
/// results are bit-identical to it, but with every Scalar held alive through its libtorch call.
/// </summary>
internal sealed class RmsPropUpdate(Parameter parameter, double weightDecay) : IParameterUpdate
{
    private const double Alpha = 0.99;
    private const double Epsilon = 1e-8;

    // Held by static fields, so never finalized.
    private static readonly Scalar AlphaScalar = Alpha.ToScalar();
    private static readonly Scalar OneMinusAlpha = (1 - Alpha).ToScalar();

    // TorchSharp allocates its state when the optimizer is built: zeros like the parameter.
    private readonly Tensor squareAvg = zeros_like(parameter).DetachFromDisposeScope();

    public long Step { get; set; }

    public IEnumerable<(string Slot, Tensor Tensor)> Slots => [("square_avg", squareAvg)];

    public void Apply(Tensor grad, double lr)
    {
        Step++;
        using var decayed = weightDecay != 0 ? WithWeightDecay(grad) : null;
        var g = decayed ?? grad;

        squareAvg.mul_(AlphaScalar).addcmul_(g, g, OneMinusAlpha);

        using var average = squareAvg.sqrt();
        average.PlusInPlace(Epsilon);

        using var value = (-lr).ToScalar();
        parameter.addcdiv_(g, average, value);
    }

    public void Dispose() => squareAvg.Dispose();

    private Tensor WithWeightDecay(Tensor grad)
    {
        using var decay = weightDecay.ToScalar();
        return grad.add(parameter, decay);
    }
}
