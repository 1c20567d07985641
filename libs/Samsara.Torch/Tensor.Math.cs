using Samsara.Torch.Internal;
using static Samsara.Torch.Internal.NativeMethods;

namespace Samsara.Torch;

// Arithmetic, comparisons, reductions and in-place updates (native/samsara_torch/sam_math.cpp).
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Wrap(sam_tensor_add(a.Handle, b.Handle, out var r), r);
    public static Tensor operator -(Tensor a, Tensor b) => Wrap(sam_tensor_sub(a.Handle, b.Handle, out var r), r);
    public static Tensor operator *(Tensor a, Tensor b) => Wrap(sam_tensor_mul(a.Handle, b.Handle, out var r), r);
    public static Tensor operator /(Tensor a, Tensor b) => Wrap(sam_tensor_div(a.Handle, b.Handle, out var r), r);
    public static Tensor operator +(Tensor a, double s) => Wrap(sam_tensor_add_scalar(a.Handle, s, out var r), r);
    public static Tensor operator +(double s, Tensor a) => a + s;
    public static Tensor operator -(Tensor a, double s) => a + -s;
    public static Tensor operator -(double s, Tensor a) => Wrap(sam_tensor_rsub_scalar(a.Handle, s, out var r), r);
    public static Tensor operator *(Tensor a, double s) => Wrap(sam_tensor_mul_scalar(a.Handle, s, out var r), r);
    public static Tensor operator *(double s, Tensor a) => a * s;
    public static Tensor operator /(Tensor a, double s) => Wrap(sam_tensor_div_scalar(a.Handle, s, out var r), r);
    public static Tensor operator -(Tensor a) => Wrap(sam_tensor_neg(a.Handle, out var r), r);

    public Tensor Matmul(Tensor other) => Wrap(sam_tensor_matmul(Handle, other.Handle, out var r), r);
    public Tensor Pow(double exponent) => Wrap(sam_tensor_pow_scalar(Handle, exponent, out var r), r);
    public Tensor Pow(Tensor exponent) => Wrap(sam_tensor_pow(Handle, exponent.Handle, out var r), r);
    public Tensor Maximum(Tensor other) => Wrap(sam_tensor_maximum(Handle, other.Handle, out var r), r);
    public Tensor Minimum(Tensor other) => Wrap(sam_tensor_minimum(Handle, other.Handle, out var r), r);

    public Tensor Abs() => Wrap(sam_tensor_abs(Handle, out var r), r);
    public Tensor Exp() => Wrap(sam_tensor_exp(Handle, out var r), r);
    public Tensor Log() => Wrap(sam_tensor_log(Handle, out var r), r);
    public Tensor Sqrt() => Wrap(sam_tensor_sqrt(Handle, out var r), r);
    public Tensor Rsqrt() => Wrap(sam_tensor_rsqrt(Handle, out var r), r);
    public Tensor Sigmoid() => Wrap(sam_tensor_sigmoid(Handle, out var r), r);
    public Tensor LogSigmoid() => Wrap(sam_tensor_log_sigmoid(Handle, out var r), r);
    public Tensor Tanh() => Wrap(sam_tensor_tanh(Handle, out var r), r);
    public Tensor Relu() => Wrap(sam_tensor_relu(Handle, out var r), r);
    public Tensor Silu() => Wrap(sam_tensor_silu(Handle, out var r), r);
    public Tensor Cos() => Wrap(sam_tensor_cos(Handle, out var r), r);
    public Tensor Sin() => Wrap(sam_tensor_sin(Handle, out var r), r);
    public Tensor IsFinite() => Wrap(sam_tensor_isfinite(Handle, out var r), r);
    public Tensor LogicalNot() => Wrap(sam_tensor_logical_not(Handle, out var r), r);
    public Tensor LogicalAnd(Tensor other) => Wrap(sam_tensor_logical_and(Handle, other.Handle, out var r), r);
    public Tensor LogicalOr(Tensor other) => Wrap(sam_tensor_logical_or(Handle, other.Handle, out var r), r);

    public Tensor Eq(Tensor other) => Wrap(sam_tensor_eq(Handle, other.Handle, out var r), r);
    public Tensor Ne(Tensor other) => Wrap(sam_tensor_ne(Handle, other.Handle, out var r), r);
    public Tensor Lt(Tensor other) => Wrap(sam_tensor_lt(Handle, other.Handle, out var r), r);
    public Tensor Le(Tensor other) => Wrap(sam_tensor_le(Handle, other.Handle, out var r), r);
    public Tensor Gt(Tensor other) => Wrap(sam_tensor_gt(Handle, other.Handle, out var r), r);
    public Tensor Ge(Tensor other) => Wrap(sam_tensor_ge(Handle, other.Handle, out var r), r);
    public Tensor Eq(double value) => Wrap(sam_tensor_eq_scalar(Handle, value, out var r), r);
    public Tensor Lt(double value) => Wrap(sam_tensor_lt_scalar(Handle, value, out var r), r);
    public Tensor Gt(double value) => Wrap(sam_tensor_gt_scalar(Handle, value, out var r), r);
    public Tensor Ge(double value) => Wrap(sam_tensor_ge_scalar(Handle, value, out var r), r);

    public Tensor Sum() => Wrap(sam_tensor_sum_all(Handle, out var r), r);
    public Tensor Mean() => Wrap(sam_tensor_mean_all(Handle, out var r), r);
    public Tensor Max() => Wrap(sam_tensor_max_all(Handle, out var r), r);

    public unsafe Tensor Sum(long dim, bool keepDim = false)
    {
        TensorHandle r;
        Native.Check(sam_tensor_sum(Handle, &dim, 1, keepDim ? 1 : 0, out r));
        return new Tensor(r);
    }

    public unsafe Tensor Mean(long dim, bool keepDim = false)
    {
        TensorHandle r;
        Native.Check(sam_tensor_mean(Handle, &dim, 1, keepDim ? 1 : 0, out r));
        return new Tensor(r);
    }

    public Tensor Amax(long dim, bool keepDim = false) => Wrap(sam_tensor_amax(Handle, dim, keepDim ? 1 : 0, out var r), r);
    public Tensor Argmax(long dim, bool keepDim = false) => Wrap(sam_tensor_argmax(Handle, dim, keepDim ? 1 : 0, out var r), r);
    public Tensor LogSumExp(long dim, bool keepDim = false) => Wrap(sam_tensor_logsumexp(Handle, dim, keepDim ? 1 : 0, out var r), r);
    public Tensor CumSum(long dim) => Wrap(sam_tensor_cumsum(Handle, dim, out var r), r);

    /// <summary>The L2 norm of all elements, computed in float32.</summary>
    public Tensor Norm() => Wrap(sam_tensor_norm(Handle, out var r), r);

    public Tensor Clamp(double min, double max) => Wrap(sam_tensor_clamp(Handle, min, max, out var r), r);
    public Tensor MaskedFill(Tensor mask, double value) => Wrap(sam_tensor_masked_fill(Handle, mask.Handle, value, out var r), r);

    /// <summary>Element-wise choice: this where <paramref name="condition"/> holds, else <paramref name="other"/>.</summary>
    public Tensor Where(Tensor condition, Tensor other) => Wrap(sam_tensor_where(condition.Handle, Handle, other.Handle, out var r), r);

    // In place, outside autograd: what optimizers do to parameters and their state.
    public void AddInPlace(Tensor other, double alpha = 1) => Native.Check(sam_tensor_add_inplace(Handle, other.Handle, alpha));
    public void MulInPlace(double scalar) => Native.Check(sam_tensor_mul_scalar_inplace(Handle, scalar));
    public void AddcmulInPlace(Tensor a, Tensor b, double value) => Native.Check(sam_tensor_addcmul_inplace(Handle, a.Handle, b.Handle, value));
    public void AddcdivInPlace(Tensor a, Tensor b, double value) => Native.Check(sam_tensor_addcdiv_inplace(Handle, a.Handle, b.Handle, value));
    public void LerpInPlace(Tensor end, double weight) => Native.Check(sam_tensor_lerp_inplace(Handle, end.Handle, weight));
    public void ZeroInPlace() => Native.Check(sam_tensor_zero_inplace(Handle));
}
