// The IAM part of polygraph._core: authorization decisions and policy
// validation. Policies and requests arrive as JSON text with a source name
// (polygraph/iam.py serializes dicts and reads files), so every error
// carries a location.
//
// Thread safety: an Authorizer is immutable and shared; its methods release
// the GIL and may run from many Python threads at once.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/document.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_json.h"
#include "polygraph/iam_policy.h"
#include "polygraph/iam_validation.h"
#include "python_conversions.h"

namespace polygraph::python {
namespace {

// A policy as Python passes it: (source name, JSON text).
using PolicySource = std::pair<std::string, std::string>;

absl::StatusOr<iam::Policy> ParsePolicySource(const PolicySource& source,
                                              iam::PolicyKind kind) {
  absl::StatusOr<Value> document = ParseJson(source.second, source.first);
  if (!document.ok()) return document.status();
  return iam::ParsePolicy(*document, {.kind = kind});
}

absl::StatusOr<std::vector<iam::Policy>> ParseSources(
    const std::vector<PolicySource>& sources, iam::PolicyKind kind) {
  std::vector<iam::Policy> policies;
  for (const PolicySource& source : sources) {
    absl::StatusOr<iam::Policy> policy = ParsePolicySource(source, kind);
    if (!policy.ok()) return policy.status();
    policies.push_back(*std::move(policy));
  }
  return policies;
}

// The arguments of Authorizer.__init__, already split by role.
struct PolicySources {
  std::vector<PolicySource> identity;
  std::optional<std::vector<PolicySource>> boundary;
  std::optional<std::vector<PolicySource>> session;
  std::vector<std::vector<PolicySource>> scps;
  std::vector<std::vector<PolicySource>> rcps;
  std::optional<PolicySource> resource;
};

absl::StatusOr<iam::PolicySet> BuildPolicySet(const PolicySources& sources) {
  iam::PolicySet set;
  absl::StatusOr<std::vector<iam::Policy>> identity =
      ParseSources(sources.identity, iam::PolicyKind::kIdentity);
  if (!identity.ok()) return identity.status();
  set.identity = *std::move(identity);
  if (sources.boundary.has_value()) {
    absl::StatusOr<std::vector<iam::Policy>> boundary =
        ParseSources(*sources.boundary, iam::PolicyKind::kIdentity);
    if (!boundary.ok()) return boundary.status();
    set.permissions_boundary = *std::move(boundary);
  }
  if (sources.session.has_value()) {
    absl::StatusOr<std::vector<iam::Policy>> session =
        ParseSources(*sources.session, iam::PolicyKind::kIdentity);
    if (!session.ok()) return session.status();
    set.session = *std::move(session);
  }
  for (const auto& level : sources.scps) {
    absl::StatusOr<std::vector<iam::Policy>> policies =
        ParseSources(level, iam::PolicyKind::kIdentity);
    if (!policies.ok()) return policies.status();
    set.service_control_policies.push_back(*std::move(policies));
  }
  for (const auto& level : sources.rcps) {
    absl::StatusOr<std::vector<iam::Policy>> policies =
        ParseSources(level, iam::PolicyKind::kResource);
    if (!policies.ok()) return policies.status();
    set.resource_control_policies.push_back(*std::move(policies));
  }
  if (sources.resource.has_value()) {
    absl::StatusOr<iam::Policy> policy =
        ParsePolicySource(*sources.resource, iam::PolicyKind::kResource);
    if (!policy.ok()) return policy.status();
    set.resource_policy = *std::move(policy);
  }
  return set;
}

absl::StatusOr<iam::Request> ParseRequestText(const std::string& text) {
  absl::StatusOr<Value> value = ParseJson(text, "<request>");
  if (!value.ok()) return value.status();
  return iam::ParseRequest(*value);
}

class PyAuthorizer {
 public:
  explicit PyAuthorizer(const PolicySources& sources) {
    absl::StatusOr<iam::Authorizer> compiled;
    {
      py::gil_scoped_release release;
      absl::StatusOr<iam::PolicySet> set = BuildPolicySet(sources);
      compiled = set.ok() ? iam::Authorizer::Compile(*set)
                          : absl::StatusOr<iam::Authorizer>(set.status());
    }
    authorizer_ = std::make_shared<const iam::Authorizer>(
        ValueOrRaise(std::move(compiled)));
  }

  iam::Decision Decide(const std::string& request_json) const {
    absl::StatusOr<iam::Decision> decision;
    {
      py::gil_scoped_release release;
      absl::StatusOr<iam::Request> request = ParseRequestText(request_json);
      decision =
          request.ok()
              ? absl::StatusOr<iam::Decision>(authorizer_->Decide(*request))
              : absl::StatusOr<iam::Decision>(request.status());
    }
    return ValueOrRaise(std::move(decision));
  }

