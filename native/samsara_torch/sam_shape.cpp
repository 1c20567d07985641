// Views, reshapes, joins, indexing and sorting.
#include "sam_common.h"

#include <vector>

static std::vector<at::Tensor> tensor_list(const sam_tensor* items, int32_t count) {
  if (count <= 0 || items == nullptr) throw std::invalid_argument("empty tensor list");
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) list.push_back(sam::deref(items[i]));
  return list;
}

SAM_API int32_t sam_tensor_reshape(sam_tensor x, const int64_t* shape, int32_t ndim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).reshape(sam::dims(shape, ndim))))
}

SAM_API int32_t sam_tensor_expand(sam_tensor x, const int64_t* shape, int32_t ndim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).expand(sam::dims(shape, ndim))))
}

SAM_API int32_t sam_tensor_permute(sam_tensor x, const int64_t* dims, int32_t ndim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).permute(sam::dims(dims, ndim))))
}

SAM_API int32_t sam_tensor_transpose(sam_tensor x, int64_t dim0, int64_t dim1, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).transpose(dim0, dim1)))
}

SAM_API int32_t sam_tensor_unsqueeze(sam_tensor x, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).unsqueeze(dim)))
}

SAM_API int32_t sam_tensor_squeeze(sam_tensor x, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).squeeze(dim)))
}

SAM_API int32_t sam_tensor_slice(sam_tensor x, int64_t dim, int64_t start, int64_t end, int64_t step, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).slice(dim, start, end, step)))
}

SAM_API int32_t sam_tensor_select(sam_tensor x, int64_t dim, int64_t index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(sam::deref(x).select(dim, index)))
}

SAM_API int32_t sam_tensor_cat(const sam_tensor* items, int32_t count, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::cat(tensor_list(items, count), dim)))
}

SAM_API int32_t sam_tensor_stack(const sam_tensor* items, int32_t count, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::stack(tensor_list(items, count), dim)))
}

SAM_API int32_t sam_tensor_index_select(sam_tensor x, int64_t dim, sam_tensor index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::index_select(sam::deref(x), dim, sam::deref(index))))
}

SAM_API int32_t sam_tensor_gather(sam_tensor x, int64_t dim, sam_tensor index, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::gather(sam::deref(x), dim, sam::deref(index))))
}

SAM_API int32_t sam_tensor_scatter(sam_tensor x, int64_t dim, sam_tensor index, sam_tensor src, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::scatter(sam::deref(x), dim, sam::deref(index), sam::deref(src))))
}

SAM_API int32_t sam_tensor_repeat_interleave(sam_tensor x, int64_t repeats, int64_t dim, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::repeat_interleave(sam::deref(x), repeats, dim)))
}

SAM_API int32_t sam_tensor_triu(sam_tensor x, int64_t diagonal, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::triu(sam::deref(x), diagonal)))
}

SAM_API int32_t sam_tensor_tril(sam_tensor x, int64_t diagonal, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::tril(sam::deref(x), diagonal)))
}

SAM_API int32_t sam_tensor_topk(sam_tensor x, int64_t k, int64_t dim, sam_tensor* values, sam_tensor* indices) {
  SAM_TRY(
    auto result = at::topk(sam::deref(x), k, dim);
    *values = sam::wrap(std::get<0>(result));
    *indices = sam::wrap(std::get<1>(result)))
}

SAM_API int32_t sam_tensor_sort(sam_tensor x, int64_t dim, int32_t descending, sam_tensor* values, sam_tensor* indices) {
  SAM_TRY(
    auto result = at::sort(sam::deref(x), dim, descending != 0);
    *values = sam::wrap(std::get<0>(result));
    *indices = sam::wrap(std::get<1>(result)))
}

SAM_API int32_t sam_tensor_multinomial(sam_tensor probs, int64_t samples, int32_t replacement, sam_tensor* out) {
  SAM_TRY(*out = sam::wrap(at::multinomial(sam::deref(probs), samples, replacement != 0)))
}
