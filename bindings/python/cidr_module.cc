// The CIDR part of polygraph._core: Terraform's CIDR functions, the address
// plan of loaded files, and the subnet planner. polygraph/cidr.py gives them
// their Pythonic shape (ints, dataclasses). The plan crosses as the
// library's JSON (cidr::PlanToJson), so IPv6 address counts stay exact.
//
// Thread safety: every function is pure and runs the library without the
// GIL; any number of Python threads may call them at once.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_functions.h"
#include "polygraph/cidr_plan.h"
#include "polygraph/cidr_planner.h"
#include "polygraph/diagnostic.h"
#include "polygraph/loader.h"
#include "python_conversions.h"

namespace polygraph::python {
namespace {

// Runs `f` without the GIL and raises on failure.
template <typename F>
auto Released(F f) {
  decltype(f()) result = absl::UnknownError("not run");
  {
    py::gil_scoped_release release;
    result = f();
  }
  return ValueOrRaise(std::move(result));
}

py::str Subnet(const std::string& prefix, int newbits,
               const std::string& netnum_text) {
  return Text(Released([&]() -> absl::StatusOr<std::string> {
    absl::int128 netnum = 0;
    if (absl::SimpleAtoi(netnum_text, &netnum)) {
      return cidr::CidrSubnet(prefix, newbits, netnum);
    }
    // Beyond 128 bits: an invalid prefix or newbits is reported first, as
    // Terraform checks them first; otherwise no extension holds the number.
    absl::StatusOr<std::string> checked = cidr::CidrSubnet(prefix, newbits, 0);
    if (!checked.ok()) return checked.status();
    return absl::InvalidArgumentError(
        absl::StrCat("prefix extension of ", newbits,
                     " does not accommodate a subnet numbered ", netnum_text));
  }));
}

std::pair<std::string, std::vector<Diagnostic>> Plan(
    const std::vector<std::string>& paths, bool recursive, bool skip_hidden) {
  return Released(
      [&]() -> absl::StatusOr<std::pair<std::string, std::vector<Diagnostic>>> {
        LoadOptions options;
        options.recursive = recursive;
        options.skip_hidden = skip_hidden;
        options.fail_on_error_diagnostics = true;
        absl::StatusOr<LoadResult> loaded = LoadPaths(paths, options);
        if (!loaded.ok()) return loaded.status();
        absl::StatusOr<cidr::AddressPlan> plan =
            cidr::AnalysePlan(loaded->model, {});
        if (!plan.ok()) return plan.status();
        return std::make_pair(cidr::PlanToJson(*plan),
                              std::move(loaded->diagnostics));
      });
}

absl::StatusOr<std::vector<ip::Cidr>> ParseAll(
    const std::vector<std::string>& texts) {
  std::vector<ip::Cidr> cidrs;
  for (const std::string& text : texts) {
    absl::StatusOr<ip::Cidr> cidr = ip::Cidr::Parse(text);
    if (!cidr.ok()) return cidr.status();
    cidrs.push_back(*cidr);
  }
  return cidrs;
}

// (cidr, zone) pairs.
std::vector<std::pair<std::string, std::string>> PlanSubnets(
    const std::vector<std::string>& vpc_cidrs,
    const std::vector<std::string>& existing, int count, int prefix_length,
    const std::vector<std::string>& zones) {
  return Released(
      [&]()
          -> absl::StatusOr<std::vector<std::pair<std::string, std::string>>> {
        absl::StatusOr<std::vector<ip::Cidr>> vpc = ParseAll(vpc_cidrs);
        if (!vpc.ok()) return vpc.status();
        absl::StatusOr<std::vector<ip::Cidr>> used = ParseAll(existing);
        if (!used.ok()) return used.status();
        cidr::SubnetRequest request;
        request.count = count;
        request.prefix_length = prefix_length;
        request.availability_zones = zones;
        absl::StatusOr<std::vector<cidr::PlannedSubnet>> planned =
            cidr::PlanSubnets(*vpc, *used, request);
        if (!planned.ok()) return planned.status();
        std::vector<std::pair<std::string, std::string>> out;
        for (const cidr::PlannedSubnet& subnet : *planned) {
          out.emplace_back(subnet.cidr.ToString(), subnet.availability_zone);
        }
        return out;
      });
}

}  // namespace

void BindCidr(py::module_& m) {
  m.def("cidr_subnet", &Subnet, py::arg("prefix"), py::arg("newbits"),
        py::arg("netnum"),
        "Terraform's cidrsubnet; netnum as decimal text (it may exceed 64 "
        "bits for IPv6).");
  m.def(
      "cidr_subnets",
      [](const std::string& prefix, const std::vector<int>& newbits) {
        return TextList(
            Released([&] { return cidr::CidrSubnets(prefix, newbits); }));
      },
      py::arg("prefix"), py::arg("newbits"), "Terraform's cidrsubnets.");
  m.def(
      "cidr_host",
      [](const std::string& prefix, int64_t hostnum) {
        return Text(Released([&] { return cidr::CidrHost(prefix, hostnum); }));
      },
      py::arg("prefix"), py::arg("hostnum"), "Terraform's cidrhost.");
  m.def(
      "cidr_netmask",
      [](const std::string& prefix) {
        return Text(Released([&] { return cidr::CidrNetmask(prefix); }));
      },
      py::arg("prefix"), "Terraform's cidrnetmask.");
  m.def("cidr_plan", &Plan, py::arg("paths"), py::arg("recursive") = true,
        py::arg("skip_hidden") = true,
        "(the address plan as JSON text, the loader's diagnostics).");
  m.def("cidr_plan_subnets", &PlanSubnets, py::arg("vpc_cidrs"),
        py::arg("existing"), py::arg("count"), py::arg("prefix_length"),
        py::arg("zones"),
        "The lowest free aligned blocks, as (cidr, zone) pairs.");
}

}  // namespace polygraph::python
