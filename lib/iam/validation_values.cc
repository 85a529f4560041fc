// Condition value forms and key-type rules (validation_values.h).

#include "iam/validation_values.h"

#include <cstddef>
#include <optional>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"

namespace polygraph::iam::validation_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Reads exactly `width` digits at `pos` as a number; -1 when absent.
int ReadFixed(std::string_view text, size_t& pos, size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    if (!IsDigit(text[pos + i])) return -1;
    value = value * 10 + (text[pos + i] - '0');
  }
  pos += width;
  return value;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "hh:mm[:ss[.fraction]]" and an optional zone at `pos` to the end.
bool IsTimeAndZone(std::string_view text, size_t pos) {
  int hour = ReadFixed(text, pos, 2);
  if (hour < 0 || hour > 23 || !Expect(text, pos, ':')) return false;
  int minute = ReadFixed(text, pos, 2);
  if (minute < 0 || minute > 59) return false;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    int second = ReadFixed(text, pos, 2);
    if (second < 0 || second > 60) return false;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      size_t start = pos;
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      if (pos == start) return false;
    }
  }
  if (pos == text.size()) return true;
  if (text[pos] == 'Z') return pos + 1 == text.size();
  if (text[pos] != '+' && text[pos] != '-') return false;
  ++pos;
  int zone_hour = ReadFixed(text, pos, 2);
  if (zone_hour < 0 || zone_hour > 23) return false;
  if (pos < text.size() && text[pos] == ':') ++pos;
  int zone_minute = ReadFixed(text, pos, 2);
  return zone_minute >= 0 && zone_minute <= 59 && pos == text.size();
}

}  // namespace

bool IsConditionNumber(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return AllDigits(text);
  return AllDigits(text.substr(0, dot)) && AllDigits(text.substr(dot + 1));
}

bool IsConditionDate(std::string_view text) {
  if (AllDigits(text)) return true;  // epoch seconds
  size_t pos = 0;
  int year = ReadFixed(text, pos, 4);
  if (year < 0 || !Expect(text, pos, '-')) return false;
  int month = ReadFixed(text, pos, 2);
  if (month < 1 || month > 12 || !Expect(text, pos, '-')) return false;
  int day = ReadFixed(text, pos, 2);
  if (day < 1 || day > DaysInMonth(year, month)) return false;
  if (pos == text.size()) return true;
  if (!Expect(text, pos, 'T')) return false;
  return IsTimeAndZone(text, pos);
}

bool IsConditionBoolean(std::string_view text) {
  absl::string_view absl_text(text.data(), text.size());
  return absl::EqualsIgnoreCase(absl_text, "true") ||
         absl::EqualsIgnoreCase(absl_text, "false");
}

bool IsConditionIp(std::string_view text) {
  if (text.find('/') != std::string_view::npos) {
    return ip::Cidr::Parse(text, {.normalize_host_bits = true}).ok();
  }
  return ip::IpAddress::Parse(text).ok();
}

std::optional<KeyTypeRule> KeyTypeRuleFor(std::string_view key_type) {
  absl::string_view type(key_type.data(), key_type.size());
  absl::ConsumePrefix(&type, "ArrayOf");
  if (absl::EqualsIgnoreCase(type, "String")) {
    return KeyTypeRule{OperatorType::kString, OperatorType::kArn,
                       "a String operator (StringEquals, StringLike, ...)"};
  }
  if (absl::EqualsIgnoreCase(type, "ARN")) {
    return KeyTypeRule{OperatorType::kArn, OperatorType::kString,
                       "an Arn operator (ArnEquals, ArnLike, ...)"};
  }
  if (absl::EqualsIgnoreCase(type, "Numeric") ||
      absl::EqualsIgnoreCase(type, "Long") ||
      absl::EqualsIgnoreCase(type, "Integer")) {
    return KeyTypeRule{OperatorType::kNumeric, std::nullopt,
                       "a Numeric operator (NumericEquals, NumericLessThan, "
                       "...)"};
  }
  if (absl::EqualsIgnoreCase(type, "Date")) {
    return KeyTypeRule{OperatorType::kDate, std::nullopt,
                       "a Date operator (DateLessThan, DateGreaterThan, ...)"};
  }
  if (absl::EqualsIgnoreCase(type, "Bool") ||
      absl::EqualsIgnoreCase(type, "Boolean")) {
    return KeyTypeRule{OperatorType::kBool, std::nullopt, "the Bool operator"};
  }
  if (absl::EqualsIgnoreCase(type, "IPAddress")) {
    return KeyTypeRule{OperatorType::kIp, std::nullopt,
                       "IpAddress or NotIpAddress"};
  }
  if (absl::EqualsIgnoreCase(type, "Binary")) {
    return KeyTypeRule{OperatorType::kBinary, std::nullopt,
                       "the BinaryEquals operator"};
  }
  return std::nullopt;
}

}  // namespace polygraph::iam::validation_internal
