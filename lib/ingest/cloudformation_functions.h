#ifndef POLYGRAPH_LIB_INGEST_CLOUDFORMATION_FUNCTIONS_H_
#define POLYGRAPH_LIB_INGEST_CLOUDFORMATION_FUNCTIONS_H_

// The value-level parts of CloudFormation's intrinsic functions that do not
// depend on a template: Fn::Cidr, Fn::GetAZs, Fn::Base64, and what a region
// implies for AWS::Partition and AWS::URLSuffix.
//
// Thread safety: pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace polygraph::ingest {

// Fn::Cidr [ip_block, count, cidr_bits]: the first `count` subnets of
// `ip_block`, each with `cidr_bits` host bits (a /24 for 8 bits in IPv4, a
// /64 for 64 bits in IPv6), in address order. Host bits of `ip_block` must
// be zero, as CloudFormation requires. Errors (InvalidArgument): a block
// that is not a CIDR, `count` outside 1..256, `cidr_bits` outside
// 1..(width - prefix length), or more subnets than fit in the block.
absl::StatusOr<std::vector<std::string>> CidrBlocks(std::string_view ip_block,
                                                    int count, int cidr_bits);

// Fn::GetAZs: the Availability Zone names EC2 lists for `region` in an
// account created today (each account sees the zones of its region under
// the same names, though a zone name may map to a different physical zone
// per account); nullopt for a region this table does not know.
std::optional<std::vector<std::string>> AvailabilityZones(
    std::string_view region);

// AWS::Partition for `region`: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*,
// "aws-iso" for us-iso-*, "aws-iso-b" for us-isob-*, else "aws".
std::string_view PartitionOfRegion(std::string_view region);

// AWS::URLSuffix for `region`: "amazonaws.com.cn" in China, "c2s.ic.gov"
// and "sc2s.sgov.gov" in the ISO partitions, else "amazonaws.com".
std::string_view UrlSuffixOfRegion(std::string_view region);

// Fn::Base64: standard base64 with padding.
std::string Base64(std::string_view text);

}  // namespace polygraph::ingest

#endif  // POLYGRAPH_LIB_INGEST_CLOUDFORMATION_FUNCTIONS_H_
