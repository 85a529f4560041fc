#ifndef POLYGRAPH_LIB_INGEST_PARAMETER_FILES_H_
#define POLYGRAPH_LIB_INGEST_PARAMETER_FILES_H_

// CloudFormation parameter values from files and the command line (see
// LoadOptions::parameters and parameter_files in polygraph/loader.h).
//
// Thread safety: stateless functions; thread-safe.

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// Adds the values of the parameter file `document` (already parsed) to
// `values`, later ones replacing earlier ones. Formats:
//   [{"ParameterKey": "K", "ParameterValue": "V"}, ...]  (create-stack;
//     an entry with "UsePreviousValue": true and no value is skipped)
//   ["K=V", ...]                                         (deploy)
//   {"Parameters": {"K": "V", ...}}                      (CodePipeline)
// Values may be strings, numbers or Booleans (kept as written).
// Errors: InputError at the first value of another shape.
absl::Status AddParameterFile(const Value& document,
                              std::map<std::string, std::string>& values);

// Parses "Name=Value" (the value may contain "="; a list is written as
// "a,b"). Errors: InvalidArgument naming `text` when there is no "=" or
// the name is empty.
absl::StatusOr<std::pair<std::string, std::string>> ParseParameterAssignment(
    std::string_view text);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_PARAMETER_FILES_H_
