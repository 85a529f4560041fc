// Time functions over RFC 3339 timestamps: timeadd and formatdate.
// (timestamp() itself is unknown: it changes at every run.)

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/strings.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {
namespace {

// A moment: seconds since 1970-01-01T00:00:00Z (fraction dropped) and the
// UTC offset, in seconds, it was written with.
struct Timestamp {
  int64_t seconds = 0;
  int offset = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year =
      (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void CivilFromDays(int64_t days, int64_t& year, int& month, int& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = year_of_era + era * 400 + (month <= 2);
}

bool Digits(std::string_view text, size_t at, size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

// "2017-11-22T00:00:00Z", "2017-11-22T01:00:00.5+01:00".
bool ParseRfc3339(std::string_view text, Timestamp& out) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
      !Digits(text, 5, 2, month) || text[7] != '-' ||
      !Digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
      !Digits(text, 11, 2, hour) || text[13] != ':' ||
      !Digits(text, 14, 2, minute) || text[16] != ':' ||
      !Digits(text, 17, 2, second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 59) {
    return false;
  }
  size_t i = 19;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    out.offset = 0;
    ++i;
  } else {
    int offset_hours = 0, offset_minutes = 0;
    if (i >= text.size() || (text[i] != '+' && text[i] != '-') ||
        !Digits(text, i + 1, 2, offset_hours) || i + 3 >= text.size() ||
        text[i + 3] != ':' || !Digits(text, i + 4, 2, offset_minutes)) {
      return false;
    }
    out.offset =
        (offset_hours * 3600 + offset_minutes * 60) * (text[i] == '-' ? -1 : 1);
    i += 6;
  }
  if (i != text.size()) return false;
  out.seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 +
                minute * 60 + second - out.offset;
  return true;
}

std::string Offset(int offset, bool colon) {
  const int magnitude = offset < 0 ? -offset : offset;
  return absl::StrFormat("%c%02d%s%02d", offset < 0 ? '-' : '+',
                         magnitude / 3600, colon ? ":" : "",
                         magnitude / 60 % 60);
}

struct Civil {
  int64_t year;
  int month, day, hour, minute, second, weekday;  // weekday 0 = Sunday
};

Civil ToCivil(const Timestamp& timestamp) {
  const int64_t local = timestamp.seconds + timestamp.offset;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const int64_t in_day = local - days * 86400;
  Civil civil{};
  CivilFromDays(days, civil.year, civil.month, civil.day);
  civil.hour = static_cast<int>(in_day / 3600);
  civil.minute = static_cast<int>(in_day / 60 % 60);
  civil.second = static_cast<int>(in_day % 60);
  civil.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01: Thu
  return civil;
}

std::string FormatRfc3339(const Timestamp& timestamp) {
  const Civil c = ToCivil(timestamp);
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d%s", c.year, c.month,
                         c.day, c.hour, c.minute, c.second,
                         timestamp.offset == 0
                             ? std::string("Z")
                             : Offset(timestamp.offset, /*colon=*/true));
}

// Go's time.ParseDuration, in whole seconds (fractions truncated at the end).
bool ParseDuration(std::string_view text, double& seconds) {
  size_t i = 0;
  double sign = 1;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    sign = text[i] == '-' ? -1 : 1;
    ++i;
  }
  if (text.substr(i) == "0") {
    seconds = 0;
    return true;
  }
  if (i == text.size()) return false;
  double total = 0;
  while (i < text.size()) {
    const size_t start = i;
    while (i < text.size() &&
           ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) {
      ++i;
    }
    double amount = 0;
    if (i == start || !ParseDecimal(text.substr(start, i - start), amount)) {
      return false;
    }
    const size_t unit_start = i;
    while (i < text.size() && !(text[i] >= '0' && text[i] <= '9') &&
           text[i] != '.') {
      ++i;
    }
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    double scale = 0;
    if (unit == "ns") {
      scale = 1e-9;
    } else if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") {
      scale = 1e-6;
    } else if (unit == "ms") {
      scale = 1e-3;
    } else if (unit == "s") {
      scale = 1;
    } else if (unit == "m") {
      scale = 60;
    } else if (unit == "h") {
      scale = 3600;
    } else {
      return false;
    }
    total += amount * scale;
  }
  seconds = sign * total;
  return true;
}

absl::StatusOr<Timestamp> TimestampArg(const Call& call, size_t index) {
  absl::StatusOr<std::string> text = StringArg(call, index);
  if (!text.ok()) return text.status();
  Timestamp timestamp;
  if (!ParseRfc3339(*text, timestamp)) {
    return ArgumentError(call, absl::StrCat("not a valid RFC3339 timestamp: ",
                                            internal::QuoteForMessage(*text)));
  }
  return timestamp;
}