  std::vector<iam::Decision> DecideMany(
      const std::vector<std::string>& requests_json) const {
    std::vector<iam::Decision> decisions;
    absl::Status status;
    {
      py::gil_scoped_release release;
      decisions.reserve(requests_json.size());
      for (const std::string& text : requests_json) {
        absl::StatusOr<iam::Request> request = ParseRequestText(text);
        if (!request.ok()) {
          status = request.status();
          break;
        }
        decisions.push_back(authorizer_->Decide(*request));
      }
    }
    if (!status.ok()) RaiseError(status);
    return decisions;
  }

 private:
  std::shared_ptr<const iam::Authorizer> authorizer_;
};

iam::PolicyKind KindFromName(const std::string& name) {
  if (name == "identity") return iam::PolicyKind::kIdentity;
  if (name == "resource") return iam::PolicyKind::kResource;
  if (name == "trust") return iam::PolicyKind::kTrust;
  if (name == "any") return iam::PolicyKind::kAny;
  throw py::value_error(
      "kind must be \"identity\", \"resource\", \"trust\" "
      "or \"any\", not \"" +
      name + "\"");
}

std::vector<iam::ValidationIssue> Validate(const PolicySource& source,
                                           const std::string& kind_name) {
  const iam::PolicyKind kind = KindFromName(kind_name);
  absl::StatusOr<std::vector<iam::ValidationIssue>> issues;
  {
    py::gil_scoped_release release;
    absl::StatusOr<Value> document = ParseJson(source.second, source.first);
    if (document.ok()) {
      issues = iam::ValidatePolicy(*document, {.kind = kind});
    } else {
      issues = document.status();
    }
  }
  return ValueOrRaise(std::move(issues));
}

}  // namespace

void BindIam(py::module_& m) {
  py::class_<iam::DecidingStatement>(m, "DecidingStatement")
      .def_property_readonly("role",
                             [](const iam::DecidingStatement& s) {
                               return Text(iam::PolicyRoleName(s.role));
                             })
      .def_readonly("level", &iam::DecidingStatement::level)
      .def_readonly("policy_index", &iam::DecidingStatement::policy_index)
      .def_readonly("statement_index", &iam::DecidingStatement::statement_index)
      .def_property_readonly("sid", TextOf(&iam::DecidingStatement::sid))
      .def_property_readonly(
          "effect",
          [](const iam::DecidingStatement& s) {
            return Text(s.effect == iam::Effect::kAllow ? "Allow" : "Deny");
          })
      .def_readonly("location", &iam::DecidingStatement::location);

  py::class_<iam::Decision>(m, "Decision")
      .def_property_readonly("kind",
                             [](const iam::Decision& d) {
                               return Text(iam::DecisionKindName(d.kind));
                             })
      .def_readonly("statements", &iam::Decision::statements)
      .def_property_readonly("reason", TextOf(&iam::Decision::reason))
      .def_property_readonly("missing_context_keys",
                             [](const iam::Decision& d) {
                               return TextList(d.missing_context_keys);
                             });

  py::class_<iam::ValidationIssue>(m, "ValidationIssue")
      .def_property_readonly("code", TextOf(&iam::ValidationIssue::code))
      .def_property_readonly(
          "category",
          [](const iam::ValidationIssue& issue) {
            return Text(iam::ValidationCategoryName(issue.category));
          })
      .def_readonly("location", &iam::ValidationIssue::location)
      .def_property_readonly("message", TextOf(&iam::ValidationIssue::message))
      .def_property_readonly("fix", TextOf(&iam::ValidationIssue::fix));

  py::class_<PyAuthorizer, std::shared_ptr<PyAuthorizer>>(m, "IamAuthorizer")
      .def(py::init([](std::vector<PolicySource> identity,
                       std::optional<std::vector<PolicySource>> boundary,
                       std::optional<std::vector<PolicySource>> session,
                       std::vector<std::vector<PolicySource>> scps,
                       std::vector<std::vector<PolicySource>> rcps,
                       std::optional<PolicySource> resource) {
             PolicySources sources{std::move(identity), std::move(boundary),
                                   std::move(session),  std::move(scps),
                                   std::move(rcps),     std::move(resource)};
             return std::make_shared<PyAuthorizer>(sources);
           }),
           py::arg("identity"), py::arg("boundary"), py::arg("session"),
           py::arg("scps"), py::arg("rcps"), py::arg("resource"))
      .def("decide", &PyAuthorizer::Decide, py::arg("request_json"),
           "Decides one request given as JSON text. Runs without the GIL.")
      .def("decide_many", &PyAuthorizer::DecideMany, py::arg("requests_json"),
           "Decides requests given as JSON texts, in order.");

  m.def("iam_validate", &Validate, py::arg("source"), py::arg("kind"),
        "Validates one policy given as (source name, JSON text).");
  m.def(
      "iam_catalogue_version",
      [] { return Text(iam::Catalogue::Builtin().version()); },
      "Provenance of the compiled-in action catalogue.");
}

}  // namespace polygraph::python
