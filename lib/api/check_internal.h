#ifndef POLYGRAPH_LIB_API_CHECK_INTERNAL_H_
#define POLYGRAPH_LIB_API_CHECK_INTERNAL_H_

// Check() for callers inside lib/api that also need the model it analysed
// (Diff compares two models), so that nothing is loaded twice.
//
// Thread safety: as Check.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/model.h"

namespace polygraph::internal {

// Exactly Check(paths, options); when the result is OK and `model` is not
// null, the analysed model is moved into `*model`.
absl::StatusOr<CheckResult> CheckKeepingModel(
    const std::vector<std::string>& paths, const CheckOptions& options,
    Model* model);

}  // namespace polygraph::internal

#endif  // POLYGRAPH_LIB_API_CHECK_INTERNAL_H_
