#ifndef POLYGRAPH_SUPPRESSION_H_
#define POLYGRAPH_SUPPRESSION_H_

// Suppressions: findings the author of the input has accepted, with a reason.
// Check() applies them when CheckOptions::apply_suppressions is set (the
// default); hosts that run rules themselves call ApplySuppressions().
//
// Three forms, each naming one or more rule ids and a reason:
//
//   - an inline comment in a YAML or HCL file (.yaml, .yml, .tf, .tfvars),
//     on the finding's line or alone on the line directly above it:
//       CidrIp: 0.0.0.0/0  # polygraph:ignore PG-NET-001 public bastion
//       // polygraph:ignore PG-NET-001, PG-NET-004 reviewed in SEC-12
//       /* polygraph:ignore PG-NET-001 public bastion */
//     "#" comments in YAML and HCL; "//" and "/* */" in HCL only. JSON has
//     no comments. A marker inside a quoted YAML string that looks like a
//     comment ("a # polygraph:ignore ...") is taken as one. The marker must
//     follow the comment opener, with only
//     blanks between; ids are comma-separated; the rest of the comment
//     (after an optional "-" or ":") is the reason.
//   - CloudFormation Metadata on the resource the finding names:
//       Metadata:
//         polygraph:
//           ignore:
//             - {id: PG-NET-001, reason: "public bastion"}
//   - a tag "polygraph:ignore" on that resource whose value is
//     "PG-NET-001 public bastion" (ids comma-separated, then the reason):
//     a CloudFormation Tags list of Key/Value (or a Tags map), a Terraform
//     tags map (read from the text of the resource's block: an entry
//     `"polygraph:ignore" = "..."` anywhere in it).
//
// A suppression without a reason is not honoured and adds a warning
// diagnostic "suppression-without-reason" at the comment, metadata entry or
// tag; an id that is no known rule's adds a warning "suppression-unknown-rule"
// (the other ids of that suppression still apply). Every comment in the
// files analysed and every resource's metadata and tags are checked, whether
// or not a finding is near.
//
// Thread safety: pure functions of their arguments (they read the files
// named by the findings); thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "polygraph/check.h"
#include "polygraph/model.h"

namespace polygraph {

// One suppression as written in the input.
struct SuppressionDirective {
  std::vector<std::string> rule_ids;  // as written, in order
  Suppression suppression;            // kind, reason ("" when absent), where
  // Inline: the line it covers besides its own (its own line + 1 when the
  // comment is alone on its line, else 0). Metadata and tags: 0.
  int covers_next_line = 0;
  // Metadata and tags: the resource's name. Inline: "".
  std::string resource = {};
};

// The inline suppressions in `text`, the content of the file `file` (used
// in locations). Only files whose name ends in .yaml, .yml, .tf or .tfvars
// have any; "//" and "/* */" are honoured in HCL files only.
std::vector<SuppressionDirective> ParseInlineSuppressions(
    std::string_view text, const std::string& file);

// The metadata and tag suppressions of `resource`.
std::vector<SuppressionDirective> ResourceSuppressions(
    const Resource& resource);

// Moves the findings of `result` that a suppression covers to
// result->suppressed (order kept) and appends the warnings above to
// result->diagnostics. Inline comments are read from result->files;
// metadata and tags from `model`, matching a finding to the resource of the
// same name declared in the finding's file (or the only one of that name).
// `known_rule_ids` are the rule ids a suppression may name (every rule, not
// just those selected for the run). A file that cannot be read has no
// inline suppressions. REQUIRES: result != nullptr.
void ApplySuppressions(const Model& model,
                       const std::vector<std::string>& known_rule_ids,
                       CheckResult* result);

}  // namespace polygraph

#endif  // POLYGRAPH_SUPPRESSION_H_
