// Element-wise arithmetic, comparisons, reductions and the in-place updates optimizers need.
#include "sam_common.h"

SAM_BINARY(add, a + b)
SAM_BINARY(sub, a - b)
SAM_BINARY(mul, a * b)
SAM_BINARY(div, a / b)
SAM_BINARY(pow, at::pow(a, b))
SAM_BINARY(matmul, at::matmul(a, b))
SAM_BINARY(maximum, at::maximum(a, b))
SAM_BINARY(minimum, at::minimum(a, b))
SAM_BINARY(eq, at::eq(a, b))
SAM_BINARY(ne, at::ne(a, b))
SAM_BINARY(lt, at::lt(a, b))
SAM_BINARY(le, at::le(a, b))
SAM_BINARY(gt, at::gt(a, b))
SAM_BINARY(ge, at::ge(a, b))
SAM_BINARY(logical_and, at::logical_and(a, b))
SAM_BINARY(logical_or, at::logical_or(a, b))

SAM_SCALAR(add_scalar, x + s)
SAM_SCALAR(mul_scalar, x * s)
SAM_SCALAR(rsub_scalar, s - x)
SAM_SCALAR(div_scalar, x / s)
SAM_SCALAR(pow_scalar, at::pow(x, s))
SAM_SCALAR(eq_scalar, at::eq(x, s))
SAM_SCALAR(lt_scalar, at::lt(x, s))
SAM_SCALAR(gt_scalar, at::gt(x, s))
SAM_SCALAR(ge_scalar, at::ge(x, s))

SAM_UNARY(neg, at::neg(x))
SAM_UNARY(abs, at::abs(x))
SAM_UNARY(exp, at::exp(x))
SAM_UNARY(log, at::log(x))
SAM_UNARY(sqrt, at::sqrt(x))
SAM_UNARY(rsqrt, at::rsqrt(x))
SAM_UNARY(sigmoid, at::sigmoid(x))
SAM_UNARY(log_sigmoid, at::log_sigmoid(x))
SAM_UNARY(tanh, at::tanh(x))
SAM_UNARY(relu, at::relu(x))
SAM_UNARY(silu, at::silu(x))
SAM_UNARY(cos, at::cos(x))
SAM_UNARY(sin, at::sin(x))
SAM_UNARY(logical_not, at::logical_not(x))
SAM_UNARY(isfinite, at::isfinite(x))
SAM_UNARY(sum_all, x.sum())
SAM_UNARY(mean_all, x.mean())
SAM_UNARY(max_all, x.max())

SAM_API int32_t sam_tensor_sum(sam_tensor x, const int64_t* dims, int32_t ndims, int32_t keepdim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).sum(sam::dims(dims, ndims), keepdim != 0)))
}

SAM_API int32_t sam_tensor_mean(sam_tensor x, const int64_t* dims, int32_t ndims, int32_t keepdim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).mean(sam::dims(dims, ndims), keepdim != 0)))
}

SAM_API int32_t sam_tensor_amax(sam_tensor x, int64_t dim, int32_t keepdim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::amax(sam::deref(x), {dim}, keepdim != 0)))
}

SAM_API int32_t sam_tensor_argmax(sam_tensor x, int64_t dim, int32_t keepdim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::argmax(sam::deref(x), dim, keepdim != 0)))
}

SAM_API int32_t sam_tensor_logsumexp(sam_tensor x, int64_t dim, int32_t keepdim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::logsumexp(sam::deref(x), {dim}, keepdim != 0)))
}

SAM_API int32_t sam_tensor_cumsum(sam_tensor x, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::cumsum(sam::deref(x), dim)))
}

// The L2 norm of all elements, in fp32 (what gradient clipping needs).
SAM_API int32_t sam_tensor_norm(sam_tensor x, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::norm(sam::deref(x).to(at::kFloat))))
}

SAM_API int32_t sam_tensor_clamp(sam_tensor x, double min, double max, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::clamp(sam::deref(x), min, max)))
}

SAM_API int32_t sam_tensor_where(sam_tensor condition, sam_tensor a, sam_tensor b, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::where(sam::deref(condition), sam::deref(a), sam::deref(b))))
}

SAM_API int32_t sam_tensor_masked_fill(sam_tensor x, sam_tensor mask, double value, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).masked_fill(sam::deref(mask), value)))
}

// In-place updates (suffix _inplace), for optimizers working on parameters outside autograd.
SAM_API int32_t sam_tensor_add_inplace(sam_tensor x, sam_tensor y, double alpha) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.add_(sam::deref(y), alpha))
}

SAM_API int32_t sam_tensor_mul_scalar_inplace(sam_tensor x, double s) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.mul_(s))
}

SAM_API int32_t sam_tensor_addcmul_inplace(sam_tensor x, sam_tensor a, sam_tensor b, double value) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.addcmul_(sam::deref(a), sam::deref(b), value))
}

SAM_API int32_t sam_tensor_addcdiv_inplace(sam_tensor x, sam_tensor a, sam_tensor b, double value) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.addcdiv_(sam::deref(a), sam::deref(b), value))
}

SAM_API int32_t sam_tensor_lerp_inplace(sam_tensor x, sam_tensor end, double weight) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.lerp_(sam::deref(end), weight))
}

SAM_API int32_t sam_tensor_zero_inplace(sam_tensor x) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.zero_())
}
