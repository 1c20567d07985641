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
/// never the operators, where a tensor meets a number on a path that runs often — and for tensor + tensor too, since
/// TorchSharp's + passes a temporary alpha of 1 (its −, ·, / between tensors take no Scalar and are safe).
/// </summary>
public static class ScalarMath
{
    // Held by a static field, so never finalized: the alpha of every Plus.
    private static readonly Scalar One = 1.ToScalar();

    /// <summary>x + value.</summary>
    public static Tensor Plus(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.add(scalar, One);
    }

    /// <summary>x + y, element-wise (broadcasting).</summary>
    public static Tensor Plus(this Tensor x, Tensor y) => x.add(y, One);

    /// <summary>x += value, in place.</summary>
    public static Tensor PlusInPlace(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.add_(scalar, One);
    }

    /// <summary>x += y, in place.</summary>
    public static Tensor PlusInPlace(this Tensor x, Tensor y) => x.add_(y, One);

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

    /// <summary>
    /// The number a one-element tensor holds. TorchSharp's <c>ToDouble()</c> is <c>ToScalar().ToDouble()</c>: the same
    /// race on a temporary Scalar, and its native read has no exception handler, so a freed Scalar there ends the
    /// process ("terminate called after throwing an instance of 'c10::Error'").
    /// </summary>
    public static double AsDouble(this Tensor x)
    {
        using var scalar = x.ToScalar();
        return scalar.ToDouble();
    }

    /// <inheritdoc cref="AsDouble"/>
    public static float AsSingle(this Tensor x)
    {
        using var scalar = x.ToScalar();
        return scalar.ToSingle();
    }

    /// <inheritdoc cref="AsDouble"/>
    public static long AsInt64(this Tensor x)
    {
        using var scalar = x.ToScalar();
        return scalar.ToInt64();
    }

    /// <summary>x ≥ value, element-wise (bool).</summary>
    public static Tensor AtLeast(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.ge(scalar);
    }
}
