// Autograd: leaf flags, gradients, backward, and the thread's grad mode.
#include "sam_common.h"

#include <ATen/core/grad_mode.h>

SAM_API int32_t sam_autograd_requires_grad(sam_tensor x, int32_t* requires) {
  SAM_TRY(*requires = sam::deref(x).requires_grad() ? 1 : 0)
}

SAM_API int32_t sam_autograd_set_requires_grad(sam_tensor x, int32_t requires) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.set_requires_grad(requires != 0))
}

// The accumulated gradient, or *out = null when none has been computed yet.
SAM_API int32_t sam_autograd_grad(sam_tensor x, sam_tensor* out) {
  SAM_TRY(
    const at::Tensor& grad = sam::deref(x).grad();
    *out = grad.defined() ? sam::wrap(grad) : nullptr)
}

SAM_API int32_t sam_autograd_zero_grad(sam_tensor x) {
  SAM_TRY(at::Tensor t = sam::deref(x); t.mutable_grad().reset())
}

SAM_API int32_t sam_autograd_backward(sam_tensor x, sam_tensor grad, int32_t retain_graph) {
  SAM_TRY(
    at::Tensor seed;
    if (grad != nullptr) seed = sam::deref(grad);
    sam::deref(x).backward(seed, retain_graph != 0))
}

SAM_API int32_t sam_autograd_set_grad_enabled(int32_t enabled, int32_t* previous) {
  SAM_TRY(*previous = at::GradMode::is_enabled() ? 1 : 0; at::GradMode::set_enabled(enabled != 0))
}
