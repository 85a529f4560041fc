// polygraph._core: Diff (diff.h) and its reports. The Python API is in
// polygraph/diff.py; the result crosses as the library's JSON plus the
// Markdown and text renderings, so the two stay identical to the CLI's.
// Diff runs without the GIL.

#include <pybind11/stl.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "polygraph/diff.h"
#include "polygraph/diff_report.h"
#include "python_conversions.h"

namespace polygraph::python {
namespace {

struct DiffTexts {
  std::string json, markdown, text;
};

py::dict RunDiff(const std::vector<std::string>& base,
                 const std::vector<std::string>& head,
                 const std::vector<std::string>& only_rules,
                 const std::vector<std::string>& skip_rules,
                 const std::vector<std::string>& rule_paths,
                 const std::map<std::string, std::string>& parameters,
                 const std::map<std::string, std::string>& variables,
                 const std::string& base_root, const std::string& head_root) {
  DiffOptions options;
  options.check.only_rules = only_rules;
  options.check.skip_rules = skip_rules;
  options.check.rule_paths = rule_paths;
  options.check.load.parameters = parameters;
  options.check.load.terraform_variables = variables;
  options.base_root = base_root;
  options.head_root = head_root;
  absl::StatusOr<DiffTexts> texts = absl::UnknownError("not run");
  {
    py::gil_scoped_release release;
    absl::StatusOr<DiffResult> diff = Diff(base, head, options);
    if (diff.ok()) {
      texts = DiffTexts{.json = FormatDiffJson(*diff),
                        .markdown = FormatDiffMarkdown(*diff),
                        .text = FormatDiffText(*diff)};
    } else {
      texts = diff.status();
    }
  }
  if (!texts.ok()) RaiseError(texts.status());
  py::dict out;
  out["json"] = Text(texts->json);
  out["markdown"] = Text(texts->markdown);
  out["text"] = Text(texts->text);
  return out;
}

}  // namespace

void BindDiff(py::module_& m) {
  m.def("diff", &RunDiff, py::arg("base"), py::arg("head"),
        py::arg("only_rules") = std::vector<std::string>(),
        py::arg("skip_rules") = std::vector<std::string>(),
        py::arg("rule_paths") = std::vector<std::string>(),
        py::arg("parameters") = std::map<std::string, std::string>(),
        py::arg("variables") = std::map<std::string, std::string>(),
        py::arg("base_root") = std::string(),
        py::arg("head_root") = std::string(),
        "Diff of two trees as {\"json\", \"markdown\", \"text\"}; raises "
        "polygraph.Error on failure. Runs without the GIL.");
}

}  // namespace polygraph::python
