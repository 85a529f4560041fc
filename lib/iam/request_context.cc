#include "iam/request_context.h"

#include <optional>
#include <string_view>

namespace polygraph::iam::internal {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// The last '/'-separated component of `path`.
std::string_view LastComponent(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool IsServiceName(std::string_view text) {
  if (text == "cognito-identity.amazonaws.com") return false;
  return text.ends_with(".amazonaws.com") ||
         text.ends_with(".amazonaws.com.cn");
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsTwelveDigits(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

ArnView SplitArn(std::string_view text) {
  ArnView view;
  view.text = text;
  size_t start = 0;
  while (view.count < 5) {
    size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) break;
    view.offsets[view.count] = start;
    view.parts[view.count++] = text.substr(start, colon - start);
    start = colon + 1;
  }
  view.offsets[view.count] = start;
  view.parts[view.count++] = text.substr(start);
  return view;
}

PrincipalInfo ParsePrincipal(std::string_view principal) {
  using Kind = PrincipalInfo::Kind;
  PrincipalInfo info;
  info.text = principal;
  if (principal == Request::kAnonymous || principal.empty() ||
      principal == "*") {
    info.kind = Kind::kAnonymous;
    return info;
  }
  if (IsTwelveDigits(principal)) {
    info.kind = Kind::kAccountRoot;
    info.account = principal;
    return info;
  }
  if (!principal.starts_with("arn:")) {
    info.kind = IsServiceName(principal) ? Kind::kService : Kind::kExternal;
    return info;
  }
  ArnView arn = SplitArn(principal);
  if (arn.count < 6) {
    info.kind = Kind::kExternal;
    return info;
  }
  info.partition = arn.parts[1];
  info.account = arn.parts[4];
  std::string_view service = arn.parts[2];
  std::string_view resource = arn.parts[5];
  info.kind = info.account.empty() ? Kind::kExternal : Kind::kOtherArn;
  if (service == "iam") {
    if (resource == "root") {
      info.kind = Kind::kAccountRoot;
    } else if (resource.starts_with("user/")) {
      info.kind = Kind::kUser;
      info.name = LastComponent(resource);
    } else if (resource.starts_with("role/")) {
      info.kind = Kind::kRole;
      info.name = LastComponent(resource);
    } else if (resource.starts_with("saml-provider/") ||
               resource.starts_with("oidc-provider/")) {
      info.kind = Kind::kExternal;
    }
  } else if (service == "sts") {
    if (resource.starts_with("assumed-role/")) {
      std::string_view rest = resource.substr(13);
      size_t slash = rest.find('/');
      info.kind = Kind::kRoleSession;
      info.name = rest.substr(0, slash);
    } else if (resource.starts_with("federated-user/")) {
      info.kind = Kind::kFederatedUser;
      info.name = resource.substr(15);
    }
  }
  return info;
}

RequestContext::RequestContext(const Request& request,
                               const PrincipalInfo& principal)
    : request_(request), principal_(principal) {}

std::optional<ContextValues> RequestContext::Find(std::string_view key) const {
  for (const auto& [name, values] : request_.context) {
    if (EqualsIgnoreCase(name, key)) return ContextValues(&values);
  }
  using Kind = PrincipalInfo::Kind;
  if (EqualsIgnoreCase(key, "aws:PrincipalAccount") &&
      !principal_.account.empty()) {
    return ContextValues(principal_.account);
  }
  if (EqualsIgnoreCase(key, "aws:PrincipalArn") &&
      principal_.text.starts_with("arn:") &&
      (principal_.kind == Kind::kUser || principal_.kind == Kind::kRole ||
       principal_.kind == Kind::kAccountRoot ||
       principal_.kind == Kind::kFederatedUser)) {
    return ContextValues(principal_.text);
  }
  if (EqualsIgnoreCase(key, "aws:username") && principal_.kind == Kind::kUser) {
    return ContextValues(principal_.name);
  }
  return std::nullopt;
}

std::optional<std::string_view> RequestContext::Variable(
    std::string_view key) const {
  std::optional<ContextValues> values = Find(key);
  if (!values.has_value() || values->size() != 1) return std::nullopt;
  return (*values)[0];
}

}  // namespace polygraph::iam::internal
