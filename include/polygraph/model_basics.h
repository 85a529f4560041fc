#ifndef POLYGRAPH_MODEL_BASICS_H_
#define POLYGRAPH_MODEL_BASICS_H_

// Small types every facet of the Model (model.h, network_model.h) uses.
//
// Thread safety: constants and plain value types; thread-compatible.

#include <cstddef>

#include "polygraph/source_location.h"

namespace polygraph {

// An index into Model::resources() that points at nothing: the thing is not
// declared in the files read.
inline constexpr size_t kNoResource = static_cast<size_t>(-1);

// A Boolean setting with where it was set; `set` is false when absent.
struct LocatedBool {
  bool value = false;
  bool set = false;
  SourceLocation location;
};

}  // namespace polygraph

#endif  // POLYGRAPH_MODEL_BASICS_H_