absl::StatusOr<TfValue> TimeAdd(Call& call) {
  absl::StatusOr<Timestamp> timestamp = TimestampArg(call, 0);
  if (!timestamp.ok()) return timestamp.status();
  absl::StatusOr<std::string> duration = StringArg(call, 1);
  if (!duration.ok()) return duration.status();
  double seconds = 0;
  if (!ParseDuration(*duration, seconds)) {
    return ArgumentError(call,
                         absl::StrCat("invalid duration ",
                                      internal::QuoteForMessage(*duration)));
  }
  timestamp->seconds += static_cast<int64_t>(std::trunc(seconds));
  return TfValue::String(FormatRfc3339(*timestamp), call.location);
}

constexpr const char* kMonths[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Sunday",    "Monday",   "Tuesday",
                                     "Wednesday", "Thursday", "Friday",
                                     "Saturday"};

absl::StatusOr<TfValue> FormatDate(Call& call) {
  absl::StatusOr<std::string> spec = StringArg(call, 0);
  if (!spec.ok()) return spec.status();
  absl::StatusOr<Timestamp> timestamp = TimestampArg(call, 1);
  if (!timestamp.ok()) return timestamp.status();
  const Civil c = ToCivil(*timestamp);
  const std::string& s = *spec;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const char ch = s[i];
    if (ch == '\'') {
      // Quoted literal text; '' is a literal quote.
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= s.size()) {
          return ArgumentError(call, "unterminated literal '");
        }
        if (s[j] != '\'') {
          out += s[j];
        } else if (j + 1 < s.size() && s[j + 1] == '\'') {
          out += '\'';
          ++j;
        } else {
          break;
        }
      }
      i = j + 1;
      continue;
    }
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
      out += ch;
      ++i;
      continue;
    }
    size_t run = 1;
    while (i + run < s.size() && s[i + run] == ch) ++run;
    const std::string token = s.substr(i, run);
    i += run;
    const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
    if (token == "YYYY") {
      out += absl::StrFormat("%04d", c.year);
    } else if (token == "YY") {
      out += absl::StrFormat("%02d", c.year % 100);
    } else if (token == "MMMM") {
      out += kMonths[c.month - 1];
    } else if (token == "MMM") {
      out += std::string(kMonths[c.month - 1]).substr(0, 3);
    } else if (token == "MM") {
      out += absl::StrFormat("%02d", c.month);
    } else if (token == "M") {
      out += absl::StrCat(c.month);
    } else if (token == "DD") {
      out += absl::StrFormat("%02d", c.day);
    } else if (token == "D") {
      out += absl::StrCat(c.day);
    } else if (token == "EEEE") {
      out += kWeekdays[c.weekday];
    } else if (token == "EEE") {
      out += std::string(kWeekdays[c.weekday]).substr(0, 3);
    } else if (token == "hh") {
      out += absl::StrFormat("%02d", c.hour);
    } else if (token == "h") {
      out += absl::StrCat(c.hour);
    } else if (token == "HH") {
      out += absl::StrFormat("%02d", hour12);
    } else if (token == "H") {
      out += absl::StrCat(hour12);
    } else if (token == "AA") {
      out += c.hour < 12 ? "AM" : "PM";
    } else if (token == "aa") {
      out += c.hour < 12 ? "am" : "pm";
    } else if (token == "mm") {
      out += absl::StrFormat("%02d", c.minute);
    } else if (token == "m") {
      out += absl::StrCat(c.minute);
    } else if (token == "ss") {
      out += absl::StrFormat("%02d", c.second);
    } else if (token == "s") {
      out += absl::StrCat(c.second);
    } else if (token == "ZZZZZ") {
      out += Offset(timestamp->offset, /*colon=*/true);
    } else if (token == "ZZZZ") {
      out += Offset(timestamp->offset, /*colon=*/false);
    } else if (token == "ZZZ") {
      out += timestamp->offset == 0 ? "UTC" : Offset(timestamp->offset, false);
    } else if (token == "Z") {
      out += timestamp->offset == 0 ? "Z" : Offset(timestamp->offset, true);
    } else {
      return ArgumentError(call, absl::StrCat("invalid date format verb ",
                                              internal::QuoteForMessage(token),
                                              ": unsupported sequence"));
    }
  }
  return TfValue::String(std::move(out), call.location);
}

constexpr FunctionSpec kFunctions[] = {
    {"timeadd", 2, 2, false, TimeAdd},
    {"formatdate", 2, 2, false, FormatDate},
};

}  // namespace

std::span<const FunctionSpec> TimeFunctions() { return kFunctions; }

}  // namespace polygraph::terraform::functions_internal
