#include "ingest/cloudformation_functions.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/cidr.h"
#include "polygraph/cidr_functions.h"

namespace polygraph::ingest {

absl::StatusOr<std::vector<std::string>> CidrBlocks(std::string_view ip_block,
                                                    int count, int cidr_bits) {
  absl::StatusOr<ip::Cidr> block = ip::Cidr::Parse(ip_block);
  if (!block.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Fn::Cidr block ", internal::QuoteForMessage(ip_block),
                     " is not a CIDR: ", block.status().message()));
  }
  if (count < 1 || count > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("Fn::Cidr count must be 1 to 256, found ", count));
  }
  const int width = block->family() == ip::Family::kIpv4 ? 32 : 128;
  const int newbits = width - cidr_bits - block->prefix_length();
  if (cidr_bits < 1 || newbits < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Fn::Cidr cidrBits must be 1 to ", width - block->prefix_length(),
        " for ", block->ToString(), ", found ", cidr_bits));
  }
  if (newbits < 64 && (absl::int128(1) << newbits) < count) {
    return absl::InvalidArgumentError(
        absl::StrCat("Fn::Cidr cannot fit ", count, " subnets of ", cidr_bits,
                     " host bits in ", block->ToString()));
  }
  std::vector<std::string> blocks;
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<ip::Cidr> subnet = cidr::CidrSubnet(*block, newbits, i);
    if (!subnet.ok()) return subnet.status();
    blocks.push_back(subnet->ToString());
  }
  return blocks;
}

std::optional<std::vector<std::string>> AvailabilityZones(
    std::string_view region) {
  struct Entry {
    std::string_view region;
    std::string_view letters;
  };
  static constexpr std::array<Entry, 20> kZones = {{
      {"us-east-1", "abcdef"},   {"us-east-2", "abc"},
      {"us-west-2", "abcd"},     {"ca-central-1", "abd"},
      {"eu-west-1", "abc"},      {"eu-west-2", "abc"},
      {"eu-west-3", "abc"},      {"eu-central-1", "abc"},
      {"eu-north-1", "abc"},     {"eu-south-1", "abc"},
      {"ap-southeast-1", "abc"}, {"ap-southeast-2", "abc"},
      {"ap-northeast-1", "acd"}, {"ap-northeast-2", "abcd"},
      {"ap-northeast-3", "abc"}, {"ap-south-1", "abc"},
      {"ap-east-1", "abc"},      {"sa-east-1", "abc"},
      {"af-south-1", "abc"},     {"me-south-1", "abc"},
  }};
  for (const Entry& entry : kZones) {
    if (entry.region != region) continue;
    std::vector<std::string> zones;
    for (char letter : entry.letters) {
      zones.push_back(absl::StrCat(internal::ToAbsl(region),
                                   absl::string_view(&letter, 1)));
    }
    return zones;
  }
  return std::nullopt;
}

std::string_view PartitionOfRegion(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  if (region.starts_with("us-isob-")) return "aws-iso-b";
  if (region.starts_with("us-iso-")) return "aws-iso";
  return "aws";
}

std::string_view UrlSuffixOfRegion(std::string_view region) {
  if (region.starts_with("cn-")) return "amazonaws.com.cn";
  if (region.starts_with("us-isob-")) return "sc2s.sgov.gov";
  if (region.starts_with("us-iso-")) return "c2s.ic.gov";
  return "amazonaws.com";
}

std::string Base64(std::string_view text) {
  return absl::Base64Escape(internal::ToAbsl(text));
}

}  // namespace polygraph::ingest
