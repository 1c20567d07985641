using Samsara.Torch;

namespace Samsara.Testing;

/// <summary>Tensor comparisons for tests.</summary>
public static class TensorAssert
{
    /// <summary>Same dtype, same shape, and bit-identical elements (NaNs and signed zeros included).</summary>
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(Bytes(expected), Bytes(actual));
    }

    /// <summary>The elements' raw bytes, row-major, as safetensors stores them.</summary>
    public static byte[] Bytes(Tensor tensor)
    {
        var bytes = new byte[tensor.NumberOfElements * tensor.DType.ElementSize()];
        tensor.CopyTo(bytes);
        return bytes;
    }

    /// <summary>The elements widened to double (exact for every dtype safetensors tests use), row-major.</summary>
    public static double[] Values(Tensor tensor)
    {
        using var wide = tensor.To(DType.Float64);
        return wide.ToArray<double>();
    }
}
