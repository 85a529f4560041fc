#ifndef POLYGRAPH_RULES_H_
#define POLYGRAPH_RULES_H_

// Rules: metadata (rules/<domain>/<ID>.yaml, compiled into the library) and
// the checks that decide them over a Model.
//
//   absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
//   std::vector<Finding> findings = rules->Run(model);
//
// Thread safety: RuleSet is immutable after construction and thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/model.h"
#include "polygraph/source_location.h"

namespace polygraph {

struct RuleInfo {
  std::string id;  // PG-<DOMAIN>-<NNN>
  std::string title;
  // The severity of the rule's findings. A check may raise it for a finding
  // where its rationale says so (PG-NET-001: SSH, RDP, all traffic).
  Severity severity = Severity::kMedium;
  std::string category;  // e.g. "iam", "network", "storage"
  std::string rationale;
  std::string remediation;
  // Guide sections, then AWS documentation URLs.
  std::vector<std::string> references;
  std::string check;  // name of the C++ check that decides the rule
  // Of the metadata file, e.g. "rules/iam/PG-IAM-001.yaml" line 1.
  SourceLocation location;
};

class RuleSet {
 public:
  // The built-in rule pack. Fails only if the compiled-in metadata is
  // malformed or names an unknown check (a build defect, caught by tests).
  static absl::StatusOr<RuleSet> Builtin();

  // Copyable and movable: metadata only.
  RuleSet(const RuleSet&) = default;
  RuleSet& operator=(const RuleSet&) = default;
  RuleSet(RuleSet&&) = default;
  RuleSet& operator=(RuleSet&&) = default;

  // Sorted by id.
  const std::vector<RuleInfo>& rules() const { return rules_; }
  // nullptr when no rule has that id.
  const RuleInfo* Find(std::string_view id) const;

  // The rules whose ids are in `only` (every rule when `only` is empty),
  // less those in `skip`. Errors: InvalidArgument naming the first id that
  // is no rule's.
  absl::StatusOr<RuleSet> Select(const std::vector<std::string>& only,
                                 const std::vector<std::string>& skip) const;

  // Runs every rule over `model`; findings sorted by file, line, column, id.
  // What a check could not decide (a bucket policy that does not compile,
  // say) is appended to `diagnostics` when it is not null, once each; the
  // rest is still decided.
  std::vector<Finding> Run(
      const Model& model, std::vector<Diagnostic>* diagnostics = nullptr) const;

 private:
  RuleSet() = default;
  std::vector<RuleInfo> rules_;
};

}  // namespace polygraph

#endif  // POLYGRAPH_RULES_H_
