// The least-privilege part of polygraph._core: exact comparison, the
// custom policy checks, minimization, and the account analyses (effective
// permissions, risks, the escalation graph). Answers cross as the JSON of
// include/polygraph/iam_access_json.h; polygraph/_iam_access.py turns them
// into dataclasses. Policies arrive as (source name, JSON text).
//
// Thread safety: the work runs without the GIL; an IamAccount is immutable
// and may be queried from many Python threads at once.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "polygraph/account_from_model.h"
#include "polygraph/document.h"
#include "polygraph/iam_access_json.h"
#include "polygraph/iam_compare.h"
#include "polygraph/iam_decision.h"
#include "polygraph/iam_minimize.h"
#include "polygraph/iam_policy.h"
#include "polygraph/loader.h"
#include "python_conversions.h"

namespace polygraph::python {
namespace {

using PolicySource = std::pair<std::string, std::string>;

absl::StatusOr<iam::Policy> Parse(const PolicySource& source,
                                  iam::PolicyKind kind) {
  absl::StatusOr<Value> document = ParseJson(source.second, source.first);
  if (!document.ok()) return document.status();
  return iam::ParsePolicy(*document, {.kind = kind});
}

// One side of a comparison: a policy that names principals is the resource
// policy (at most one), the others are identity policies.
absl::StatusOr<iam::PolicySet> Side(const std::vector<PolicySource>& sources) {
  iam::PolicySet set;
  for (const PolicySource& source : sources) {
    absl::StatusOr<iam::Policy> policy = Parse(source, iam::PolicyKind::kAny);
    if (!policy.ok()) return policy.status();
    bool names_principals = false;
    for (const iam::Statement& statement : policy->statements) {
      names_principals |= statement.has_principal;
    }
    if (!names_principals) {
      set.identity.push_back(*std::move(policy));
      continue;
    }
    if (set.resource_policy.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          source.first,
          ": a second policy that names principals; one side holds at most "
          "one resource policy"));
    }
    set.resource_policy = *std::move(policy);
  }
  return set;
}

iam::CompareOptions Options(size_t max_witnesses) {
  iam::CompareOptions options;
  options.max_witnesses = max_witnesses;
  return options;
}

py::str Compare(const std::vector<PolicySource>& a,
                const std::vector<PolicySource>& b, size_t max_witnesses) {
  absl::StatusOr<std::string> json;
  {
    py::gil_scoped_release release;
    absl::StatusOr<iam::PolicySet> first = Side(a);
    absl::StatusOr<iam::PolicySet> second = Side(b);
    if (!first.ok()) {
      json = first.status();
    } else if (!second.ok()) {
      json = second.status();
    } else {
      absl::StatusOr<iam::Comparison> comparison =
          iam::Compare(*first, *second, Options(max_witnesses));
      json = comparison.ok() ? iam::ComparisonToJson(*comparison)
                             : absl::StatusOr<std::string>(comparison.status());
    }
  }
  return Text(ValueOrRaise(std::move(json)));
}

py::str CheckAccessNotGranted(const std::vector<PolicySource>& policies,
                              const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources,
                              size_t max_witnesses) {
  absl::StatusOr<std::string> json;
  {
    py::gil_scoped_release release;
    absl::StatusOr<iam::PolicySet> set = Side(policies);
    absl::StatusOr<iam::CheckOutcome> outcome =
        set.ok() ? iam::CheckAccessNotGranted(*set, actions, resources,
                                              Options(max_witnesses))
                 : absl::StatusOr<iam::CheckOutcome>(set.status());
    json = outcome.ok() ? iam::CheckOutcomeToJson(*outcome)
                        : absl::StatusOr<std::string>(outcome.status());
  }
  return Text(ValueOrRaise(std::move(json)));
}

py::str CheckNoPublicAccess(const PolicySource& policy,
                            const std::string& resource_type,
                            size_t max_witnesses) {
  absl::StatusOr<std::string> json;
  {
    py::gil_scoped_release release;
    absl::StatusOr<iam::Policy> parsed =
        Parse(policy, iam::PolicyKind::kResource);
    absl::StatusOr<iam::CheckOutcome> outcome =
        parsed.ok() ? iam::CheckNoPublicAccess(*parsed, resource_type,
                                               Options(max_witnesses))
                    : absl::StatusOr<iam::CheckOutcome>(parsed.status());
    json = outcome.ok() ? iam::CheckOutcomeToJson(*outcome)
                        : absl::StatusOr<std::string>(outcome.status());
  }
  return Text(ValueOrRaise(std::move(json)));
}

