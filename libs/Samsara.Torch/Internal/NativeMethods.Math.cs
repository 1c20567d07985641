using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

// P/Invoke declarations for native/samsara_torch/sam_math.cpp; every function returns a status for Native.Check.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_add(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sub(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_mul(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_div(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_pow(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_matmul(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_maximum(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_minimum(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_eq(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_ne(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_lt(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_le(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_gt(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_ge(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_logical_and(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_logical_or(TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_add_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_mul_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_rsub_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_div_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_pow_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_eq_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_lt_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_gt_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_ge_scalar(TensorHandle x, double scalar, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_neg(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_abs(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_exp(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_log(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sqrt(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_rsqrt(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sigmoid(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_log_sigmoid(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_tanh(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_relu(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_silu(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_cos(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sin(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_logical_not(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_isfinite(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sum_all(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_mean_all(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_max_all(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_sum(TensorHandle x, long* dims, int ndims, int keepdim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_mean(TensorHandle x, long* dims, int ndims, int keepdim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_amax(TensorHandle x, long dim, int keepdim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_argmax(TensorHandle x, long dim, int keepdim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_logsumexp(TensorHandle x, long dim, int keepdim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_cumsum(TensorHandle x, long dim, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_norm(TensorHandle x, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_clamp(TensorHandle x, double min, double max, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_where(TensorHandle condition, TensorHandle a, TensorHandle b, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_masked_fill(TensorHandle x, TensorHandle mask, double value, out TensorHandle result);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_add_inplace(TensorHandle x, TensorHandle y, double alpha);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_mul_scalar_inplace(TensorHandle x, double scalar);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_addcmul_inplace(TensorHandle x, TensorHandle a, TensorHandle b, double value);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_addcdiv_inplace(TensorHandle x, TensorHandle a, TensorHandle b, double value);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_lerp_inplace(TensorHandle x, TensorHandle end, double weight);
    [LibraryImport(Native.Library)] internal static partial int sam_tensor_zero_inplace(TensorHandle x);
}
