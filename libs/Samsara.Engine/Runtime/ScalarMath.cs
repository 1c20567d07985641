using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Runtime;

/// <summary>
/// A tensor and a number, computed without TorchSharp's finalizer race. Where TorchSharp takes a <see cref="Scalar"/>,
/// a number becomes a temporary Scalar that only its finalizer frees, and TorchSharp reads its native handle and calls
/// libtorch without keeping it alive (TorchSharp 0.107; its <c>add(Scalar)</c> even makes its own temporary alpha of 1).
/// Once the JIT has optimised the caller, a garbage collection on another thread during that call lets the finalizer
/// free the c10::Scalar libtorch is still reading: a SAMI run failed that way ("Expected false to be true" from
/// c10::Scalar::toFloat). Here every Scalar is disposed after its call, which keeps it alive through it. Use these,
/// never the operators, where a tensor meets a number on a path that runs often. Tensor + tensor is one of them: its
/// operator (and <c>add(Tensor)</c>) passes a temporary alpha of 1, and fails the same way.
/// </summary>
public static class ScalarMath
{
    // Held by a static field, so never finalized: the alpha of every Plus (an int, as TorchSharp's own alpha is).
    private static readonly Scalar One = 1.ToScalar();

    /// <summary>x + y, element-wise with broadcasting.</summary>
    public static Tensor Plus(this Tensor x, Tensor y) => x.add(y, One);

    /// <summary>x + value.</summary>
    public static Tensor Plus(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.add(scalar, One);
    }

    /// <summary>value − x.</summary>
    public static Tensor SubtractedFrom(this Tensor x, double value)
    {
        using var negated = x.neg();
        return negated.Plus(value);
    }

    /// <summary>x · value.</summary>
    public static Tensor Times(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.mul(scalar);
    }

    /// <summary>x / value.</summary>
    public static Tensor Over(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.div(scalar);
    }

    /// <summary>x to the power <paramref name="exponent"/>, element-wise.</summary>
    public static Tensor Power(this Tensor x, double exponent)
    {
        using var scalar = exponent.ToScalar();
        return x.pow(scalar);
    }

    /// <summary>x with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor FilledWhere(this Tensor x, Tensor mask, double value)
    {
        using var scalar = value.ToScalar();
        return x.masked_fill(mask, scalar);
    }

    /// <summary>x ≥ value, element-wise (bool).</summary>
    public static Tensor AtLeast(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.ge(scalar);
    }
}
