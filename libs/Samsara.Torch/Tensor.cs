using System.Runtime.InteropServices;
using Samsara.Torch.Internal;

namespace Samsara.Torch;

/// <summary>
/// A libtorch tensor. Owns one native handle; <see cref="Dispose"/> frees it at once (the handle's
/// finalizer frees it eventually otherwise). Every tensor joins the thread's innermost <see cref="DisposeScope"/>.
/// The operations are split by kind over Tensor.*.cs, mirroring the native files.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private long[]? shape;

    internal Tensor(TensorHandle handle)
    {
        if (handle.IsInvalid) throw new ArgumentException("invalid tensor handle", nameof(handle));
        Handle = handle;
        DisposeScope.Current?.Register(this);
    }

    internal TensorHandle Handle { get; }

    public bool IsDisposed => Handle.IsClosed;

    /// <summary>The sizes of each dimension.</summary>
    public unsafe long[] Shape
    {
        get
        {
            if (shape is not null) return shape;
            Native.Check(NativeMethods.sam_tensor_ndim(Handle, out var ndim));
            var sizes = new long[ndim];
            fixed (long* p = sizes) Native.Check(NativeMethods.sam_tensor_shape(Handle, p, ndim));
            return shape = sizes;
        }
    }

    public int Dim => Shape.Length;

    /// <summary>The size of dimension <paramref name="dim"/>; negative counts from the end.</summary>
    public long Size(int dim) => Shape[dim < 0 ? Shape.Length + dim : dim];

    public long NumberOfElements
    {
        get
        {
            long n = 1;
            foreach (var s in Shape) n *= s;
            return n;
        }
    }

    public DType DType
    {
        get
        {
            Native.Check(NativeMethods.sam_tensor_dtype(Handle, out var dtype));
            return (DType)dtype;
        }
    }

    public Device Device
    {
        get
        {
            Native.Check(NativeMethods.sam_tensor_device(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Copies the elements to a new host array (converting nothing: T must match the dtype's size).</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var elementSize = DType.ElementSize();
        if (sizeof(T) != elementSize)
            throw new InvalidOperationException($"cannot read a {DType} tensor as {typeof(T).Name}");
        var result = new T[NumberOfElements];
        fixed (T* p = result) Native.Check(NativeMethods.sam_tensor_copy_to_host(Handle, p, (long)result.Length * elementSize));
        return result;
    }

    /// <summary>Copies the raw bytes of the (contiguous, host) elements into <paramref name="destination"/>.</summary>
    public unsafe void CopyTo(Span<byte> destination)
    {
        fixed (byte* p = destination) Native.Check(NativeMethods.sam_tensor_copy_to_host(Handle, p, destination.Length));
    }

    public double ItemDouble()
    {
        Native.Check(NativeMethods.sam_tensor_item_double(Handle, out var value));
        return value;
    }

    public float ItemFloat() => (float)ItemDouble();

    public long ItemInt64()
    {
        Native.Check(NativeMethods.sam_tensor_item_int64(Handle, out var value));
        return value;
    }

    public Tensor To(DType dtype) => To(dtype, Device);

    public Tensor To(Device device) => To(DType, device);

    public Tensor To(DType dtype, Device device)
    {
        Native.Check(NativeMethods.sam_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, out var result));
        return new Tensor(result);
    }

    /// <summary>Copies <paramref name="source"/>'s values into this tensor, in place (shapes broadcast).</summary>
    public void CopyFrom(Tensor source) => Native.Check(NativeMethods.sam_tensor_copy_inplace(Handle, source.Handle));

    public Tensor Clone() => Wrap(NativeMethods.sam_tensor_clone(Handle, out var r), r);

    public Tensor Contiguous() => Wrap(NativeMethods.sam_tensor_contiguous(Handle, out var r), r);

    /// <summary>The same values, cut from the autograd graph.</summary>
    public Tensor Detach() => Wrap(NativeMethods.sam_tensor_detach(Handle, out var r), r);

    /// <summary>Hands this tensor to the enclosing dispose scope; returns it, for `return x.MoveToOuterDisposeScope();`.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        DisposeScope.Current?.MoveToOuter(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: its owner (a model, a cache) disposes it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        DisposeScope.Current?.Detach(this);
        return this;
    }

    public void Dispose() => Handle.Dispose();

    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}] {DType} {Device}";

    internal static Tensor Wrap(int status, TensorHandle result)
    {
        Native.Check(status);
        return new Tensor(result);
    }
}
