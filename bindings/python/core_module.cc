// polygraph._core: the private pybind11 module behind the `polygraph` Python
// package. Thin shims only: each converts its arguments, releases the GIL
// around the library call, and turns a failed Status into an exception in
// one place (RaiseError). The Pythonic API (dataclasses, keyword arguments,
// path handling) lives in polygraph/__init__.py; the exception classes in
// polygraph/errors.py. The core library never includes pybind11.
//
// Thread safety: every shim may be called from many Python threads at once;
// the library calls it makes are thread-safe (see check.h, loader.h,
// graph.h, rules.h) and run without the GIL.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/baseline.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/graph.h"
#include "polygraph/loader.h"
#include "polygraph/rules.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"
#include "polygraph/version.h"
#include "python_conversions.h"

namespace py = pybind11;

namespace polygraph {
namespace {

using python::RaiseError;
using python::Text;
using python::TextList;
using python::TextOf;
using python::ValueOrRaise;

LoadOptions MakeLoadOptions(bool recursive, bool skip_hidden) {
  LoadOptions options;
  options.recursive = recursive;
  options.skip_hidden = skip_hidden;
  return options;
}

// For answers that cannot be partial (the graph): an element a front-end
// left out raises InputError.
LoadOptions StrictLoadOptions(bool recursive, bool skip_hidden) {
  LoadOptions options = MakeLoadOptions(recursive, skip_hidden);
  options.fail_on_error_diagnostics = true;
  return options;
}

// Host rules: Python callables run by Check (which runs without the GIL)
// once per selected resource, with the GIL held for each call.

// A Value as plain Python data: dicts, lists, str, bool, None; numbers as
// int or float when they parse, else their text.
py::object ToPython(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return py::none();
    case Value::Kind::kBool:
      return py::bool_(value.boolean);
    case Value::Kind::kNumber:
      try {
        if (value.text.find_first_of(".eE") == std::string::npos) {
          return py::int_(py::str(value.text));
        }
        return py::float_(std::stod(value.text));
      } catch (...) {
        return Text(value.text);
      }
    case Value::Kind::kString:
      return Text(value.text);
    case Value::Kind::kArray: {
      py::list items;
      for (const Value& item : value.items) items.append(ToPython(item));
      return items;
    }
    case Value::Kind::kObject: {
      py::dict members;
      for (size_t i = 0; i < value.items.size(); ++i) {
        members[Text(value.keys[i])] = ToPython(value.items[i]);
      }
      return members;
    }
  }
  return py::none();
}

// A finding field from a dict or an object; None when absent.
py::object Field(const py::handle& item, const char* name) {
  if (py::isinstance<py::dict>(item)) {
    py::dict dict = py::reinterpret_borrow<py::dict>(item);
    return dict.contains(name) ? py::object(dict[name])
                               : py::object(py::none());
  }
  return py::getattr(item, name, py::none());
}

absl::StatusOr<std::vector<Finding>> CallHostRule(const py::object& callable,
                                                  const std::string& rule_id,
                                                  const Model& model,
                                                  size_t index) {
  py::gil_scoped_acquire acquire;
  try {
    const Resource& resource = model.resources()[index];
    py::dict view;
    view["name"] = Text(resource.name);
    view["type"] = Text(resource.type);
    view["kind"] = Text(ResourceKindName(resource.kind));
    view["file"] = Text(resource.location.file);
    view["line"] = resource.location.line;
    view["column"] = resource.location.column;
    view["properties"] = ToPython(resource.properties);
    py::object returned = callable(view);
    std::vector<Finding> findings;
    if (returned.is_none()) return findings;
    for (const py::handle& item : returned) {
      Finding finding;
      finding.location.file = resource.location.file;
      py::object message = Field(item, "message");
      if (message.is_none()) {
        return absl::InvalidArgumentError("a finding has no message");
      }
      finding.message = py::str(message);
      if (py::object fix = Field(item, "fix"); !fix.is_none()) {
        finding.fix = py::str(fix);
      }
      if (py::object severity = Field(item, "severity"); !severity.is_none()) {
        std::optional<Severity> parsed =
            ParseSeverity(std::string(py::str(severity)));
        if (!parsed.has_value()) {
          return absl::InvalidArgumentError(
              "unknown severity \"" + std::string(py::str(severity)) + "\"");
        }
        finding.severity = *parsed;
        finding.rule_id = rule_id;  // so the severity given stands
      }
      py::object line = Field(item, "line");
      py::object column = Field(item, "column");
      if (!line.is_none()) {
        finding.location.line = line.cast<int>();
        finding.location.column = column.is_none() ? 1 : column.cast<int>();
      }
      findings.push_back(std::move(finding));
    }
    return findings;
  } catch (py::error_already_set& error) {
    return absl::InternalError(error.what());
  } catch (const std::exception& error) {
    return absl::InternalError(error.what());
  }
}

// Each spec: (id, title, severity, kinds, category, remediation, callable).
std::vector<HostRule> MakeHostRules(const py::list& specs) {
  std::vector<HostRule> rules;
  for (const py::handle& spec : specs) {
    py::tuple fields = py::reinterpret_borrow<py::tuple>(spec);
    HostRule rule;
    rule.info.id = fields[0].cast<std::string>();
    rule.info.title = fields[1].cast<std::string>();
    std::optional<Severity> severity =
        ParseSeverity(fields[2].cast<std::string>());
    if (!severity.has_value()) {
      throw py::value_error("unknown severity \"" +
                            fields[2].cast<std::string>() + "\"");
    }
    rule.info.severity = *severity;
    for (const std::string& name : fields[3].cast<std::vector<std::string>>()) {
      bool found = false;
      for (int k = 0; k <= static_cast<int>(ResourceKind::kOther); ++k) {
        if (ResourceKindName(static_cast<ResourceKind>(k)) == name) {
          rule.kinds.push_back(static_cast<ResourceKind>(k));
          found = true;
        }
      }
      if (!found)
        throw py::value_error("unknown resource kind \"" + name + "\"");
    }
    rule.info.category = fields[4].cast<std::string>();
    rule.info.remediation = fields[5].cast<std::string>();
    // Copies of the check may be destroyed without the GIL: the callable
    // is released under it.
    std::shared_ptr<py::object> callable(
        new py::object(py::reinterpret_borrow<py::object>(fields[6])),
        [](py::object* object) {
          py::gil_scoped_acquire acquire;
          delete object;
        });
    rule.check = [callable, id = rule.info.id](const Model& model,
                                               size_t index) {
      return CallHostRule(*callable, id, model, index);
    };
    rules.push_back(std::move(rule));
  }
  return rules;
}

CheckResult RunCheck(const std::vector<std::string>& paths,
                     const std::vector<std::string>& only_rules,
                     const std::vector<std::string>& skip_rules, bool recursive,
                     bool skip_hidden,
                     const std::map<std::string, std::string>& parameters,
                     const std::vector<std::string>& parameter_files,
                     const std::map<std::string, std::string>& variables,
                     const std::vector<std::string>& variable_files,
                     const std::string& baseline, bool apply_suppressions,
                     const std::vector<std::string>& rule_paths,
                     const py::list& host_rules) {
  CheckOptions options;
  options.rule_paths = rule_paths;
  options.host_rules = MakeHostRules(host_rules);
  options.baseline_path = baseline;
  options.apply_suppressions = apply_suppressions;
  options.load = MakeLoadOptions(recursive, skip_hidden);
  options.load.parameters = parameters;
  options.load.parameter_files = parameter_files;
  options.load.terraform_variables = variables;
  options.load.terraform_variable_files = variable_files;
  options.only_rules = only_rules;
  options.skip_rules = skip_rules;
  absl::StatusOr<CheckResult> result;
  {
    py::gil_scoped_release release;
    result = Check(paths, options);
  }
  return ValueOrRaise(std::move(result));
}

// Python findings back to C++ ones, for WriteBaseline: only the fields a
// fingerprint and a baseline entry use.
py::str BaselineText(
    const std::vector<std::tuple<std::string, std::string, int, int,
                                 std::string, std::string>>& findings,
    const std::string& root) {
  CheckResult result;
  for (const auto& [rule_id, file, line, column, resource, message] :
       findings) {
    Finding finding;
    finding.rule_id = rule_id;
    finding.location = {.file = file, .line = line, .column = column};
    finding.resource = resource;
    finding.message = message;
    result.findings.push_back(std::move(finding));
  }
  return Text(WriteBaseline(result, root));
}

enum class GraphFormat { kJson, kDot };

py::str RenderGraph(const std::vector<std::string>& paths, bool recursive,
                    bool skip_hidden, GraphFormat format) {
  absl::StatusOr<std::string> text;
  {
    py::gil_scoped_release release;
    absl::StatusOr<LoadResult> loaded =
        LoadPaths(paths, StrictLoadOptions(recursive, skip_hidden));
    if (!loaded.ok()) {
      text = loaded.status();
    } else {
      // The graph refers to the model, which outlives it in this scope.
      const Graph graph = Graph::Build(loaded->model);
      text = format == GraphFormat::kJson ? graph.ToJson() : graph.ToDot();
    }
  }
  return Text(ValueOrRaise(std::move(text)));
}

std::vector<RuleInfo> BuiltinRules() {
  absl::StatusOr<RuleSet> rules;
  {
    py::gil_scoped_release release;
    rules = RuleSet::Builtin();
  }
  return ValueOrRaise(std::move(rules)).rules();
}

py::list SeverityNames() {
  py::list names;
  for (Severity severity : {Severity::kInfo, Severity::kLow, Severity::kMedium,
                            Severity::kHigh, Severity::kCritical}) {
    names.append(Text(SeverityName(severity)));
  }
  return names;
}

}  // namespace
}  // namespace polygraph

