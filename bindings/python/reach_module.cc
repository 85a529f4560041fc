// The reachability part of polygraph._core: a loaded model whose network is
// built on first use, asked reach and exposure questions. Answers cross as
// the library's text (net::FormatReachJson and friends, reach_report.h), so
// Python and the CLI render the same; polygraph/network.py parses the JSON.
//
// Thread safety: LoadedModel is immutable once loaded; its Network is built
// once (absl::call_once) and is thread-safe. Every call runs the library
// without the GIL, so many Python threads may ask at once.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polygraph/diagnostic.h"
#include "polygraph/loader.h"
#include "polygraph/reach_report.h"
#include "polygraph/reachability.h"
#include "python_conversions.h"

namespace polygraph::python {
namespace {

// A Model and, once asked for, its Network. Not copyable or movable: the
// Network points into `loaded_.model`.
class LoadedModel {
 public:
  explicit LoadedModel(LoadResult loaded) : loaded_(std::move(loaded)) {}
  LoadedModel(const LoadedModel&) = delete;
  LoadedModel& operator=(const LoadedModel&) = delete;

  const Model& model() const { return loaded_.model; }
  const std::vector<Diagnostic>& diagnostics() const {
    return loaded_.diagnostics;
  }

  // Builds the network on first use. REQUIRES: the GIL is not held (the
  // build may take a while and other threads may wait on it).
  absl::StatusOr<const net::Network*> network() const {
    absl::call_once(once_, [this] {
      absl::StatusOr<net::Network> built = net::Network::Build(loaded_.model);
      if (built.ok()) {
        network_ = std::make_unique<net::Network>(*std::move(built));
      } else {
        status_ = built.status();
      }
    });
    if (!status_.ok()) return status_;
    return network_.get();
  }

 private:
  LoadResult loaded_;
  mutable absl::once_flag once_;
  mutable std::unique_ptr<net::Network> network_;
  mutable absl::Status status_;
};

enum class Format { kJson, kText, kDot };

Format ParseFormat(const std::string& format) {
  if (format == "json") return Format::kJson;
  if (format == "text") return Format::kText;
  if (format == "dot") return Format::kDot;
  throw py::value_error("format must be \"json\", \"text\" or \"dot\", not \"" +
                        format + "\"");
}

// Runs `f` without the GIL and raises on failure.
template <typename F>
std::string Released(F f) {
  absl::StatusOr<std::string> result = absl::UnknownError("not run");
  {
    py::gil_scoped_release release;
    result = f();
  }
  return ValueOrRaise(std::move(result));
}

std::unique_ptr<LoadedModel> Load(
    const std::vector<std::string>& paths, bool recursive, bool skip_hidden,
    const std::map<std::string, std::string>& parameters,
    const std::vector<std::string>& parameter_files,
    const std::map<std::string, std::string>& variables,
    const std::vector<std::string>& variable_files) {
  LoadOptions options;
  options.parameters = parameters;
  options.parameter_files = parameter_files;
  options.terraform_variables = variables;
  options.terraform_variable_files = variable_files;
  options.recursive = recursive;
  options.skip_hidden = skip_hidden;
  options.fail_on_error_diagnostics = true;
  absl::StatusOr<LoadResult> loaded;
  {
    py::gil_scoped_release release;
    loaded = LoadPaths(paths, options);
  }
  return std::make_unique<LoadedModel>(ValueOrRaise(std::move(loaded)));
}

py::str Reach(const LoadedModel& self, const std::string& from,
              const std::string& to, std::optional<int> port,
              const std::string& protocol, const std::string& format_name) {
  const Format format = ParseFormat(format_name);
  return Text(Released([&]() -> absl::StatusOr<std::string> {
    absl::StatusOr<ip::PacketSet> filter = net::TrafficFilter(port, protocol);
    if (!filter.ok()) return filter.status();
    absl::StatusOr<net::Endpoint> source =
        net::ParseEndpoint(self.model(), from);
    if (!source.ok()) return source.status();
    absl::StatusOr<net::Endpoint> target = net::ParseEndpoint(self.model(), to);
    if (!target.ok()) return target.status();
    if (target->kind != net::Endpoint::Kind::kResource) {
      return absl::InvalidArgumentError(
          "the destination must name a workload, security group or subnet");
    }
    absl::StatusOr<const net::Network*> network = self.network();
    if (!network.ok()) return network.status();
    const net::ReachResult result =
        net::RestrictReach((*network)->Reach(*source, *target), *filter);
    const net::ReachQuestion question{.from = from, .to = to};
    switch (format) {
      case Format::kText:
        return net::FormatReachText(self.model(), question, result);
      case Format::kDot:
        return net::FormatReachDot(self.model(), question, result);
      case Format::kJson:
        break;
    }
    return net::FormatReachJson(self.model(), question, result);
  }));
}

py::str Exposed(const LoadedModel& self, const std::string& format_name) {
  const Format format = ParseFormat(format_name);
  return Text(Released([&]() -> absl::StatusOr<std::string> {
    absl::StatusOr<const net::Network*> network = self.network();
    if (!network.ok()) return network.status();
    const std::vector<net::Exposure> exposures =
        (*network)->ExposedToInternet();
    switch (format) {
      case Format::kText:
        return net::FormatExposureText(self.model(), exposures);
      case Format::kDot:
        return net::FormatExposureDot(self.model(), exposures);
      case Format::kJson:
        break;
    }
    return net::FormatExposureJson(self.model(), exposures);
  }));
}

}  // namespace

void BindReach(py::module_& m) {
  py::class_<LoadedModel>(m, "LoadedModel")
      .def_property_readonly("files",
                             [](const LoadedModel& self) {
                               return TextList(self.model().files());
                             })
      .def_property_readonly("diagnostics", &LoadedModel::diagnostics)
      .def_property_readonly("network_diagnostics",
                             [](const LoadedModel& self) {
                               std::vector<Diagnostic> diagnostics;
                               absl::StatusOr<const net::Network*> network;
                               {
                                 py::gil_scoped_release release;
                                 network = self.network();
                               }
                               if (network.ok()) {
                                 diagnostics = (*network)->diagnostics();
                               }
                               return diagnostics;
                             })
      .def("reach", &Reach, py::arg("source"), py::arg("destination"),
           py::arg("port") = std::nullopt, py::arg("protocol") = "",
           py::arg("format") = "json",
           "What gets from `source` to `destination`, rendered in `format`. "
           "Runs without the GIL.")
      .def("exposed", &Exposed, py::arg("format") = "json",
           "Every workload reachable from the internet, rendered in "
           "`format`. Runs without the GIL.");
  m.def("load_model", &Load, py::arg("paths"), py::arg("recursive") = true,
        py::arg("skip_hidden") = true,
        py::arg("parameters") = std::map<std::string, std::string>(),
        py::arg("parameter_files") = std::vector<std::string>(),
        py::arg("variables") = std::map<std::string, std::string>(),
        py::arg("variable_files") = std::vector<std::string>(),
        "Loads `paths` into a LoadedModel; raises polygraph.Error on "
        "failure. Runs without the GIL.");
}

}  // namespace polygraph::python
