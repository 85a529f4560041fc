#ifndef POLYGRAPH_LIB_IAM_REQUEST_CONTEXT_H_
#define POLYGRAPH_LIB_IAM_REQUEST_CONTEXT_H_

// The per-decision view of a Request: who the principal is, the resource ARN
// split into its parts, and case-insensitive access to the request context
// (with the keys AWS derives from the principal itself). Nothing here
// allocates: every view points into the Request, which must outlive it.
//
// Thread safety: thread-compatible; each Decide builds its own.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "polygraph/iam_decision.h"

namespace polygraph::iam::internal {

// An ARN split at its first five ':' ("arn", partition, service, region,
// account, resource); `count` < 6 when the text has fewer colons, the last
// part then being the rest of the text.
struct ArnView {
  std::array<std::string_view, 6> parts;
  size_t count = 0;
  // Offset of parts[i] in the text, to match "the rest of the ARN".
  std::array<size_t, 6> offsets{};
  std::string_view text;
};
ArnView SplitArn(std::string_view text);

struct PrincipalInfo {
  enum class Kind {
    kAnonymous,
    kService,        // "lambda.amazonaws.com"
    kExternal,       // a federated identity provider or canonical user id
    kAccountRoot,    // "arn:aws:iam::A:root" or a bare 12-digit account id
    kUser,           // arn:aws:iam::A:user/path/name
    kRole,           // arn:aws:iam::A:role/path/name (the role itself)
    kRoleSession,    // arn:aws:sts::A:assumed-role/name/session
    kFederatedUser,  // arn:aws:sts::A:federated-user/name
    kOtherArn,       // any other ARN with an account
  };
  Kind kind = Kind::kAnonymous;
  std::string_view text;
  std::string_view partition;
  std::string_view account;
  // The user, role or federated user name (the last path component).
  std::string_view name;

  // A principal of an AWS account (its root, users, roles, sessions).
  bool InAccount() const {
    return kind == Kind::kAccountRoot || kind == Kind::kUser ||
           kind == Kind::kRole || kind == Kind::kRoleSession ||
           kind == Kind::kFederatedUser || kind == Kind::kOtherArn;
  }
};
PrincipalInfo ParsePrincipal(std::string_view principal);

bool IsTwelveDigits(std::string_view text);

// The values of one context key: a list from Request::context, or a single
// value derived from the principal.
class ContextValues {
 public:
  explicit ContextValues(const std::vector<std::string>* list) : list_(list) {}
  explicit ContextValues(std::string_view single) : single_(single) {}

  size_t size() const { return list_ != nullptr ? list_->size() : 1; }
  bool empty() const { return size() == 0; }
  std::string_view operator[](size_t i) const {
    return list_ != nullptr ? std::string_view((*list_)[i]) : single_;
  }

 private:
  const std::vector<std::string>* list_ = nullptr;
  std::string_view single_;
};

class RequestContext {
 public:
  // REQUIRES: `request` outlives this object.
  RequestContext(const Request& request, const PrincipalInfo& principal);

  // The values of `key` (case-insensitive); nullopt when the key is absent
  // from the context and not derivable. Derived keys: aws:PrincipalAccount,
  // aws:PrincipalArn (users, roles, the root, federated users) and
  // aws:username (users); a key given in the context wins.
  std::optional<ContextValues> Find(std::string_view key) const;

  // The value of a policy variable: the key's only value. nullopt when the
  // key is absent, empty or multi-valued (AWS does not substitute
  // multivalued keys).
  std::optional<std::string_view> Variable(std::string_view key) const;

 private:
  const Request& request_;
  const PrincipalInfo& principal_;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_REQUEST_CONTEXT_H_
