#ifndef POLYGRAPH_LIB_TERRAFORM_FUNCTIONS_INTERNAL_H_
#define POLYGRAPH_LIB_TERRAFORM_FUNCTIONS_INTERNAL_H_

// Shared pieces of the built-in function implementations (functions*.cc):
// the call being made, argument conversion with Terraform's implicit
// conversions, error texts, and each file's table of functions.
//
// Thread safety: pure functions over their arguments; thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "terraform/functions.h"
#include "terraform/value.h"

namespace polygraph::terraform::functions_internal {

// One call of a built-in function. `args` already has an accepted count.
struct Call {
  std::string_view name;
  std::vector<TfValue>& args;
  const FunctionContext& context;
  const SourceLocation& location;
};

using Implementation = absl::StatusOr<TfValue> (*)(Call& call);

struct FunctionSpec {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number
  // False: the dispatcher returns an unknown when any argument is not wholly
  // known. True: the implementation decides (Terraform knows some results
  // regardless of unknown elements).
  bool handles_unknowns;
  Implementation implementation;
};

std::span<const FunctionSpec> CollectionFunctions();
std::span<const FunctionSpec> StringFunctions();
std::span<const FunctionSpec> EncodingFunctions();
std::span<const FunctionSpec> NumberFunctions();
std::span<const FunctionSpec> HashFunctions();
std::span<const FunctionSpec> TimeFunctions();
// format and formatlist (functions_format.cc), listed by StringFunctions.
absl::StatusOr<TfValue> Format(Call& call);
absl::StatusOr<TfValue> FormatList(Call& call);

// "Invalid function argument: <name>: <message>".
absl::Status ArgumentError(const Call& call, absl::string_view message);
// The unknown "<name>(...)" located at the call.
TfValue UnknownResult(const Call& call);

// Terraform's implicit conversions of argument `index` (0-based; messages
// count from 1). Null is an error ("argument 2 must not be null").
// String: strings, numbers and bools. Number: numbers and decimal strings.
// Integer: a whole number. Bool: bools and "true"/"false".
absl::StatusOr<std::string> StringArg(const Call& call, size_t index);
absl::StatusOr<double> NumberArg(const Call& call, size_t index);
absl::StatusOr<int64_t> IntegerArg(const Call& call, size_t index);
absl::StatusOr<bool> BoolArg(const Call& call, size_t index);
// Argument `index` must be a list (list, tuple or set).
absl::Status RequireList(const Call& call, size_t index);
// Argument `index` must be an object (object or map).
absl::Status RequireObject(const Call& call, size_t index);

// Conversions of a single value, with "cannot convert ..." messages.
absl::StatusOr<std::string> ConvertToString(const TfValue& value);
absl::StatusOr<double> ConvertToNumber(const TfValue& value);
absl::StatusOr<bool> ConvertToBool(const TfValue& value);
// A decimal number as Terraform reads it ("8", "-1.5", "1e3").
bool ParseDecimal(std::string_view text, double& number);

// A total order for set elements: by kind, then numbers numerically,
// strings bytewise, others by their JSON encoding.
bool SetLess(const TfValue& a, const TfValue& b);
// Terraform's set: the elements sorted and deduplicated.
TfValue MakeSet(std::vector<TfValue> items, const SourceLocation& location);
// Equality as Terraform compares elements for contains/index: equal
// values, or a string equal to the other's text (implicit conversion).
bool LooselyEqual(const TfValue& a, const TfValue& b);

// Terraform's jsonencode of a wholly known value: keys sorted, compact,
// "<", ">", "&" escaped as \u003c, \u003e, \u0026.
std::string JsonEncode(const TfValue& value);
// Appends `text` as a JSON string the way Go's encoding/json writes it (as
// Terraform and the AWS provider do): <, > and & as \u003c..., U+2028 and
// U+2029 escaped, invalid UTF-8 as \ufffd.
void AppendJsonString(std::string_view text, std::string& out);

// `path` as file() reads it: relative paths are taken from the module's
// folder.
std::string ModulePath(const FunctionContext& context, const std::string& path);
// The bytes of the file argument 0 names, through the context; `unknown`
// set when the context cannot read files. A missing file is NotFound.
absl::StatusOr<std::string> ReadFileBytes(Call& call, bool& unknown);

// The value with every location (nested too) set to `location`.
TfValue Relocated(TfValue value, const SourceLocation& location);

// The byte offset of each Unicode code point of UTF-8 `text`, then
// text.size() (so the count of code points is the size minus one).
std::vector<size_t> CodePointOffsets(std::string_view text);

}  // namespace polygraph::terraform::functions_internal

#endif  // POLYGRAPH_LIB_TERRAFORM_FUNCTIONS_INTERNAL_H_
