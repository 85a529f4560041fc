#include "iam/condition_values.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "polygraph/ip_address.h"

namespace polygraph::iam::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `width` digits at text[pos].
std::optional<int> Digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

constexpr int64_t kMicrosPerSecond = 1000000;

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0 || i != text.size()) return std::nullopt;
  if (text[0] == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ParseDate(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Epoch seconds: all digits (with an optional sign), not a year-month-day.
  bool all_digits = true;
  for (size_t i = (text[0] == '-' ? 1 : 0); i < text.size(); ++i) {
    if (!IsDigit(text[i])) all_digits = false;
  }
  if (all_digits && text.size() > (text[0] == '-' ? 1u : 0u)) {
    if (text.size() > 12) return std::nullopt;  // beyond year 33000
    int64_t seconds = 0;
    for (size_t i = (text[0] == '-' ? 1 : 0); i < text.size(); ++i) {
      seconds = seconds * 10 + (text[i] - '0');
    }
    return (text[0] == '-' ? -seconds : seconds) * kMicrosPerSecond;
  }
  std::optional<int> year = Digits(text, 0, 4);
  if (!year || text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  std::optional<int> month = Digits(text, 5, 2);
  std::optional<int> day = Digits(text, 8, 2);
  if (!month || !day || *month < 1 || *month > 12 || *day < 1 ||
      *day > DaysInMonth(*year, *month)) {
    return std::nullopt;
  }
  int64_t micros =
      DaysFromCivil(*year, *month, *day) * 86400 * kMicrosPerSecond;
  size_t pos = 10;
  if (pos == text.size()) return micros;
  if (text[pos] != 'T') return std::nullopt;
  std::optional<int> hour = Digits(text, pos + 1, 2);
  if (!hour || pos + 3 >= text.size() || text[pos + 3] != ':') {
    return std::nullopt;
  }
  std::optional<int> minute = Digits(text, pos + 4, 2);
  if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
  pos += 6;
  int second = 0;
  int64_t fraction = 0;
  if (pos < text.size() && text[pos] == ':') {
    std::optional<int> s = Digits(text, pos + 1, 2);
    if (!s || *s > 60) return std::nullopt;
    second = *s;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      size_t start = pos;
      int64_t scale = 100000;
      while (pos < text.size() && IsDigit(text[pos])) {
        fraction += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
  }
  micros +=
      ((*hour * 60 + *minute) * 60 + second) * kMicrosPerSecond + fraction;
  if (pos == text.size()) return micros;
  if (text[pos] == 'Z' && pos + 1 == text.size()) return micros;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  int sign = text[pos] == '+' ? 1 : -1;
  std::optional<int> zone_hour = Digits(text, pos + 1, 2);
  if (!zone_hour) return std::nullopt;
  pos += 3;
  if (pos < text.size() && text[pos] == ':') ++pos;
  std::optional<int> zone_minute = Digits(text, pos, 2);
  if (!zone_minute || pos + 2 != text.size() || *zone_hour > 23 ||
      *zone_minute > 59) {
    return std::nullopt;
  }
  // Local time = UTC + offset, so UTC = local - offset.
  return micros -
         sign * (*zone_hour * 60 + *zone_minute) * 60 * kMicrosPerSecond;
}

std::optional<bool> ParseBool(std::string_view text) {
  auto equals = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[i]) return false;
    }
    return true;
  };
  if (equals("true")) return true;
  if (equals("false")) return false;
  return std::nullopt;
}

std::optional<ip::Cidr> ParseIpOrCidr(std::string_view text) {
  if (text.find('/') != std::string_view::npos) {
    absl::StatusOr<ip::Cidr> cidr =
        ip::Cidr::Parse(text, {.normalize_host_bits = true});
    if (!cidr.ok()) return std::nullopt;
    return *cidr;
  }
  absl::StatusOr<ip::IpAddress> address = ip::IpAddress::Parse(text);
  if (!address.ok()) return std::nullopt;
  return ip::Cidr::Host(*address);
}

}  // namespace polygraph::iam::internal
