// Number functions and the scalar conversions tonumber and tobool.

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {
namespace {

absl::StatusOr<TfValue> MinOrMax(Call& call, bool min) {
  if (call.args.empty()) {
    return ArgumentError(call, "must pass at least one number");
  }
  double best = 0;
  for (size_t i = 0; i < call.args.size(); ++i) {
    absl::StatusOr<double> number = NumberArg(call, i);
    if (!number.ok()) return number.status();
    if (i == 0 || (min ? *number < best : *number > best)) best = *number;
  }
  return TfValue::Number(best, call.location);
}

absl::StatusOr<TfValue> Min(Call& call) { return MinOrMax(call, true); }
absl::StatusOr<TfValue> Max(Call& call) { return MinOrMax(call, false); }

template <double (*Apply)(double)>
absl::StatusOr<TfValue> NumberMap(Call& call) {
  absl::StatusOr<double> number = NumberArg(call, 0);
  if (!number.ok()) return number.status();
  return TfValue::Number(Apply(*number), call.location);
}

double Abs(double x) { return std::fabs(x); }
double Ceil(double x) { return std::ceil(x); }
double Floor(double x) { return std::floor(x); }
double Signum(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }

absl::StatusOr<TfValue> Pow(Call& call) {
  absl::StatusOr<double> base = NumberArg(call, 0);
  if (!base.ok()) return base.status();
  absl::StatusOr<double> exponent = NumberArg(call, 1);
  if (!exponent.ok()) return exponent.status();
  return TfValue::Number(std::pow(*base, *exponent), call.location);
}

absl::StatusOr<TfValue> Log(Call& call) {
  absl::StatusOr<double> number = NumberArg(call, 0);
  if (!number.ok()) return number.status();
  absl::StatusOr<double> base = NumberArg(call, 1);
  if (!base.ok()) return base.status();
  return TfValue::Number(std::log(*number) / std::log(*base), call.location);
}

absl::StatusOr<TfValue> ParseInt(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<double> base_number = NumberArg(call, 1);
  if (!base_number.ok()) return base_number.status();
  if (*base_number != std::floor(*base_number) || *base_number < 2 ||
      *base_number > 62) {
    return ArgumentError(call,
                         "base must be a whole number between 2 and 62 "
                         "inclusive");
  }
  const int base = static_cast<int>(*base_number);
  auto failure = [&] {
    return ArgumentError(
        call, absl::StrCat("cannot parse ", internal::QuoteForMessage(*text),
                           " as a base ", base, " integer"));
  };
  size_t i = 0;
  bool negative = false;
  if (i < text->size() && ((*text)[i] == '-' || (*text)[i] == '+')) {
    negative = (*text)[i] == '-';
    ++i;
  }
  if (i == text->size()) return failure();
  double value = 0;
  for (; i < text->size(); ++i) {
    const char c = (*text)[i];
    int digit = 99;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'z') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'Z') {
      digit = c - 'A' + (base <= 36 ? 10 : 36);
    }
    if (digit >= base) return failure();
    value = value * base + digit;
  }
  return TfValue::Number(negative ? -value : value, call.location);
}

absl::StatusOr<TfValue> ToNumber(Call& call) {
  const TfValue& value = call.args[0];
  if (value.is_null()) return value;
  absl::StatusOr<double> number = ConvertToNumber(value);
  if (!number.ok()) return ArgumentError(call, number.status().message());
  return TfValue::Number(*number, call.location);
}

absl::StatusOr<TfValue> ToBool(Call& call) {
  const TfValue& value = call.args[0];
  if (value.is_null()) return value;
  absl::StatusOr<bool> boolean = ConvertToBool(value);
  if (!boolean.ok()) return ArgumentError(call, boolean.status().message());
  return TfValue::Bool(*boolean, call.location);
}

constexpr FunctionSpec kFunctions[] = {
    {"min", 0, -1, false, Min},
    {"max", 0, -1, false, Max},
    {"abs", 1, 1, false, NumberMap<Abs>},
    {"ceil", 1, 1, false, NumberMap<Ceil>},
    {"floor", 1, 1, false, NumberMap<Floor>},
    {"signum", 1, 1, false, NumberMap<Signum>},
    {"pow", 2, 2, false, Pow},
    {"log", 2, 2, false, Log},
    {"parseint", 2, 2, false, ParseInt},
    {"tonumber", 1, 1, false, ToNumber},
    {"tobool", 1, 1, false, ToBool},
};

}  // namespace

std::span<const FunctionSpec> NumberFunctions() { return kFunctions; }

}  // namespace polygraph::terraform::functions_internal
