using static TorchSharp.torch;

namespace Samsara.Engine.Runtime;

/// <summary>
/// The dtype the numerically delicate steps (RMSNorm, RoPE angles, log-softmax over the vocabulary) run in: fp32 for
/// fp32 and the half types, as transformers does, and fp64 for an fp64 model — transformers casts that down to fp32
/// too, which only costs precision, and would leave an fp64 run (the exact reference for optimizer parity) at fp32's
/// 1e-7.
/// </summary>
internal static class Precision
{
    public static ScalarType Accumulation(ScalarType dtype) => dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>The tensor itself when it already has its accumulation dtype, else a converted copy.</summary>
    public static Tensor ToAccumulation(Tensor x) => x.dtype == Accumulation(x.dtype) ? x : x.to(Accumulation(x.dtype));
}