PYBIND11_MODULE(_core, m) {
  using namespace polygraph;  // NOLINT: the module body only binds.
  m.doc() =
      "Private bindings of the polygraph C++ library; use the `polygraph` "
      "package instead.";

  // Value types, read-only: polygraph/__init__.py copies them into frozen
  // dataclasses.
  py::class_<SourceLocation>(m, "SourceLocation")
      .def_property_readonly("file", TextOf(&SourceLocation::file))
      .def_readonly("line", &SourceLocation::line)
      .def_readonly("column", &SourceLocation::column)
      .def("__str__", [](const SourceLocation& location) {
        return Text(location.ToString());
      });

  py::class_<Finding>(m, "Finding")
      .def_property_readonly("rule_id", TextOf(&Finding::rule_id))
      .def_property_readonly("severity",
                             [](const Finding& finding) {
                               return Text(SeverityName(finding.severity));
                             })
      .def_property_readonly("title", TextOf(&Finding::title))
      .def_readonly("location", &Finding::location)
      .def_property_readonly("resource", TextOf(&Finding::resource))
      .def_property_readonly("message", TextOf(&Finding::message))
      .def_property_readonly("fix", TextOf(&Finding::fix));

  py::class_<Diagnostic>(m, "Diagnostic")
      .def_property_readonly(
          "level",
          [](const Diagnostic& diagnostic) {
            return Text(Diagnostic::LevelName(diagnostic.level));
          })
      .def_property_readonly("code", TextOf(&Diagnostic::code))
      .def_readonly("location", &Diagnostic::location)
      .def_property_readonly("message", TextOf(&Diagnostic::message));

  py::class_<Suppression>(m, "Suppression")
      .def_property_readonly("kind", TextOf(&Suppression::kind))
      .def_property_readonly("reason", TextOf(&Suppression::reason))
      .def_readonly("location", &Suppression::location);

  py::class_<SuppressedFinding>(m, "SuppressedFinding")
      .def_readonly("finding", &SuppressedFinding::finding)
      .def_readonly("suppression", &SuppressedFinding::suppression);

  py::class_<CheckResult>(m, "CheckResult")
      .def_readonly("findings", &CheckResult::findings)
      .def_readonly("suppressed", &CheckResult::suppressed)
      .def_readonly("diagnostics", &CheckResult::diagnostics)
      .def_property_readonly("files", [](const CheckResult& result) {
        return TextList(result.files);
      });

  py::class_<RuleInfo>(m, "RuleInfo")
      .def_property_readonly("id", TextOf(&RuleInfo::id))
      .def_property_readonly("title", TextOf(&RuleInfo::title))
      .def_property_readonly("severity",
                             [](const RuleInfo& rule) {
                               return Text(SeverityName(rule.severity));
                             })
      .def_property_readonly("category", TextOf(&RuleInfo::category))
      .def_property_readonly("rationale", TextOf(&RuleInfo::rationale))
      .def_property_readonly("remediation", TextOf(&RuleInfo::remediation))
      .def_property_readonly(
          "references",
          [](const RuleInfo& rule) { return TextList(rule.references); })
      .def_property_readonly("check", TextOf(&RuleInfo::check))
      .def_readonly("location", &RuleInfo::location);

  // Paths arrive as bytes (os.fsencode) or str; pybind11 takes both.
  m.def("check", &RunCheck, py::arg("paths"), py::arg("only_rules"),
        py::arg("skip_rules"), py::arg("recursive") = true,
        py::arg("skip_hidden") = true,
        py::arg("parameters") = std::map<std::string, std::string>(),
        py::arg("parameter_files") = std::vector<std::string>(),
        py::arg("variables") = std::map<std::string, std::string>(),
        py::arg("variable_files") = std::vector<std::string>(),
        py::arg("baseline") = std::string(),
        py::arg("apply_suppressions") = true,
        py::arg("rule_paths") = std::vector<std::string>(),
        py::arg("host_rules") = py::list(),
        "Loads `paths`, runs the selected built-in rules; raises "
        "polygraph.Error on failure. Runs without the GIL.");
  // Findings as (rule_id, file, line, column, resource, message) tuples.
  m.def("write_baseline", &BaselineText, py::arg("findings"), py::arg("root"),
        "The baseline (baseline.h) of `findings`, files relative to `root` "
        "(\"\" = the current directory).");
  m.def(
      "graph_json",
      [](const std::vector<std::string>& paths, bool recursive,
         bool skip_hidden) {
        return RenderGraph(paths, recursive, skip_hidden, GraphFormat::kJson);
      },
      py::arg("paths"), py::arg("recursive") = true,
      py::arg("skip_hidden") = true,
      "The graph of the model loaded from `paths`, as JSON text.");
  m.def(
      "graph_dot",
      [](const std::vector<std::string>& paths, bool recursive,
         bool skip_hidden) {
        return RenderGraph(paths, recursive, skip_hidden, GraphFormat::kDot);
      },
      py::arg("paths"), py::arg("recursive") = true,
      py::arg("skip_hidden") = true,
      "The graph of the model loaded from `paths`, as Graphviz DOT text.");
  m.def("rules", &BuiltinRules, "The built-in rules' metadata, sorted by id.");
  m.def("severities", &SeverityNames, "Severity names from lowest to highest.");
  m.def(
      "version", [] { return Text(Version()); },
      "The library version, e.g. \"0.1.0\".");

  python::BindIam(m);
  python::BindIamAccess(m);
  python::BindCidr(m);
  python::BindReach(m);
  python::BindDiff(m);
  python::BindReport(m);
}
