#ifndef POLYGRAPH_LIB_IAM_VALIDATION_INTERNAL_H_
#define POLYGRAPH_LIB_IAM_VALIDATION_INTERNAL_H_

// Shared plumbing of policy validation (iam_validation.h): the context every
// check writes its issues to, and the check groups, one per source file.
//
// Thread safety: a ValidationContext belongs to one ValidatePolicy call;
// thread-compatible. The check functions keep no state of their own.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "iam/catalogue_tables.h"
#include "iam/validation_coverage.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_policy.h"
#include "polygraph/iam_validation.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::iam::validation_internal {

// One ValidatePolicy call: the document, the policy parsed from it (with
// PolicyKind::kAny, so that the kind checks can report every statement),
// and the issues found so far. Borrows everything; lives only during the
// call.
class ValidationContext {
 public:
  ValidationContext(const Value& document, const Policy& policy,
                    PolicyKind kind, const Catalogue& catalogue);

  ValidationContext(const ValidationContext&) = delete;
  ValidationContext& operator=(const ValidationContext&) = delete;

  const Value& document() const { return document_; }
  const Policy& policy() const { return policy_; }
  PolicyKind kind() const { return kind_; }
  const Catalogue& catalogue() const { return catalogue_; }
  // True when policy variables are interpreted (Version 2012-10-17).
  bool variables_enabled() const { return policy_.version == "2012-10-17"; }

  // The object the statement was parsed from, or nullptr when it cannot be
  // found (never for a statement of policy()).
  const Value* StatementValue(const Statement& statement) const;
  // Where the statement's element `key` is written: the key's location, or
  // the statement's when the element is absent.
  SourceLocation ElementLocation(const Statement& statement,
                                 std::string_view key) const;
  // The value of the statement's element `key`, or nullptr.
  const Value* Element(const Statement& statement, std::string_view key) const;
  // True when the statement is a branch of an Fn::If, so it may not apply
  // together with the policy's other statements.
  bool IsConditional(const Statement& statement) const;

  // catalogue().Expand(pattern), computed once per distinct pattern during
  // the call: a policy names the same patterns in many statements, and the
  // checks expand them again and again. The set lives as long as the
  // context. REQUIRES: `pattern` outlives the context (an action of
  // policy()).
  const ActionSet& Expand(std::string_view pattern);
  // For an action without wildcards, the one action Expand(action) holds,
  // or nullopt when it is empty (catalogue().FindAction(action)).
  std::optional<size_t> FindAction(std::string_view action) const;
  // FindAction of each of the statement's actions, by position; kNoAction
  // for a symbolic one, one with a wildcard, or one the catalogue does not
  // know. Looked up once per statement during the call.
  // REQUIRES: `statement` is one of policy()'s.
  static constexpr size_t kNoAction = SIZE_MAX;
  const std::vector<size_t>& CatalogueIndices(const Statement& statement);
  // The statement's actions indexed for coverage questions, built once per
  // statement during the call. REQUIRES: `statement` is one of policy()'s.
  const ActionCoverIndex& CoverIndex(const Statement& statement);

  void Add(std::string_view code, ValidationCategory category,
           const SourceLocation& location, std::string message,
           std::string fix);

  std::vector<ValidationIssue> TakeIssues() { return std::move(issues_); }

 private:
  void IndexStatements(const Value& value, int depth, bool conditional);

  const Value& document_;
  const Policy& policy_;
  PolicyKind kind_;
  const Catalogue& catalogue_;
  struct IndexedStatement {
    const Value* value = nullptr;
    bool conditional = false;
  };
  // Statement objects by (line, column) of their opening brace.
  absl::flat_hash_map<std::pair<int, int>, IndexedStatement> statements_;
  // Expand's results by exact pattern text (hashed ignoring case only
  // because the catalogue provides that hash for string_view keys).
  absl::flat_hash_map<std::string_view, std::unique_ptr<ActionSet>,
                      catalogue_internal::FoldedHash,
                      std::equal_to<std::string_view>>
      expansions_;
  absl::flat_hash_map<const Statement*, std::unique_ptr<ActionCoverIndex>>
      cover_indexes_;
  absl::flat_hash_map<const Statement*, std::vector<size_t>> catalogue_indices_;
  std::vector<ValidationIssue> issues_;
};

// The issue code and fix for a ParsePolicy error, from the kind of problem
// its message names; "INVALID_POLICY" when it names none of the known kinds.
struct ParseErrorClass {
  std::string code;
  std::string fix;
};
ParseErrorClass ClassifyParseError(std::string_view reason);

// validation_grammar.cc: Version, Sid, the elements the policy kind requires
// or forbids, empty lists, Action format, policy variables, policy size.
void CheckPolicyGrammar(ValidationContext& context);
void CheckStatementGrammar(ValidationContext& context,
                           const Statement& statement);

// validation_arns.cc: Resource/NotResource ARNs and principal formats.
void CheckResourceArns(ValidationContext& context, const Statement& statement);
void CheckPrincipals(ValidationContext& context, const Statement& statement);

// validation_security.cc: Allow with Not* elements, iam:PassRole on "*",
// public principals, unconditioned web-identity trust.
void CheckSecurity(ValidationContext& context, const Statement& statement);

// validation_actions.cc: actions against the catalogue, redundant actions.
void CheckActions(ValidationContext& context, const Statement& statement);

// validation_redundancy.cc: statements covered by an earlier statement.
void CheckRedundantStatements(ValidationContext& context);

// validation_conditions.cc: operators, values, key types, key support.
void CheckConditions(ValidationContext& context, const Statement& statement);

// Helpers shared by the check groups.

// True for a '*' or '?' in `text`.
bool HasWildcard(std::string_view text);
// True when `text` holds "${", the start of a policy variable.
bool HasVariableSyntax(std::string_view text);
// The service prefix of an action ("s3" of "s3:Get*"); "" without ':'.
std::string_view ActionService(std::string_view action);
// True when every action `covered` matches is certainly matched by
// `pattern` (both Action patterns, case-insensitive), whatever actions
// services add later: `covered` has no wildcard and `pattern` matches it,
// or `pattern` is "*", "service:*" of the same service, or a prefix pattern
// ("s3:Get*") that `covered` starts with.
bool ActionPatternCovers(std::string_view pattern, std::string_view covered);
// A statement's name for messages: "statement \"Sid\"" or "statement N"
// (1-based index in the policy).
std::string StatementName(const Policy& policy, const Statement& statement);

}  // namespace polygraph::iam::validation_internal

#endif  // POLYGRAPH_LIB_IAM_VALIDATION_INTERNAL_H_
