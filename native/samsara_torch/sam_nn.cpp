// Neural-network building blocks: linear layers, embeddings, softmax, attention.
#include "sam_common.h"

#include <torch/version.h>

#include <cmath>

SAM_API int32_t sam_nn_linear(sam_tensor x, sam_tensor weight, sam_tensor bias, sam_tensor* out) {
  SAM_TRY(
    c10::optional<at::Tensor> b;
    if (bias != nullptr) b = sam::deref(bias);
    *out = sam::wrap(at::linear(sam::deref(x), sam::deref(weight), b)))
}

SAM_API int32_t sam_nn_embedding(sam_tensor weight, sam_tensor ids, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::embedding(sam::deref(weight), sam::deref(ids))))
}

SAM_API int32_t sam_nn_softmax(sam_tensor x, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::softmax(sam::deref(x), dim)))
}

SAM_API int32_t sam_nn_log_softmax(sam_tensor x, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::log_softmax(sam::deref(x), dim)))
}

// softmax(q·kᵀ·scale + mask)·v over (B, H, T, D) tensors. `mask` is additive (0 / -inf), broadcastable to
// (B, H, T, S), or null; `is_causal` applies the lower-triangular mask aligned to the end of the keys.
// libtorch ≥ 2.1 has the fused kernel with a scale argument (flash / memory-efficient on CUDA); older
// versions get the same math composed.
SAM_API int32_t sam_nn_scaled_dot_product_attention(sam_tensor q_, sam_tensor k_, sam_tensor v_, sam_tensor mask_,
                                                    int32_t is_causal, double scale, sam_tensor* out) {
  SAM_TRY(
    const at::Tensor& q = sam::deref(q_);
    const at::Tensor& k = sam::deref(k_);
    const at::Tensor& v = sam::deref(v_);
    c10::optional<at::Tensor> mask;
    if (mask_ != nullptr) mask = sam::deref(mask_);
    if (is_causal && mask.has_value()) throw std::invalid_argument("attention takes a mask or is_causal, not both");
    if (q.size(-2) == 1) is_causal = 0;  // one query at the end of the keys sees them all
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
    // The fused kernel's is_causal aligns to the top-left corner, which is only right when T == S.
    if (is_causal && q.size(-2) != k.size(-2)) {
      auto keep = at::ones({q.size(-2), k.size(-2)}, q.options().dtype(at::kBool)).tril(k.size(-2) - q.size(-2));
      mask = at::zeros({q.size(-2), k.size(-2)}, q.options()).masked_fill(keep.logical_not(), -INFINITY);
      is_causal = 0;
    }
    *out = sam::wrap(at::scaled_dot_product_attention(q, k, v, mask, 0.0, is_causal != 0, scale));
#else
    auto scores = at::matmul(q, k.transpose(-2, -1)) * scale;  // (B, H, T, S)
    if (is_causal) {
      auto keep = at::ones({q.size(-2), k.size(-2)}, q.options().dtype(at::kBool)).tril(k.size(-2) - q.size(-2));
      scores = scores.masked_fill(keep.logical_not(), -INFINITY);
    }
    if (mask.has_value()) scores = scores + *mask;
    *out = sam::wrap(at::matmul(at::softmax(scores, -1), v));
#endif
  )
}
