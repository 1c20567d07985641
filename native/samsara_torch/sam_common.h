// Shared plumbing of the samsara_torch C ABI.
//
// Every export is `SAM_API int32_t sam_<area>_<op>(…)`: 0 on success, 1 on failure with the message kept
// for sam_last_error(). SAM_TRY turns every C++ exception into that status, so none crosses the boundary.
// Tensors cross as opaque `sam_tensor` pointers to a heap-allocated at::Tensor, owned by the caller and
// released with sam_tensor_free; a live counter lets tests prove nothing leaks.
#pragma once

#include <ATen/ATen.h>
#include <atomic>
#include <cstdint>
#include <string>

#define SAM_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* sam_tensor;

namespace sam {

enum Status : int32_t { kOk = 0, kError = 1 };

void set_last_error(const std::string& message);
std::atomic<int64_t>& live_tensors();

// Takes ownership of a tensor value and hands the caller a new handle.
inline sam_tensor wrap(at::Tensor value) {
  live_tensors().fetch_add(1, std::memory_order_relaxed);
  return new at::Tensor(std::move(value));
}

inline const at::Tensor& deref(sam_tensor handle) {
  if (handle == nullptr) throw std::invalid_argument("null tensor handle");
  return *handle;
}

// Samsara's dtype codes (Samsara.Torch.DType); stable across libtorch versions, unlike c10::ScalarType.
at::ScalarType to_scalar_type(int32_t dtype);
int32_t from_scalar_type(at::ScalarType type);
at::Device to_device(int32_t device_type, int32_t device_index);
at::IntArrayRef dims(const int64_t* values, int32_t count);

}  // namespace sam

#define SAM_TRY(body)                                                     \
  try {                                                                   \
    body;                                                                 \
    return sam::kOk;                                                      \
  } catch (const c10::Error& e) {                                         \
    sam::set_last_error(e.what_without_backtrace());                      \
  } catch (const std::exception& e) {                                     \
    sam::set_last_error(e.what());                                        \
  } catch (...) {                                                         \
    sam::set_last_error("unknown C++ exception in samsara_torch");        \
  }                                                                       \
  return sam::kError;

// One-tensor-in, one-tensor-out exports, the bulk of the ABI.
#define SAM_UNARY(name, expr)                                             \
  SAM_API int32_t sam_tensor_##name(sam_tensor x_, sam_tensor* out) {     \
    SAM_TRY(const at::Tensor& x = sam::deref(x_); *out = sam::wrap(expr)) \
  }

#define SAM_BINARY(name, expr)                                                          \
  SAM_API int32_t sam_tensor_##name(sam_tensor a_, sam_tensor b_, sam_tensor* out) {    \
    SAM_TRY(const at::Tensor& a = sam::deref(a_); const at::Tensor& b = sam::deref(b_); \
            *out = sam::wrap(expr))                                                     \
  }

#define SAM_SCALAR(name, expr)                                                     \
  SAM_API int32_t sam_tensor_##name(sam_tensor x_, double s, sam_tensor* out) {    \
    SAM_TRY(const at::Tensor& x = sam::deref(x_); *out = sam::wrap(expr))          \
  }
