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
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/check.h"
#include "polygraph/diagnostic.h"
#include "polygraph/finding.h"
#include "polygraph/graph.h"
#include "polygraph/loader.h"
#include "polygraph/rules.h"
#include "polygraph/source_location.h"
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

CheckResult RunCheck(const std::vector<std::string>& paths,
                     const std::vector<std::string>& only_rules,
                     const std::vector<std::string>& skip_rules, bool recursive,
                     bool skip_hidden,
                     const std::map<std::string, std::string>& parameters,
                     const std::vector<std::string>& parameter_files,
                     const std::map<std::string, std::string>& variables,
                     const std::vector<std::string>& variable_files) {
  CheckOptions options;
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

  py::class_<CheckResult>(m, "CheckResult")
      .def_readonly("findings", &CheckResult::findings)
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
        "Loads `paths`, runs the selected built-in rules; raises "
        "polygraph.Error on failure. Runs without the GIL.");
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
  python::BindCidr(m);
  python::BindReach(m);
}