py::str Minimize(const PolicySource& policy, const PolicySource& used,
                 bool use_wildcards) {
  absl::StatusOr<std::string> json;
  {
    py::gil_scoped_release release;
    absl::StatusOr<iam::Policy> parsed =
        Parse(policy, iam::PolicyKind::kIdentity);
    absl::StatusOr<std::vector<iam::UsedAccess>> accesses =
        iam::ParseUsedAccess(used.second, used.first);
    if (!parsed.ok()) {
      json = parsed.status();
    } else if (!accesses.ok()) {
      json = accesses.status();
    } else {
      iam::MinimizeOptions options;
      options.use_wildcards = use_wildcards;
      absl::StatusOr<iam::MinimizedPolicy> minimized =
          iam::Minimize(*parsed, *accesses, options);
      json = minimized.ok() ? iam::MinimizedPolicyToJson(*minimized)
                            : absl::StatusOr<std::string>(minimized.status());
    }
  }
  return Text(ValueOrRaise(std::move(json)));
}

// The principals of loaded files, analysed once, queried many times.
class PyAccount {
 public:
  explicit PyAccount(const std::vector<std::string>& paths) {
    absl::StatusOr<AccountAnalysis> analysis;
    {
      py::gil_scoped_release release;
      absl::StatusOr<LoadResult> loaded = LoadPaths(paths, {});
      analysis = loaded.ok() ? AnalyseAccount(loaded->model)
                             : absl::StatusOr<AccountAnalysis>(loaded.status());
    }
    analysis_ = std::make_shared<const AccountAnalysis>(
        ValueOrRaise(std::move(analysis)));
  }

  py::list Names() const {
    py::list names;
    for (const iam::AccountPrincipal& principal :
         analysis_->account.principals) {
      names.append(Text(principal.name));
    }
    return names;
  }

  py::str WhoCan(const std::string& target) const {
    size_t index = Find(target);
    std::string json;
    {
      py::gil_scoped_release release;
      json = iam::WhoCanReachToJson(analysis_->account, analysis_->permissions,
                                    analysis_->graph, index);
    }
    return Text(json);
  }

  py::str Paths(const std::string& from, const std::string& to,
                size_t max_paths) const {
    size_t a = Find(from);
    size_t b = Find(to);
    std::string json;
    {
      py::gil_scoped_release release;
      json = iam::PathsToJson(analysis_->account, analysis_->graph, a, b,
                              max_paths);
    }
    return Text(json);
  }

  py::str Permissions(const std::optional<std::string>& name) const {
    std::vector<size_t> chosen;
    if (name.has_value()) {
      chosen.push_back(Find(*name));
    } else {
      for (size_t i = 0; i < analysis_->account.principals.size(); ++i) {
        chosen.push_back(i);
      }
    }
    std::string json;
    {
      py::gil_scoped_release release;
      json = iam::PermissionsToJson(analysis_->account, analysis_->permissions,
                                    analysis_->risks, analysis_->graph, chosen);
    }
    return Text(json);
  }

 private:
  size_t Find(const std::string& name) const {
    std::optional<size_t> index = analysis_->account.Find(name);
    if (!index.has_value()) {
      RaiseError(absl::NotFoundError(
          absl::StrCat("no role or user named \"", name, "\"")));
    }
    return *index;
  }

  std::shared_ptr<const AccountAnalysis> analysis_;
};

}  // namespace

void BindIamAccess(py::module_& m) {
  m.def("iam_compare", &Compare, py::arg("a"), py::arg("b"),
        py::arg("max_witnesses"),
        "Compares two policy sides given as (source name, JSON text) lists; "
        "returns the comparison as JSON.");
  m.def("iam_check_access_not_granted", &CheckAccessNotGranted,
        py::arg("policies"), py::arg("actions"), py::arg("resources"),
        py::arg("max_witnesses"));
  m.def("iam_check_no_public_access", &CheckNoPublicAccess, py::arg("policy"),
        py::arg("resource_type"), py::arg("max_witnesses"));
  m.def("iam_minimize", &Minimize, py::arg("policy"), py::arg("used"),
        py::arg("use_wildcards"));
  py::class_<PyAccount, std::shared_ptr<PyAccount>>(m, "IamAccount")
      .def(py::init<const std::vector<std::string>&>(), py::arg("paths"))
      .def("names", &PyAccount::Names)
      .def("who_can", &PyAccount::WhoCan, py::arg("target"))
      .def("paths", &PyAccount::Paths, py::arg("source"), py::arg("target"),
           py::arg("max_paths"))
      .def("permissions", &PyAccount::Permissions, py::arg("name"));
}

}  // namespace polygraph::python
