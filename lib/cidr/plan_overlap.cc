// The overlap sweep and the property readers of the address-plan analysis
// (plan_internal.h).

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "base/strings.h"
#include "cidr/plan_internal.h"
#include "polygraph/value.h"

namespace polygraph::cidr::internal {
namespace {

using ::polygraph::internal::ToAbsl;

// The argument of intrinsic `name` ("Select") written as `!Select x` or
// `{"Fn::Select": x}`, or nullptr.
const Value* CallArgument(const Value& value, std::string_view name) {
  if (value.tag.size() == name.size() + 1 && value.tag[0] == '!' &&
      std::string_view(value.tag).substr(1) == name) {
    return &value;
  }
  if (value.is_object() && value.keys.size() == 1 &&
      value.keys[0].size() == name.size() + 4 &&
      value.keys[0].starts_with("Fn::") &&
      std::string_view(value.keys[0]).substr(4) == name) {
    return &value.items[0];
  }
  return nullptr;
}

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

bool IsSeparator(char c) { return c == '-' || c == '_' || c == '.'; }

void StripSeparators(std::string& text) {
  while (!text.empty() && IsSeparator(text.back())) text.pop_back();
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> FindOverlaps(
    std::vector<SweepBlock>& blocks) {
  std::sort(blocks.begin(), blocks.end(),
            [](const SweepBlock& a, const SweepBlock& b) {
              if (a.group != b.group) return a.group < b.group;
              if (a.family != b.family) return a.family < b.family;
              if (a.first != b.first) return a.first < b.first;
              return a.prefix_length < b.prefix_length;
            });
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<const SweepBlock*> stack;
  for (const SweepBlock& block : blocks) {
    while (!stack.empty() && (stack.back()->group != block.group ||
                              stack.back()->family != block.family ||
                              stack.back()->last < block.first)) {
      stack.pop_back();
    }
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      if ((*it)->owner != block.owner) {
        pairs.emplace_back((*it)->id, block.id);
        break;
      }
    }
    stack.push_back(&block);
  }
  return pairs;
}

const Value* FindTag(const Value& properties, std::string_view key,
                     bool ignore_case) {
  const Value* tags =
      properties.is_object() ? properties.Find("Tags") : nullptr;
  if (tags == nullptr || !tags->is_array()) return nullptr;
  for (const Value& tag : tags->items) {
    if (!tag.is_object()) continue;
    const Value* name = tag.Find("Key");
    const Value* value = tag.Find("Value");
    if (name == nullptr || value == nullptr || !name->is_string() ||
        !name->tag.empty() || !value->is_scalar() || !value->tag.empty()) {
      continue;
    }
    bool match = ignore_case
                     ? absl::EqualsIgnoreCase(ToAbsl(name->text), ToAbsl(key))
                     : name->text == key;
    if (match) return value;
  }
  return nullptr;
}

std::string ZoneOf(const Value& properties,
                   const std::string& availability_zone) {
  if (!availability_zone.empty()) return availability_zone;
  const Value* zone =
      properties.is_object() ? properties.Find("AvailabilityZone") : nullptr;
  if (zone == nullptr) return "";
  const Value* select = CallArgument(*zone, "Select");
  if (select == nullptr || !select->is_array() || select->items.size() != 2) {
    return "";
  }
  const Value& index = select->items[0];
  if (!index.is_scalar() || !index.tag.empty() || !IsDigits(index.text) ||
      CallArgument(select->items[1], "GetAZs") == nullptr) {
    return "";
  }
  return "GetAZs[" + index.text + "]";
}

std::string TierOf(const Value& properties, std::string_view logical_id) {
  if (const Value* tier = FindTag(properties, "Tier", /*ignore_case=*/true)) {
    if (!tier->text.empty()) return tier->text;
  }
  // Every run of digits is an AZ index: PublicSubnet1, Subnet1Public and
  // NetworkPrivateSubnet2Subnet lose it. A separator left doubled by the
  // removal ("subnet-1-app") is kept once.
  std::string tier;
  bool removed_digits = false;
  for (char c : logical_id) {
    if (c >= '0' && c <= '9') {
      removed_digits = true;
      continue;
    }
    if (IsSeparator(c) && !tier.empty() && IsSeparator(tier.back())) continue;
    tier.push_back(c);
  }
  StripSeparators(tier);
  if (!removed_digits && tier.size() >= 2) {
    // One trailing letter written as an AZ suffix: "SubnetA", "subnet-b".
    char last = tier.back();
    char before = tier[tier.size() - 2];
    bool camel = absl::ascii_isupper(static_cast<unsigned char>(last)) &&
                 absl::ascii_islower(static_cast<unsigned char>(before));
    bool separated = absl::ascii_isalpha(static_cast<unsigned char>(last)) &&
                     IsSeparator(before);
    if (camel || separated) tier.pop_back();
  }
  StripSeparators(tier);
  if (tier.size() > 2 && absl::EndsWithIgnoreCase(ToAbsl(tier), "az")) {
    tier.resize(tier.size() - 2);
    StripSeparators(tier);
  }
  return tier.empty() ? std::string(logical_id) : tier;
}

bool IsProduction(const Value& properties) {
  for (std::string_view key : {"Environment", "Env", "Stage"}) {
    const Value* value = FindTag(properties, key, /*ignore_case=*/true);
    if (value != nullptr &&
        (absl::EqualsIgnoreCase(ToAbsl(value->text), "prod") ||
         absl::EqualsIgnoreCase(ToAbsl(value->text), "production"))) {
      return true;
    }
  }
  return false;
}

std::string FormatCount(absl::uint128 count) {
  std::ostringstream digits;
  digits << count;
  std::string text = digits.str();
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && (text.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace polygraph::cidr::internal
