// Representative request values of one condition key: string cells,
// numeric and date boundaries and their neighbours, booleans, addresses at
// and around every CIDR's ends.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "iam/compare_internal.h"
#include "iam/condition_values.h"
#include "polygraph/cidr.h"

namespace polygraph::iam::internal {
namespace {

std::string FormatNumber(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value,
                                 std::chars_format::fixed);
  if (ec != std::errc()) return "0";
  return std::string(buffer, end);
}

std::optional<std::string> FormatDate(int64_t micros) {
  std::string text =
      absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromUnixMicros(micros),
                       absl::UTCTimeZone());
  std::optional<int64_t> back = ParseDate(text);
  if (back.has_value() && *back == micros) return text;
  if (micros % 1000000 == 0) return std::to_string(micros / 1000000);
  return std::nullopt;
}

}  // namespace

ValueCandidates ConditionValueCandidates(
    const std::vector<ConditionRef>& conditions, size_t state_limit) {
  ValueCandidates out;
  std::vector<CellPattern> strings;
  std::vector<double> numbers;
  std::vector<int64_t> dates;
  std::vector<ip::Cidr> cidrs;
  bool bools = false;
  int families = 0;
  bool has_string = false, has_number = false, has_date = false, has_ip = false;
  for (const ConditionRef& ref : conditions) {
    std::optional<ConditionOperator> op =
        ConditionOperator::Parse(ref.condition->op);
    if (!op.has_value()) continue;
    for (const LocatedString& value : ref.condition->values) {
      switch (op->type()) {
        case OperatorType::kString:
        case OperatorType::kBinary: {
          has_string = true;
          bool like = op->base == OperatorBase::kStringLike ||
                      op->base == OperatorBase::kStringNotLike;
          bool fold = op->base == OperatorBase::kStringEqualsIgnoreCase ||
                      op->base == OperatorBase::kStringNotEqualsIgnoreCase;
          absl::StatusOr<CellPattern> p = TextCellPattern(
              value.value, like, fold,
              ref.substitute && op->type() == OperatorType::kString);
          if (p.ok()) strings.push_back(*std::move(p));
          break;
        }
        case OperatorType::kArn: {
          has_string = true;
          absl::StatusOr<std::optional<CellPattern>> p =
              ArnCellPattern(value.value, ref.substitute);
          if (p.ok() && p->has_value()) strings.push_back(**p);
          break;
        }
        case OperatorType::kNumeric:
          has_number = true;
          if (std::optional<double> n = ParseNumber(value.value)) {
            numbers.push_back(*n);
          }
          break;
        case OperatorType::kDate:
          has_date = true;
          if (std::optional<int64_t> d = ParseDate(value.value)) {
            dates.push_back(*d);
          }
          break;
        case OperatorType::kBool:
          bools = true;
          break;
        case OperatorType::kIp:
          has_ip = true;
          if (std::optional<ip::Cidr> c = ParseIpOrCidr(value.value)) {
            cidrs.push_back(*c);
          }
          break;
        case OperatorType::kNull:
          break;
      }
    }
  }
  families = has_string + has_number + has_date + has_ip + bools;
  out.mixed = families > 1;
  auto add = [&](std::string value, bool names_nothing) {
    if (std::find(out.values.begin(), out.values.end(), value) !=
        out.values.end()) {
      return;
    }
    out.values.push_back(std::move(value));
    out.names_nothing.push_back(names_nothing);
  };
  if (has_string) {
    CellSearch cells = SearchCells(strings, state_limit);
    out.capped = cells.capped;
    for (size_t i = 0; i < cells.representatives.size(); ++i) {
      add(cells.representatives[i], cells.matches_none[i]);
    }
  }
  if (has_number) {
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    for (size_t i = 0; i < numbers.size(); ++i) {
      add(FormatNumber(numbers[i]), false);
      add(FormatNumber(numbers[i] - 1), true);
      add(FormatNumber(numbers[i] + 1), true);
      if (i + 1 < numbers.size()) {
        add(FormatNumber((numbers[i] + numbers[i + 1]) / 2), true);
      }
    }
    add("not-a-number", true);
  }
  if (has_date) {
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    for (size_t i = 0; i < dates.size(); ++i) {
      for (int64_t d : {dates[i], dates[i] - 1000000, dates[i] + 1000000}) {
        if (std::optional<std::string> text = FormatDate(d)) {
          add(*text, d != dates[i]);
        }
      }
      if (i + 1 < dates.size()) {
        int64_t mid = dates[i] + (dates[i + 1] - dates[i]) / 2;
        if (std::optional<std::string> text = FormatDate(mid)) {
          add(*text, true);
        }
      }
    }
    add("not-a-date", true);
  }
  if (bools) {
    add("true", false);
    add("false", false);
    add("maybe", true);
  }
  if (has_ip) {
    std::vector<ip::IpAddress> addresses;
    for (const ip::Cidr& c : cidrs) {
      addresses.push_back(c.first());
      addresses.push_back(c.last());
      if (std::optional<ip::IpAddress> a = c.first().Prev()) {
        addresses.push_back(*a);
      }
      if (std::optional<ip::IpAddress> a = c.last().Next()) {
        addresses.push_back(*a);
      }
    }
    addresses.push_back(ip::IpAddress::Min(ip::Family::kIpv4));
    addresses.push_back(ip::IpAddress::Max(ip::Family::kIpv6));
    for (const ip::IpAddress& a : addresses) {
      bool inside = false;
      for (const ip::Cidr& c : cidrs) inside = inside || c.Contains(a);
      add(a.ToString(), !inside);
    }
    add("not-an-address", true);
  }
  if (out.values.empty()) add("value", true);
  return out;
}

}  // namespace polygraph::iam::internal
