using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Runtime;

/// <summary>Tensors from host memory: typed spans, and raw little-endian element bytes as safetensors stores them.</summary>
public static class HostTensors
{
    /// <summary>Copies host elements into a new tensor of <paramref name="shape"/> on <paramref name="device"/> (the CPU by default).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, long[] shape, Device? device = null) where T : unmanaged =>
        FromBytes(MemoryMarshal.AsBytes(data), ScalarTypeOf<T>(), shape, device);

    /// <summary>A CPU tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray<T>(T[] data, params long[] shape) where T : unmanaged => FromSpan<T>(data, shape);

    /// <summary>Copies raw element bytes into a new tensor; their count must match the shape and dtype.</summary>
    public static Tensor FromBytes(ReadOnlySpan<byte> bytes, ScalarType dtype, long[] shape, Device? device = null)
    {
        var host = empty(shape, dtype);
        if (host.NumberOfElements * host.ElementSize != bytes.Length)
        {
            host.Dispose();
            throw new ArgumentException($"{bytes.Length} bytes do not fill a {dtype} tensor of shape [{string.Join(", ", shape)}]", nameof(bytes));
        }
        if (bytes.Length > 0) bytes.CopyTo(host.bytes);
        return device is null || device.type == DeviceType.CPU ? host : host.to(device, disposeAfter: true);
    }

    /// <summary>A host copy of the tensor's elements, row-major; <typeparamref name="T"/> must be its element type.</summary>
    public static T[] ToArray<T>(this Tensor tensor) where T : unmanaged
    {
        using var scope = NewDisposeScope();
        if (tensor.dtype != ScalarTypeOf<T>())
            throw new InvalidOperationException($"cannot read a {tensor.dtype} tensor as {typeof(T).Name}");
        var host = tensor.device_type == DeviceType.CPU ? tensor.contiguous() : tensor.to(CPU).contiguous();
        return MemoryMarshal.Cast<byte, T>(host.bytes).ToArray();   // bytes, not data<T>(): that accessor rejects 0-d tensors
    }

    /// <summary>Copies the tensor's elements, row-major and little-endian (as safetensors stores them), into <paramref name="destination"/>.</summary>
    public static void CopyBytesTo(this Tensor tensor, Span<byte> destination)
    {
        using var scope = NewDisposeScope();
        var host = tensor.device_type == DeviceType.CPU ? tensor.contiguous() : tensor.to(CPU).contiguous();
        host.bytes.CopyTo(destination);
    }

    private static ScalarType ScalarTypeOf<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => ScalarType.Float32,
        var t when t == typeof(double) => ScalarType.Float64,
        var t when t == typeof(long) => ScalarType.Int64,
        var t when t == typeof(int) => ScalarType.Int32,
        var t when t == typeof(bool) => ScalarType.Bool,
        var t when t == typeof(byte) => ScalarType.Byte,
        var t when t == typeof(Half) => ScalarType.Float16,
        _ => throw new NotSupportedException($"no tensor dtype for {typeof(T).Name}"),
    };
}
