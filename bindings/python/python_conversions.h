#ifndef POLYGRAPH_BINDINGS_PYTHON_PYTHON_CONVERSIONS_H_
#define POLYGRAPH_BINDINGS_PYTHON_PYTHON_CONVERSIONS_H_

// What every part of polygraph._core shares: library text to Python str,
// and the one place a failed Status becomes a Python exception.

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/source_location.h"

namespace polygraph::python {

namespace py = pybind11;

// Text from the library (paths, values quoted from input files) is bytes
// that are UTF-8 almost always; it becomes a str the way os.fsdecode() makes
// one, so a non-UTF-8 file name round-trips instead of raising
// UnicodeDecodeError. REQUIRES: the GIL is held.
inline py::str Text(std::string_view text) {
  PyObject* decoded = PyUnicode_DecodeUTF8(
      text.data(), static_cast<Py_ssize_t>(text.size()), "surrogateescape");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

inline py::list TextList(const std::vector<std::string>& texts) {
  py::list list;
  for (const std::string& text : texts) list.append(Text(text));
  return list;
}

// A read-only property of a string member, through Text().
template <typename Class>
auto TextOf(std::string Class::*member) {
  return [member](const Class& object) { return Text(object.*member); };
}

// The one place a failed Status becomes a Python exception: an instance of
// polygraph.errors.InputError when the status carries a source location,
// NotFoundError for kNotFound, else Error. REQUIRES: the GIL is held.
[[noreturn]] inline void RaiseError(const absl::Status& status) {
  py::module_ errors = py::module_::import("polygraph.errors");
  const std::string message(status.message());
  const std::string code = absl::StatusCodeToString(status.code());
  py::object error;
  if (std::optional<SourceLocation> location = ErrorLocation(status)) {
    // The message is "file:line:col: reason"; the reason alone is kept too.
    std::string reason = message;
    const std::string prefix = location->ToString() + ": ";
    if (reason.compare(0, prefix.size(), prefix) == 0) {
      reason.erase(0, prefix.size());
    }
    error = errors.attr("InputError")(Text(message), py::arg("code") = code,
                                      py::arg("file") = Text(location->file),
                                      py::arg("line") = location->line,
                                      py::arg("column") = location->column,
                                      py::arg("reason") = Text(reason));
  } else if (status.code() == absl::StatusCode::kNotFound) {
    error = errors.attr("NotFoundError")(Text(message), py::arg("code") = code);
  } else {
    error = errors.attr("Error")(Text(message), py::arg("code") = code);
  }
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())),
                  error.ptr());
  throw py::error_already_set();
}

template <typename T>
T ValueOrRaise(absl::StatusOr<T> result) {
  if (!result.ok()) RaiseError(result.status());
  return *std::move(result);
}

// Binds the IAM part of the module (iam_module.cc).
void BindIam(py::module_& m);
// iam_access_module.cc: comparison, checks, minimization, account analyses.
void BindIamAccess(py::module_& m);
// Binds the CIDR part of the module (cidr_module.cc).
void BindCidr(py::module_& m);
// Binds the reachability part of the module (reach_module.cc).
void BindReach(py::module_& m);
// Binds Diff and its reports (diff_module.cc).
void BindDiff(py::module_& m);
// Binds format_report (report_module.cc).
void BindReport(py::module_& m);

}  // namespace polygraph::python

#endif  // POLYGRAPH_BINDINGS_PYTHON_PYTHON_CONVERSIONS_H_
