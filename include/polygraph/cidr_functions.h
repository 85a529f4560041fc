#ifndef POLYGRAPH_CIDR_FUNCTIONS_H_
#define POLYGRAPH_CIDR_FUNCTIONS_H_

// Terraform's CIDR functions (cidrsubnet, cidrsubnets, cidrhost,
// cidrnetmask), for IPv4 and IPv6, with Terraform's results and error texts.
//
//   cidr::CidrSubnet("172.16.0.0/12", 4, 2);      // "172.18.0.0/16"
//   cidr::CidrHost("10.12.112.0/20", 268);        // "10.12.113.12"
//   cidr::CidrSubnets("10.1.0.0/16", {4, 4, 8});  // 10.1.{0,16,32}.0/...
//
// Two levels: functions over ip::Cidr, and text-level functions that take
// the prefix as Terraform does (host bits allowed and cleared, IPv4 octets
// and prefix lengths with leading zeros read as decimal) and render results
// as Terraform does (an IPv4-mapped IPv6 result prints as IPv4).
//
// Every error is InvalidArgument whose message is Terraform's own text, e.g.
// "insufficient address space to extend prefix of 30 by 4". Where Terraform
// has no check and computes garbage (negative newbits or netnum in
// cidrsubnet) these functions return an error instead; see each function.
//
// Thread safety: pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"

namespace polygraph::cidr {

// cidrsubnet: the subnet numbered `netnum` among the subnets of `prefix`
// whose prefix is `newbits` longer. Errors:
//   "insufficient address space to extend prefix of P by N" when
//     P + newbits exceeds the address width;
//   "prefix extension of N does not accommodate a subnet numbered M" when
//     netnum is not in [0, 2^newbits);
//   "newbits must not be negative, got N" (Terraform has no such check).
absl::StatusOr<ip::Cidr> CidrSubnet(const ip::Cidr& prefix, int newbits,
                                    absl::int128 netnum);

// cidrsubnets: consecutive subnets of `prefix`, the i-th `newbits[i]` bits
// longer, each placed at the first address after the previous one that is
// aligned to its size. An empty `newbits` gives an empty list. Errors, as
// Terraform checks each value in order:
//   "must extend prefix by at least one bit" (newbits < 1);
//   "may not extend prefix by more than 32 bits" (newbits > 32);
//   "would extend prefix to L bits, which is too long for an IPv4 address";
//   "not enough remaining address space for a subnet with a prefix of L bits
//     after C" (C is the previous subnet). Like Terraform, a prefix starting
//     at address zero (0.0.0.0/n, ::/n) always gives this error.
absl::StatusOr<std::vector<ip::Cidr>> CidrSubnets(
    const ip::Cidr& prefix, const std::vector<int>& newbits);

// cidrhost: the address numbered `hostnum` in `prefix`; a negative hostnum
// counts back from the end (-1 is the last address). Error:
//   "prefix of P does not accommodate a host numbered H", where H is
//   hostnum, or for a negative hostnum Terraform's adjusted number
//   (2^(width-P) + hostnum, itself negative).
absl::StatusOr<ip::IpAddress> CidrHost(const ip::Cidr& prefix, int64_t hostnum);

// cidrnetmask: the IPv4 netmask of `prefix` in dotted form ("255.240.0.0").
// Error: "IPv6 addresses cannot have a netmask: <prefix>".
absl::StatusOr<std::string> CidrNetmask(const ip::Cidr& prefix);

// Text level: `prefix` as Terraform reads it; a prefix that does not parse
// gives "invalid CIDR expression: invalid CIDR address: <prefix>". Results
// are rendered as Terraform renders them.
absl::StatusOr<std::string> CidrSubnet(std::string_view prefix, int newbits,
                                       absl::int128 netnum);
absl::StatusOr<std::vector<std::string>> CidrSubnets(
    std::string_view prefix, const std::vector<int>& newbits);
absl::StatusOr<std::string> CidrHost(std::string_view prefix, int64_t hostnum);
absl::StatusOr<std::string> CidrNetmask(std::string_view prefix);

}  // namespace polygraph::cidr

#endif  // POLYGRAPH_CIDR_FUNCTIONS_H_
