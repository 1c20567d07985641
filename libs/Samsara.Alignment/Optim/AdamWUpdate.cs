using Samsara.Engine.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// AdamW with decoupled weight decay (betas 0.9/0.999, eps 1e-8; no amsgrad, not maximising): the same operations in
/// the same order as TorchSharp 0.107's torch.optim.AdamW step, so the results are bit-identical to it, but with
/// every Scalar held alive through its libtorch call, which TorchSharp's own step does not do.
/// </summary>
internal sealed class AdamWUpdate(Parameter parameter, double weightDecay) : IParameterUpdate
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    // Held by static fields, so never finalized.
    private static readonly Scalar Beta1Scalar = Beta1.ToScalar();
    private static readonly Scalar Beta2Scalar = Beta2.ToScalar();
    private static readonly Scalar OneMinusBeta1 = (1 - Beta1).ToScalar();
    private static readonly Scalar OneMinusBeta2 = (1 - Beta2).ToScalar();

    // TorchSharp allocates its state when the optimizer is built: zeros like the parameter.
    private readonly Tensor expAvg = zeros_like(parameter).DetachFromDisposeScope();
    private readonly Tensor expAvgSq = zeros_like(parameter).DetachFromDisposeScope();

    public long Step { get; set; }

    public IEnumerable<(string Slot, Tensor Tensor)> Slots => [("exp_avg", expAvg), ("exp_avg_sq", expAvgSq)];

    public void Apply(Tensor grad, double lr)
    {
        Step++;
        using (var decay = (1 - lr * weightDecay).ToScalar()) parameter.mul_(decay);

        var biasCorrection1 = 1 - Math.Pow(Beta1, Step);
        var biasCorrection2 = 1 - Math.Pow(Beta2, Step);

        expAvg.mul_(Beta1Scalar).add_(grad, OneMinusBeta1);
        expAvgSq.mul_(Beta2Scalar).addcmul_(grad, grad, OneMinusBeta2);

        using var root = expAvgSq.sqrt();
        using var denominator = root.Over(Math.Sqrt(biasCorrection2));
        denominator.PlusInPlace(Epsilon);

        var stepSize = lr / biasCorrection1;
        using var value = (-stepSize).ToScalar();
        parameter.addcdiv_(expAvg, denominator, value);
    }

    public void Dispose()
    {
        expAvg.Dispose();
        expAvgSq.Dispose();
    }
}
