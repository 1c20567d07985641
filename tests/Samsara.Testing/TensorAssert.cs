using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Testing;

/// <summary>Tensor comparisons for tests.</summary>
public static class TensorAssert
{
    /// <summary>Same dtype, same shape, and bit-identical elements (NaNs and signed zeros included).</summary>
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(Bytes(expected), Bytes(actual));
    }

    /// <summary>The elements' raw bytes, row-major, as safetensors stores them.</summary>
    public static byte[] Bytes(Tensor tensor)
    {
        var bytes = new byte[tensor.NumberOfElements * tensor.dtype.ElementSize()];
        tensor.CopyBytesTo(bytes);
        return bytes;
    }

    /// <summary>The elements widened to double (exact for every dtype safetensors tests use), row-major.</summary>
    public static double[] Values(Tensor tensor)
    {
        using var wide = tensor.to(ScalarType.Float64);
        return wide.ToArray<double>();
    }
}
