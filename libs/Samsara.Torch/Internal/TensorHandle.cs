using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

/// <summary>Owns one native tensor; releasing it frees the native at::Tensor.</summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Passed where the native API takes an optional tensor that is absent.</summary>
    internal static readonly TensorHandle Null = new();

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.sam_tensor_free(handle) == 0;
}
