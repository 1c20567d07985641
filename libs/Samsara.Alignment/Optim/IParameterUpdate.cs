using static TorchSharp.torch;

namespace Samsara.Alignment.Optim;

/// <summary>
/// One parameter's optimizer state and the update that reads and advances it. Every number an update hands to a
/// TorchSharp method taking a Scalar is an explicit Scalar, alive through the call (see ScalarMath for why).
/// </summary>
internal interface IParameterUpdate : IDisposable
{
    /// <summary>Updates applied to this parameter (bias correction counts them).</summary>
    long Step { get; set; }

    /// <summary>The state tensors by checkpoint slot name ("exp_avg", …); the update's own, updated in place.</summary>
    IEnumerable<(string Slot, Tensor Tensor)> Slots { get; }

    /// <summary>Updates the parameter in place from <paramref name="grad"/> at rate <paramref name="lr"/>; call under no_grad.</summary>
    void Apply(Tensor grad, double lr);
}
