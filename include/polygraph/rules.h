#ifndef POLYGRAPH_RULES_H_
#define POLYGRAPH_RULES_H_

// Rules: metadata (rules/<domain>/<ID>.yaml, compiled into the library) and
// the checks that decide them over a Model.
//
//   absl::StatusOr<RuleSet> rules = RuleSet::Builtin();
//   std::vector<Finding> findings = rules->Run(model);
//
// Thread safety: RuleSet is immutable after construction and thread-safe
// for built-in and file rules; a HostRule's callable must be safe to call
// from the thread that runs the set.

#include <cstddef>
#include <functional>
#include <memory>
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
  // PG-<DOMAIN>-<NNN> for built-in rules; any [A-Z][A-Z0-9]*(-[A-Z0-9]+)+
  // (e.g. "ACME-DB-001") for user and host rules.
  std::string id;
  std::string title;
  // The severity of the rule's findings. A check may raise it for a finding
  // where its rationale says so (PG-NET-001: SSH, RDP, all traffic).
  Severity severity = Severity::kMedium;
  std::string category;  // e.g. "iam", "network", "storage"
  std::string rationale;
  std::string remediation;
  // Guide sections, then AWS documentation URLs.
  std::vector<std::string> references;
  // The name of the C++ check that decides the rule; "" for a declarative
  // rule (its `check:` is a predicate, docs/rule-language.md) and for a
  // HostRule.
  std::string check;
  // Of the metadata file, e.g. "rules/iam/PG-IAM-001.yaml" line 1; the
  // caller's for a HostRule.
  SourceLocation location;
};

// A rule decided by host code, e.g. a Python callable.
struct HostRule {
  // id, title and severity are required; the rest is shown by `rules list`
  // and reports as for any rule. `check` is ignored.
  RuleInfo info;
  // The resource kinds the rule looks at; empty (the default) means every
  // resource.
  std::vector<ResourceKind> kinds = {};
  // Called once for each selected resource (its index in model.resources())
  // with the analysed model; returns that resource's findings. Empty
  // rule_id, title, resource, location (its file when only the line is
  // given) and fix are filled in from the rule and the resource; a finding
  // with an empty rule_id and the default severity (kMedium) gets the
  // rule's severity. A non-OK status
  // becomes one error diagnostic "rule-error" naming the rule and the
  // resource; the other resources and rules are still decided.
  std::function<absl::StatusOr<std::vector<Finding>>(const Model& model,
                                                     size_t resource)>
      check;
};

namespace rules::internal {
class RuleCheck;  // how one rule is decided (lib/rules)
}  // namespace rules::internal

class RuleSet {
 public:
  // The built-in rule pack. Fails only if the compiled-in metadata is
  // malformed or names an unknown check (a build defect, caught by tests).
  // Parsed and compiled on the first call; later calls return copies.
  static absl::StatusOr<RuleSet> Builtin();

  // This set plus the rules in `paths`: YAML rule files, or folders searched
  // recursively for *.yaml and *.yml (sorted). Each file is one rule in the
  // metadata format of the built-in pack, with a C++ check name or a
  // declarative predicate as its check. A file that cannot be read, parsed
  // or compiled (a malformed predicate, an unknown predicate or check, a
  // regular expression RE2 rejects, an id that is taken) adds one error
  // diagnostic with code "rule-error" at the offending line to
  // `diagnostics` (which must not be null) and is left out; the other rules
  // are added.
  RuleSet WithRuleFiles(const std::vector<std::string>& paths,
                        std::vector<Diagnostic>* diagnostics) const;

  // This set plus `rule`. Errors: InvalidArgument when the id is not of the
  // form [A-Z][A-Z0-9]*(-[A-Z0-9]+)+ or is taken, the title is empty, or
  // `check` is empty.
  absl::StatusOr<RuleSet> WithRule(HostRule rule) const;

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
  // say) and a host rule's failure are appended to `diagnostics` when it is
  // not null, once each; the rest is still decided.
  std::vector<Finding> Run(
      const Model& model, std::vector<Diagnostic>* diagnostics = nullptr) const;

 private:
  RuleSet() = default;
  // Builtin() without the cache: parses and compiles the embedded files.
  static absl::StatusOr<RuleSet> ParseBuiltin();
  // Adds one rule, keeping rules_ sorted. REQUIRES: its id is not taken.
  void Insert(RuleInfo info,
              std::shared_ptr<const rules::internal::RuleCheck> check);
  std::vector<RuleInfo> rules_;  // sorted by id
  // How each rule of rules_ is decided, at the same index; shared between
  // copies (immutable).
  std::vector<std::shared_ptr<const rules::internal::RuleCheck>> checks_;
};

}  // namespace polygraph

#endif  // POLYGRAPH_RULES_H_
