using Samsara.Torch.Internal;
using static Samsara.Torch.Internal.NativeMethods;

namespace Samsara.Torch;

// Autograd (native/samsara_torch/sam_autograd.cpp).
public sealed partial class Tensor
{
    public bool RequiresGrad
    {
        get
        {
            Native.Check(sam_autograd_requires_grad(Handle, out var requires));
            return requires != 0;
        }
        set => Native.Check(sam_autograd_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>The gradient accumulated by <see cref="Backward"/>, or null before any.</summary>
    public Tensor? Grad
    {
        get
        {
            Native.Check(sam_autograd_grad(Handle, out var r));
            if (!r.IsInvalid) return new Tensor(r);
            r.Dispose();
            return null;
        }
    }

    /// <summary>Forgets the accumulated gradient (PyTorch's zero_grad(set_to_none=True)).</summary>
    public void ZeroGrad() => Native.Check(sam_autograd_zero_grad(Handle));

    /// <summary>Back-propagates from this (scalar, unless <paramref name="gradient"/> is given) tensor.</summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        Native.Check(sam_autograd_backward(Handle, gradient?.Handle ?? TensorHandle.Null, retainGraph ? 1 : 0));
}
