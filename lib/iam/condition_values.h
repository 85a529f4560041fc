#ifndef POLYGRAPH_LIB_IAM_CONDITION_VALUES_H_
#define POLYGRAPH_LIB_IAM_CONDITION_VALUES_H_

// Readers for the typed values condition operators compare, used both for
// policy values (once, in Authorizer::Compile) and request values (on every
// decision, without allocating).
//
// Thread safety: pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>

#include "polygraph/cidr.h"

namespace polygraph::iam::internal {

// An integer or decimal: optional sign, digits, optional '.' and digits
// ("10", "-3", "2.50", ".5"). No exponent, no whitespace.
std::optional<double> ParseNumber(std::string_view text);

// A date as AWS accepts it, in microseconds since the Unix epoch (UTC):
// ISO 8601 "2024-05-01", "2024-05-01T12:00", "2024-05-01T12:00:00",
// with optional fractional seconds and a zone "Z", "+02:00" or "+0200"
// (no zone: UTC), or epoch seconds ("1714564800", optionally negative).
std::optional<int64_t> ParseDate(std::string_view text);

// "true" or "false", in any case.
std::optional<bool> ParseBool(std::string_view text);

// A CIDR ("10.0.0.0/8"; host bits are cleared, "10.1.2.3/8" is 10.0.0.0/8)
// or a single IPv4/IPv6 address (a /32 or /128).
std::optional<ip::Cidr> ParseIpOrCidr(std::string_view text);

}  // namespace polygraph::iam::internal

#endif  // POLYGRAPH_LIB_IAM_CONDITION_VALUES_H_
