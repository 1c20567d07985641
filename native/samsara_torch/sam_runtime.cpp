// Process-wide state: the last error, versions, devices, seeding, threads, the live-tensor counter.
#include "sam_common.h"

#include <ATen/Parallel.h>
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <torch/version.h>

namespace sam {

// Training allocates and frees the same large activations every step. With glibc's defaults, blocks past the
// (dynamic) mmap threshold go back to the kernel when freed and the heap top is trimmed, so every step
// page-faults its memory in again: measured, a 4-layer training step took 470 ms instead of 360 ms. Keeping
// blocks up to 32 MiB on the heap and trimming only past 1 GiB of free space removes that; PyTorch's own
// allocation order happened to dodge it. Runs when the library loads; a user's MALLOC_* settings win.
[[maybe_unused]] static const bool malloc_tuned = [] {
#if defined(__GLIBC__)
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr && std::getenv("MALLOC_TRIM_THRESHOLD_") == nullptr) {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  }
#endif
  return true;
}();

static thread_local std::string last_error;

void set_last_error(const std::string& message) { last_error = message; }

std::atomic<int64_t>& live_tensors() {
  static std::atomic<int64_t> count{0};
  return count;
}

at::ScalarType to_scalar_type(int32_t dtype) {
  switch (dtype) {
    case 0: return at::kFloat;
    case 1: return at::kHalf;
    case 2: return at::kBFloat16;
    case 3: return at::kLong;
    case 4: return at::kInt;
    case 5: return at::kBool;
    case 6: return at::kByte;
    case 7: return at::kDouble;
    default: throw std::invalid_argument("unknown dtype code " + std::to_string(dtype));
  }
}

int32_t from_scalar_type(at::ScalarType type) {
  switch (type) {
    case at::kFloat: return 0;
    case at::kHalf: return 1;
    case at::kBFloat16: return 2;
    case at::kLong: return 3;
    case at::kInt: return 4;
    case at::kBool: return 5;
    case at::kByte: return 6;
    case at::kDouble: return 7;
    default: throw std::invalid_argument(std::string("unsupported dtype ") + c10::toString(type));
  }
}

at::Device to_device(int32_t device_type, int32_t device_index) {
  switch (device_type) {
    case 0: return at::Device(at::kCPU);
    case 1: return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device_index));
    default: throw std::invalid_argument("unknown device type " + std::to_string(device_type));
  }
}

at::IntArrayRef dims(const int64_t* values, int32_t count) {
  if (count < 0 || (count > 0 && values == nullptr)) throw std::invalid_argument("bad dimension list");
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

}  // namespace sam

SAM_API const char* sam_last_error() { return sam::last_error.c_str(); }

SAM_API int32_t sam_torch_version(int32_t* major, int32_t* minor, int32_t* patch) {
  SAM_TRY(*major = TORCH_VERSION_MAJOR; *minor = TORCH_VERSION_MINOR; *patch = TORCH_VERSION_PATCH)
}

SAM_API int32_t sam_cuda_device_count(int32_t* count) {
  SAM_TRY(*count = at::hasCUDA() ? static_cast<int32_t>(at::getNumGPUs()) : 0)
}

SAM_API int32_t sam_manual_seed(uint64_t seed) { SAM_TRY(at::manual_seed(seed)) }

SAM_API int32_t sam_set_num_threads(int32_t threads) { SAM_TRY(at::set_num_threads(threads)) }

SAM_API int32_t sam_get_num_threads(int32_t* threads) { SAM_TRY(*threads = at::get_num_threads()) }

SAM_API int32_t sam_live_tensor_count(int64_t* count) { SAM_TRY(*count = sam::live_tensors().load()) }
