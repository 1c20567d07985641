using System.Runtime.InteropServices;
using Samsara.Torch.Internal;
using static Samsara.Torch.Internal.NativeMethods;

namespace Samsara.Torch;

/// <summary>Tensor factories and process-wide libtorch settings.</summary>
public static class Torch
{
    /// <summary>The libtorch version the native shim was built against, e.g. 1.13.0.</summary>
    public static Version LibTorchVersion
    {
        get
        {
            Native.Check(sam_torch_version(out var major, out var minor, out var patch));
            return new Version(major, minor, patch);
        }
    }

    public static int CudaDeviceCount
    {
        get
        {
            Native.Check(sam_cuda_device_count(out var count));
            return count;
        }
    }

    public static bool IsCudaAvailable => CudaDeviceCount > 0;

    /// <summary>Native tensors alive in this process: tests assert it returns to its baseline.</summary>
    public static long LiveTensorCount
    {
        get
        {
            Native.Check(sam_live_tensor_count(out var count));
            return count;
        }
    }

    /// <summary>How libtorch's idle CPU threads wait: PASSIVE (sleep, Samsara's default) unless OMP_WAIT_POLICY says otherwise.</summary>
    public static string OpenMpWaitPolicy => NativeMethods.OpenMpWaitPolicy;

    public static int Threads
    {
        get
        {
            Native.Check(sam_get_num_threads(out var threads));
            return threads;
        }
        set => Native.Check(sam_set_num_threads(value));
    }

    /// <summary>Seeds libtorch's CPU and CUDA generators.</summary>
    public static void ManualSeed(ulong seed) => Native.Check(sam_manual_seed(seed));

    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Turns autograd off on this thread until disposed (torch.no_grad()).</summary>
    public static IDisposable NoGrad() => new GradMode(enabled: false);

    /// <summary>Turns autograd on on this thread until disposed (torch.enable_grad()).</summary>
    public static IDisposable EnableGrad() => new GradMode(enabled: true);

    public static Tensor FromArray<T>(T[] data, params long[] shape) where T : unmanaged =>
        FromSpan<T>(data, shape, Device.Cpu);

    /// <summary>Copies host elements into a new tensor of <paramref name="shape"/> on <paramref name="device"/>.</summary>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, long[] shape, Device device) where T : unmanaged =>
        FromBytes(MemoryMarshal.AsBytes(data), DTypeOf<T>(), shape, device);

    /// <summary>Copies raw little-endian element bytes (as stored in safetensors) into a new tensor.</summary>
    public static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, DType dtype, long[] shape, Device device)
    {
        TensorHandle r;
        fixed (byte* d = bytes)
        fixed (long* s = shape)
            Native.Check(sam_tensor_from_data(d, bytes.Length, s, shape.Length, (int)dtype, (int)device.Type, device.Index, out r));
        return new Tensor(r);
    }

    public static Tensor Scalar(float value, Device? device = null) => Full([], value, DType.Float32, device);

    public static Tensor Zeros(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    public static unsafe Tensor Full(long[] shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        TensorHandle r;
        fixed (long* s = shape) Native.Check(sam_tensor_full(s, shape.Length, value, (int)dtype, (int)d.Type, d.Index, out r));
        return new Tensor(r);
    }

    public static unsafe Tensor Empty(long[] shape, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        TensorHandle r;
        fixed (long* s = shape) Native.Check(sam_tensor_empty(s, shape.Length, (int)dtype, (int)d.Type, d.Index, out r));
        return new Tensor(r);
    }

    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        Native.Check(sam_tensor_arange(start, end, step, (int)dtype, (int)d.Type, d.Index, out var r));
        return new Tensor(r);
    }

    /// <summary>Standard normal samples from libtorch's generator (seeded by <see cref="ManualSeed"/>).</summary>
    public static unsafe Tensor Randn(long[] shape, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        TensorHandle r;
        fixed (long* s = shape) Native.Check(sam_tensor_randn(s, shape.Length, (int)dtype, (int)d.Type, d.Index, out r));
        return new Tensor(r);
    }

    /// <summary>Uniform [0, 1) samples from libtorch's generator.</summary>
    public static unsafe Tensor Rand(long[] shape, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        TensorHandle r;
        fixed (long* s = shape) Native.Check(sam_tensor_rand(s, shape.Length, (int)dtype, (int)d.Type, d.Index, out r));
        return new Tensor(r);
    }

    private static DType DTypeOf<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => DType.Float32,
        var t when t == typeof(double) => DType.Float64,
        var t when t == typeof(long) => DType.Int64,
        var t when t == typeof(int) => DType.Int32,
        var t when t == typeof(bool) => DType.Bool,
        var t when t == typeof(byte) => DType.UInt8,
        var t when t == typeof(Half) => DType.Float16,
        _ => throw new NotSupportedException($"no tensor dtype for {typeof(T).Name}"),
    };

    private sealed class GradMode : IDisposable
    {
        private readonly int previous;
        private bool disposed;

        public GradMode(bool enabled) => Native.Check(sam_autograd_set_grad_enabled(enabled ? 1 : 0, out previous));

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            Native.Check(sam_autograd_set_grad_enabled(previous, out _));
        }
    }
}
