#ifndef POLYGRAPH_LIB_INGEST_PARAMETER_CONSTRAINTS_H_
#define POLYGRAPH_LIB_INGEST_PARAMETER_CONSTRAINTS_H_

// The constraints a CloudFormation parameter declares on its value, checked
// as CloudFormation checks them when a stack is created: AllowedValues,
// AllowedPattern (the whole value; each entry of a list), MinLength and
// MaxLength (String), MinValue and MaxValue and being a number (Number,
// List<Number>).
//
// Thread safety: pure function; thread-safe.

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "polygraph/diagnostic.h"
#include "polygraph/value.h"

namespace polygraph::ingest {

// Whether a parameter of `type` holds a list ("CommaDelimitedList",
// "List<...>"), whose value is comma-separated.
bool IsListParameterType(std::string_view type);

// Checks `value` (as given, or the Default) against the parameter `name`
// declared by `declaration`. `given` says which, for the message.
// Errors: InputError at the constraint `value` breaks, naming the value, or
// at the constraint itself when it is malformed (a bound that is not a
// number). An AllowedPattern that RE2 cannot compile (lookaround and
// backreferences, which CloudFormation's Java patterns allow) is not
// checked: a "not-analysed" note at it says so.
absl::Status CheckParameterValue(std::string_view name,
                                 const Value& declaration,
                                 std::string_view value, bool given,
                                 std::vector<Diagnostic>& diagnostics);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_PARAMETER_CONSTRAINTS_H_
