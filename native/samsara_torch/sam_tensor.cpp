// Tensor lifetime, creation, metadata and host transfer.
#include "sam_common.h"

#include <cstring>

static at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(sam::to_scalar_type(dtype)).device(sam::to_device(device_type, device_index));
}

SAM_API int32_t sam_tensor_free(sam_tensor x) {
  SAM_TRY(if (x != nullptr) {
    delete x;
    sam::live_tensors().fetch_sub(1, std::memory_order_relaxed);
  })
}

// Copies `nbytes` of host memory laid out as a contiguous tensor of `dtype` and `shape` onto the device.
SAM_API int32_t sam_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim,
                                     int32_t dtype, int32_t device_type, int32_t device_index, sam_tensor* out) {
  SAM_TRY(
    auto host = at::empty(sam::dims(shape, ndim), options(dtype, 0, 0));
    const int64_t expected = host.numel() * static_cast<int64_t>(host.element_size());
    if (expected != nbytes)
      throw std::invalid_argument("data holds " + std::to_string(nbytes) + " bytes, shape needs " + std::to_string(expected));
    if (nbytes > 0) std::memcpy(host.data_ptr(), data, static_cast<size_t>(nbytes));
    *out = sam::wrap(device_type == 0 ? host : host.to(sam::to_device(device_type, device_index))))
}

SAM_API int32_t sam_tensor_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                                 int32_t device_index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::empty(sam::dims(shape, ndim), options(dtype, device_type, device_index))))
}

SAM_API int32_t sam_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype,
                                int32_t device_type, int32_t device_index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::full(sam::dims(shape, ndim), value, options(dtype, device_type, device_index))))
}

SAM_API int32_t sam_tensor_arange(double start, double end, double step, int32_t dtype, int32_t device_type,
                                  int32_t device_index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::arange(start, end, step, options(dtype, device_type, device_index))))
}

SAM_API int32_t sam_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                                 int32_t device_index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::randn(sam::dims(shape, ndim), options(dtype, device_type, device_index))))
}

SAM_API int32_t sam_tensor_rand(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                                int32_t device_index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::rand(sam::dims(shape, ndim), options(dtype, device_type, device_index))))
}

SAM_API int32_t sam_tensor_ndim(sam_tensor x, int32_t* ndim) { SAM_TRY(*ndim = static_cast<int32_t>(sam::deref(x).dim())) }

SAM_API int32_t sam_tensor_shape(sam_tensor x, int64_t* shape, int32_t capacity) {
  SAM_TRY(
    const auto sizes = sam::deref(x).sizes();
    if (static_cast<int64_t>(sizes.size()) > capacity) throw std::invalid_argument("shape buffer too small");
    for (size_t i = 0; i < sizes.size(); ++i) shape[i] = sizes[i])
}

SAM_API int32_t sam_tensor_dtype(sam_tensor x, int32_t* dtype) { SAM_TRY(*dtype = sam::from_scalar_type(sam::deref(x).scalar_type())) }

SAM_API int32_t sam_tensor_device(sam_tensor x, int32_t* device_type, int32_t* device_index) {
  SAM_TRY(
    const auto device = sam::deref(x).device();
    *device_type = device.is_cuda() ? 1 : 0;
    *device_index = device.has_index() ? device.index() : 0)
}

// Copies the tensor's elements (made contiguous, on the host) into `data`, which must hold exactly nbytes.
SAM_API int32_t sam_tensor_copy_to_host(sam_tensor x, void* data, int64_t nbytes) {
  SAM_TRY(
    auto host = sam::deref(x).detach().to(at::kCPU).contiguous();
    const int64_t size = host.numel() * static_cast<int64_t>(host.element_size());
    if (size != nbytes) throw std::invalid_argument("tensor holds " + std::to_string(size) + " bytes, buffer " + std::to_string(nbytes));
    if (nbytes > 0) std::memcpy(data, host.data_ptr(), static_cast<size_t>(nbytes)))
}

SAM_API int32_t sam_tensor_item_double(sam_tensor x, double* value) { SAM_TRY(*value = sam::deref(x).item<double>()) }

SAM_API int32_t sam_tensor_item_int64(sam_tensor x, int64_t* value) { SAM_TRY(*value = sam::deref(x).item<int64_t>()) }

SAM_API int32_t sam_tensor_to(sam_tensor x, int32_t dtype, int32_t device_type, int32_t device_index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).to(sam::to_device(device_type, device_index), sam::to_scalar_type(dtype))))
}

SAM_API int32_t sam_tensor_copy_inplace(sam_tensor dst, sam_tensor src) {
  SAM_TRY(at::Tensor target = sam::deref(dst); target.copy_(sam::deref(src)))
}

SAM_UNARY(clone, x.clone())
SAM_UNARY(contiguous, x.contiguous())
SAM_UNARY(detach, x.detach())
