// Analysis predicates of the declarative rule language: network exposure,
// reachability, IAM decisions, bucket exposure and references.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"
#include "polygraph/address_set.h"
#include "polygraph/cidr.h"
#include "polygraph/iam_decision.h"
#include "polygraph/packet_set.h"
#include "polygraph/port_range.h"
#include "rules/declarative/predicate_parser.h"

namespace polygraph::rules::internal {
namespace {

absl::Status CheckKeys(const YAML::Node& node, const std::string& name,
                       std::string_view file,
                       std::initializer_list<std::string_view> keys) {
  for (const auto& member : node) {
    std::string key = member.first.Scalar();
    bool known = false;
    for (std::string_view each : keys) known = known || each == key;
    if (!known) {
      return InputError(NodeLocation(member.first, file),
                        absl::StrCat("unknown key \"", key, "\" in \"", name,
                                     "\" predicate"));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadString(const YAML::Node& node, const std::string& key,
                        std::string_view file, bool required,
                        std::string& out) {
  const YAML::Node value = node[key];
  if (!value.IsDefined()) {
    if (!required) return absl::OkStatus();
    return InputError(NodeLocation(node, file),
                      absl::StrCat("missing \"", key, "\""));
  }
  if (!value.IsScalar() || value.Scalar().empty()) {
    return InputError(NodeLocation(value, file),
                      absl::StrCat("\"", key, "\" must be a non-empty string"));
  }
  out = value.Scalar();
  return absl::OkStatus();
}

absl::Status ReadTraffic(const YAML::Node& node, std::string_view file,
                         Predicate& predicate) {
  if (const YAML::Node port = node["port"]; port.IsDefined()) {
    int number = -1;
    if (!port.IsScalar() || !absl::SimpleAtoi(port.Scalar(), &number) ||
        number < 0 || number > 65535) {
      return InputError(
          NodeLocation(port, file),
          absl::StrCat("\"port\" takes a port 0-65535, not \"",
                       port.IsScalar() ? port.Scalar() : "", "\""));
    }
    predicate.port = number;
  }
  if (absl::Status status =
          ReadString(node, "protocol", file, false, predicate.protocol);
      !status.ok()) {
    return status;
  }
  if (!predicate.protocol.empty() &&
      !ip::ParseProtocol(predicate.protocol).ok()) {
    return InputError(NodeLocation(node["protocol"], file),
                      absl::StrCat("unknown protocol \"", predicate.protocol,
                                   "\" (expected tcp, udp, icmp, a number or "
                                   "-1)"));
  }
  return absl::OkStatus();
}

absl::Status ReadSelectors(const YAML::Node& node, std::string_view file,
                           Predicate& predicate) {
  const YAML::Node resources = node["resources"];
  if (!resources.IsDefined() || !resources.IsSequence() ||
      resources.size() == 0) {
    return InputError(
        NodeLocation(resources.IsDefined() ? resources : node, file),
        "\"resources\" must be a non-empty list of resource "
        "kinds or types");
  }
  for (const YAML::Node& item : resources) {
    if (!item.IsScalar() || !IsResourceSelector(item.Scalar())) {
      return InputError(
          NodeLocation(item, file),
          absl::StrCat("unknown resource kind \"",
                       item.IsScalar() ? item.Scalar() : "", "\""));
    }
    predicate.resources.push_back(item.Scalar());
  }
  if (const YAML::Node attribute = node["attribute"]; attribute.IsDefined()) {
    absl::StatusOr<AttributePath> path =
        attribute.IsScalar()
            ? ParseAttributePath(attribute.Scalar())
            : absl::InvalidArgumentError("an attribute path must be a string");
    if (!path.ok()) {
      return InputError(NodeLocation(attribute, file),
                        std::string(path.status().message()));
    }
    predicate.reference_attribute = *std::move(path);
  }
  return absl::OkStatus();
}

// The traffic a predicate asks about, as a packet filter.
ip::PacketSet Traffic(const Predicate& predicate) {
  ip::ProtocolSet protocols = ip::ProtocolSet::All();
  if (!predicate.protocol.empty()) {
    protocols = *ip::ParseProtocol(predicate.protocol);  // checked at parse
  }
  ip::PortSet ports =
      predicate.port < 0
          ? ip::PortSet::All()
          : ip::PortSet::Of(ip::PortRange::Single(predicate.port));
  return ip::PacketSet::Of(protocols, ip::AddressSet::All(),
                           ip::AddressSet::All(), ports);
}

std::string Describe(const Predicate& predicate) {
  std::string text =
      predicate.protocol.empty() ? "traffic" : predicate.protocol;
  if (predicate.port >= 0) absl::StrAppend(&text, " port ", predicate.port);
  return text;
}

Outcome Result(bool holds, std::string attribute, std::string expected,
               SourceLocation location = {}) {
  Outcome outcome;
  outcome.holds = holds;
  outcome.evidence.attribute = std::move(attribute);
  outcome.evidence.value = holds ? "true" : "false";
  outcome.evidence.expected = std::move(expected);
  outcome.evidence.location = std::move(location);
  return outcome;
}

Outcome Exposed(const Predicate& predicate, const CheckContext& context,
                size_t resource) {
  const Model& model = context.model();
  ip::PacketSet traffic = Traffic(predicate);
  for (const net::Exposure& exposure : context.network().ExposedToInternet()) {
    const Workload& workload = model.workloads()[exposure.workload];
    bool member = workload.resource == resource;
    for (size_t group : workload.security_groups) {
      member = member || group == resource;
    }
    if (member && exposure.reach.reachable.Overlaps(traffic)) {
      return Result(true, "exposed_to_internet", Describe(predicate));
    }
  }
  return Result(false, "exposed_to_internet", Describe(predicate));
}

Outcome Reachable(const Predicate& predicate, const CheckContext& context,
                  size_t resource) {
  net::Endpoint from = predicate.from == "internet"
                           ? net::Endpoint::Internet()
                           : net::Endpoint::Cidr(predicate.from);
  net::ReachResult reach =
      context.network().Reach(from, net::Endpoint::Resource(resource));
  bool holds = reach.reachable.Overlaps(Traffic(predicate));
  return Result(holds, "reachable",
                absl::StrCat(Describe(predicate), " from ", predicate.from));
}

std::string PrincipalArn(std::string_view principal) {
  if (principal == "*") return std::string(iam::Request::kAnonymous);
  if (absl::StartsWith(::polygraph::internal::ToAbsl(principal), "AWS:")) {
    return absl::StrCat("arn:aws:iam::", std::string(principal.substr(4)),
                        ":root");
  }
  return std::string(principal);
}

Outcome Allows(const Predicate& predicate, const CheckContext& context,
               size_t resource) {
  const Model& model = context.model();
  std::string expected =
      absl::StrCat(predicate.action, " by ", predicate.principal, " on ",
                   predicate.resource);
  iam::PolicySet policies;
  bool any = false;
  for (const PolicyDocument& document : model.policies()) {
    if (document.owner != resource) continue;
    if (document.kind == iam::PolicyKind::kResource) {
      policies.resource_policy = document.policy;
      any = true;
    } else if (document.kind == iam::PolicyKind::kIdentity) {
      policies.identity.push_back(document.policy);
      any = true;
    }
  }
  if (!any) return Result(false, "allows", expected);
  absl::StatusOr<iam::Authorizer> authorizer =
      iam::Authorizer::Compile(policies);
  if (!authorizer.ok()) {
    Diagnostic diagnostic;
    diagnostic.level = Diagnostic::Level::kError;
    diagnostic.code = "policy-not-analysed";
    diagnostic.location =
        ErrorLocation(authorizer.status()).value_or(SourceLocation{});
    diagnostic.message = ErrorReason(authorizer.status());
    context.AddDiagnostic(std::move(diagnostic));
    return Result(false, "allows", expected);
  }
  iam::Request request;
  request.principal = PrincipalArn(predicate.principal);
  request.action = predicate.action;
  request.resource = predicate.resource;
  if (!policies.resource_policy.has_value() ||
      request.principal == iam::Request::kAnonymous) {
    // Identity policies speak for a principal of the resource's account.
    if (!policies.identity.empty()) {
      request.principal = "arn:aws:iam::111111111111:user/principal";
    }
  }
  iam::Decision decision = authorizer->Decide(request);
  bool allowed = decision.kind == iam::DecisionKind::kAllow;
  SourceLocation where;
  if (allowed && !decision.statements.empty()) {
    where = decision.statements.front().location;
  }
  return Result(allowed, "allows", expected, where);
}

Outcome PubliclyReadable(const Predicate& predicate,
                         const CheckContext& context, size_t resource) {
  const Model& model = context.model();
  bool readable = false;
  SourceLocation where;
  for (const storage::BucketExposure& exposure : context.bucket_exposures()) {
    if (model.buckets()[exposure.bucket].resource != resource) continue;
    const storage::AccessResult& read = exposure.Get(
        storage::Audience::kAnonymous, storage::Access::kReadObjects);
    if (!read.effective()) continue;
    readable = true;
    for (const storage::Grant& grant : read.grants) {
      if (grant.blocked_by.empty()) {
        where = grant.location;
        break;
      }
    }
  }
  return Result(readable == predicate.expected, "publicly_readable",
                predicate.expected ? "true" : "false", where);
}

bool PropertyUnder(std::string_view property, const AttributePath& path) {
  return property == path.text ||
         (absl::StartsWith(::polygraph::internal::ToAbsl(property),
                           path.text) &&
          (property[path.text.size()] == '.' ||
           property[path.text.size()] == '['));
}

Outcome References(const Predicate& predicate, const CheckContext& context,
                   size_t resource) {
  const Model& model = context.model();
  bool incoming = predicate.kind == Predicate::Kind::kReferencedBy;
  std::string name = incoming ? "referenced_by" : "references";
  for (const Reference& reference : model.references()) {
    size_t self = incoming ? reference.to : reference.from;
    size_t other = incoming ? reference.from : reference.to;
    if (self != resource || other >= model.resources().size()) continue;
    if (!Selects(predicate.resources, model.resources()[other])) continue;
    if (predicate.reference_attribute.has_value() &&
        !PropertyUnder(reference.property, *predicate.reference_attribute)) {
      continue;
    }
    return Result(true, name, model.resources()[other].name,
                  reference.location);
  }
  return Result(false, name, absl::StrJoin(predicate.resources, ", "));
}

}  // namespace

absl::Status ParseAnalysisOperand(const YAML::Node& node,
                                  std::string_view name_view,
                                  std::string_view file, Predicate& predicate) {
  const std::string name(name_view);
  if (predicate.kind == Predicate::Kind::kPubliclyReadable) {
    std::string text = node.IsScalar() ? node.Scalar() : "";
    if (text != "true" && text != "false") {
      return InputError(NodeLocation(node, file),
                        absl::StrCat("\"publicly_readable\" takes true or "
                                     "false, not \"",
                                     text, "\""));
    }
    predicate.expected = text == "true";
    return absl::OkStatus();
  }
  if (predicate.kind == Predicate::Kind::kExposedToInternet &&
      node.IsScalar() && node.Scalar() == "true") {
    return absl::OkStatus();
  }
  if (!node.IsMap()) {
    return InputError(NodeLocation(node, file),
                      absl::StrCat("\"", name, "\" takes a mapping"));
  }
  switch (predicate.kind) {
    case Predicate::Kind::kExposedToInternet:
      if (absl::Status status =
              CheckKeys(node, name, file, {"port", "protocol"});
          !status.ok()) {
        return status;
      }
      return ReadTraffic(node, file, predicate);
    case Predicate::Kind::kReachable: {
      if (absl::Status status =
              CheckKeys(node, name, file, {"from", "port", "protocol"});
          !status.ok()) {
        return status;
      }
      if (absl::Status status =
              ReadString(node, "from", file, true, predicate.from);
          !status.ok()) {
        return status;
      }
      if (predicate.from != "internet" &&
          !ip::Cidr::Parse(predicate.from).ok()) {
        return InputError(NodeLocation(node["from"], file),
                          absl::StrCat("\"from\" takes internet or a CIDR, "
                                       "not \"",
                                       predicate.from, "\""));
      }
      return ReadTraffic(node, file, predicate);
    }
    case Predicate::Kind::kAllows:
      if (absl::Status status =
              CheckKeys(node, name, file, {"principal", "action", "resource"});
          !status.ok()) {
        return status;
      }
      for (auto [key, out, required] :
           {std::tuple<const char*, std::string*, bool>{
                "principal", &predicate.principal, true},
            {"action", &predicate.action, true},
            {"resource", &predicate.resource, false}}) {
        if (absl::Status status = ReadString(node, key, file, required, *out);
            !status.ok()) {
          return status;
        }
      }
      return absl::OkStatus();
    default:
      if (absl::Status status =
              CheckKeys(node, name, file, {"resources", "attribute"});
          !status.ok()) {
        return status;
      }
      return ReadSelectors(node, file, predicate);
  }
}

Outcome EvaluateAnalysis(const Predicate& predicate,
                         const CheckContext& context, size_t resource) {
  switch (predicate.kind) {
    case Predicate::Kind::kExposedToInternet:
      return Exposed(predicate, context, resource);
    case Predicate::Kind::kReachable:
      return Reachable(predicate, context, resource);
    case Predicate::Kind::kAllows:
      return Allows(predicate, context, resource);
    case Predicate::Kind::kPubliclyReadable:
      return PubliclyReadable(predicate, context, resource);
    default:
      return References(predicate, context, resource);
  }
}

}  // namespace polygraph::rules::internal
