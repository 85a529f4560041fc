#ifndef POLYGRAPH_LIB_TERRAFORM_FUNCTIONS_H_
#define POLYGRAPH_LIB_TERRAFORM_FUNCTIONS_H_

// Terraform's built-in functions over TfValues, with Terraform's results:
// the CIDR functions (cidrsubnet, cidrsubnets, cidrhost, cidrnetmask, via
// polygraph/cidr_functions.h), collections (concat, flatten, merge, lookup,
// element, length, keys, values, zipmap, distinct, contains, range,
// coalesce, coalescelist, compact, slice, reverse, sort, setunion,
// setintersection, setproduct, chunklist, one, index, transpose, sum,
// alltrue, anytrue), strings (format, formatlist, join, split, replace
// (regex form via RE2), lower, upper, title, trimspace, trim, trimprefix,
// trimsuffix, substr, startswith, endswith, strcontains, regex, regexall),
// numbers (min, max, abs, ceil, floor, pow, parseint, signum), encoding
// (jsonencode, jsondecode, yamlencode, base64encode, base64decode,
// urlencode), type conversion (tolist, toset, tomap, tostring, tonumber,
// tobool), files (file, fileexists, templatefile via the context), and
// those real modules use beside: paths (basename, dirname), hashes (md5,
// sha1, sha256, base64sha256, filemd5, filesha1, filesha256, filebase64,
// filebase64sha256), chomp, indent, strrev, log, sensitive, nonsensitive,
// yamldecode, timeadd, formatdate, and timestamp, plantimestamp, uuid
// (always unknown: new at every run) and fileset (unknown: the context
// cannot list folders).
// try and can take unevaluated arguments and belong to the evaluator.
//
// Unknowns: a function whose result depends on an unknown argument returns
// an unknown (text "<name>(...)") located at the call, never a guess; where
// Terraform's result is known regardless (length of a list whose elements
// are unknown, concat of known lists) it is computed.
//
// Thread safety: thread-safe (the context's callbacks must be too).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "terraform/value.h"

namespace polygraph::terraform {

struct FunctionContext {
  // The module's folder (path.module), for file() and templatefile().
  std::string module_dir = {};
  // Reads a file for file(), fileexists() and templatefile(); relative
  // paths are taken from module_dir by the caller. Null: those functions
  // return unknowns.
  std::function<absl::StatusOr<std::string>(const std::string& path)>
      read_file = {};
  // Renders a template file's text with `variables` (an object) for
  // templatefile(). Null: templatefile returns an unknown.
  std::function<absl::StatusOr<TfValue>(const std::string& text,
                                        const std::string& path,
                                        const TfValue& variables)>
      render_template = {};
};

// True when `name` is a function CallFunction knows.
bool IsKnownFunction(std::string_view name);

// Calls `name` with evaluated `arguments`; the result is located at
// `location`. A file function naming a file that does not exist gives
// NotFound ("file: no file exists at \"x.js\""). Other errors: InvalidArgument
// with Terraform's kind of message and no location prefix (the caller adds it):
// "Invalid function argument: cidrsubnet: argument 1 must be a string, got
// number", "Too many function arguments: join takes 2, got 3", "Call to unknown
// function: foo".
absl::StatusOr<TfValue> CallFunction(std::string_view name,
                                     std::vector<TfValue> arguments,
                                     const FunctionContext& context,
                                     const SourceLocation& location);

}  // namespace polygraph::terraform

#endif  // POLYGRAPH_LIB_TERRAFORM_FUNCTIONS_H_
