// format and formatlist: Go-style verbs as Terraform accepts them.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {
namespace {

using Kind = TfValue::Kind;

struct Verb {
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool zero = false;
  bool space = false;
  int width = -1;
  int precision = -1;
  char verb = 0;
  size_t offset = 0;  // of the '%'
};

std::string VerbText(const Verb& verb) {
  return absl::StrCat("\"%", std::string(1, verb.verb), "\"");
}

absl::Status Unsupported(const Call& call, const Verb& verb,
                         absl::string_view why) {
  return ArgumentError(
      call, absl::StrCat("unsupported value for ", VerbText(verb), " at ",
                         verb.offset, ": ", why));
}

// Pads `text` to the verb's width (in characters).
std::string Pad(std::string text, const Verb& verb, bool numeric) {
  if (verb.width < 0) return text;
  const size_t length = CodePointOffsets(text).size() - 1;
  if (length >= static_cast<size_t>(verb.width)) return text;
  const size_t missing = static_cast<size_t>(verb.width) - length;
  if (verb.minus) return text + std::string(missing, ' ');
  if (verb.zero && numeric) {
    size_t sign =
        !text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == ' ')
            ? 1
            : 0;
    return text.insert(sign, std::string(missing, '0'));
  }
  return std::string(missing, ' ') + text;
}

std::string Signed(std::string digits, bool negative, const Verb& verb) {
  if (negative) return "-" + digits;
  if (verb.plus) return "+" + digits;
  if (verb.space) return " " + digits;
  return digits;
}

absl::StatusOr<std::string> FormatNumber(const Call& call, const Verb& verb,
                                         const TfValue& value) {
  absl::StatusOr<double> number = ConvertToNumber(value);
  if (!number.ok()) return Unsupported(call, verb, "number required");
  const double x = *number;
  switch (verb.verb) {
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      if (x != std::floor(x) || std::fabs(x) > 9.2e18) {
        return Unsupported(call, verb, "an integer is required");
      }
      uint64_t magnitude = static_cast<uint64_t>(std::fabs(x));
      const int base = verb.verb == 'd'   ? 10
                       : verb.verb == 'b' ? 2
                       : verb.verb == 'o' ? 8
                                          : 16;
      const char* digits =
          verb.verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
      std::string text;
      do {
        text.insert(text.begin(), digits[magnitude % base]);
        magnitude /= base;
      } while (magnitude != 0);
      if (verb.precision >= 0 &&
          text.size() < static_cast<size_t>(verb.precision)) {
        text.insert(0, static_cast<size_t>(verb.precision) - text.size(), '0');
      }
      return Signed(std::move(text), x < 0, verb);
    }
    default: {
      char format[8] = {'%', '.', '*', verb.verb, 0};
      char buffer[512];
      const int precision = verb.precision >= 0 ? verb.precision : 6;
      if ((verb.verb == 'g' || verb.verb == 'G') && verb.precision < 0) {
        // Go's %g: the shortest representation.
        std::string text = TfValue::FormatNumber(std::fabs(x));
        return Signed(std::move(text), std::signbit(x), verb);
      }
      std::snprintf(buffer, sizeof buffer, format, precision, std::fabs(x));
      return Signed(buffer, std::signbit(x) && x != 0, verb);
    }
  }
}

// One verb applied to one argument; `part` receives an unknown argument
// that %s/%v can carry into a template.
absl::StatusOr<std::string> FormatOne(const Call& call, const Verb& verb,
                                      const TfValue& value) {
  if (value.is_null() && verb.verb != 'v') {
    return Unsupported(call, verb, "null value cannot be formatted");
  }
  switch (verb.verb) {
    case 'v':
      if (verb.sharp || value.kind == Kind::kList ||
          value.kind == Kind::kObject) {
        return Pad(JsonEncode(value), verb, false);
      }
      return Pad(value.text, verb, false);
    case 's': {
      absl::StatusOr<std::string> text = ConvertToString(value);
      if (!text.ok()) return Unsupported(call, verb, "string required");
      if (verb.precision >= 0) {
        std::vector<size_t> offsets = CodePointOffsets(*text);
        if (static_cast<size_t>(verb.precision) + 1 < offsets.size()) {
          text->resize(offsets[static_cast<size_t>(verb.precision)]);
        }
      }
      return Pad(*std::move(text), verb, false);
    }
    case 'q': {
      absl::StatusOr<std::string> text = ConvertToString(value);
      if (!text.ok()) return Unsupported(call, verb, "string required");
      return Pad(JsonEncode(TfValue::String(*text, {})), verb, false);
    }
    case 't': {
      absl::StatusOr<bool> boolean = ConvertToBool(value);
      if (!boolean.ok()) return Unsupported(call, verb, "bool required");
      return Pad(*boolean ? "true" : "false", verb, false);
    }
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      absl::StatusOr<std::string> text = FormatNumber(call, verb, value);
      if (!text.ok()) return text.status();
      return Pad(*std::move(text), verb, true);
    }
    default:
      return ArgumentError(call, absl::StrCat("unrecognized format character '",
                                              std::string(1, verb.verb),
                                              "' at offset ", verb.offset));
  }
}

// format(spec, args...) over already-chosen arguments.
absl::StatusOr<TfValue> FormatValues(const Call& call,
                                     const TfValue& spec_value,
                                     const std::vector<const TfValue*>& args) {
  if (!spec_value.is_known()) return UnknownResult(call);
  if (spec_value.is_null()) {
    return ArgumentError(call, "argument 1 must not be null");
  }
  absl::StatusOr<std::string> converted = ConvertToString(spec_value);
  if (!converted.ok()) return ArgumentError(call, converted.status().message());
  const std::string& spec = *converted;
  std::vector<TfValue> parts;
  std::string text;
  size_t next_arg = 0;
  size_t used = 0;
  for (size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') {
      text += spec[i];
      continue;
    }
    Verb verb;
    verb.offset = i;
    size_t j = i + 1;
    for (; j < spec.size(); ++j) {
      const char c = spec[j];
      if (c == '-') {
        verb.minus = true;
      } else if (c == '+') {
        verb.plus = true;
      } else if (c == '#') {
        verb.sharp = true;
      } else if (c == '0') {
        verb.zero = true;
      } else if (c == ' ') {
        verb.space = true;
      } else {
        break;
      }
    }
    auto read_index = [&]() -> absl::Status {
      if (j >= spec.size() || spec[j] != '[') return absl::OkStatus();
      size_t close = spec.find(']', j);
      int index = 0;
      for (size_t k = j + 1; close != std::string::npos && k < close; ++k) {
        if (spec[k] < '0' || spec[k] > '9' || index > 100000) {
          close = std::string::npos;
          break;
        }
        index = index * 10 + (spec[k] - '0');
      }
      if (close == std::string::npos || index < 1) {
        return ArgumentError(call,
                             absl::StrCat("invalid argument index at ", j));
      }
      next_arg = static_cast<size_t>(index - 1);
      j = close + 1;
      return absl::OkStatus();
    };
    auto read_number = [&]() {
      int number = -1;
      while (j < spec.size() && spec[j] >= '0' && spec[j] <= '9') {
        number = (number < 0 ? 0 : number * 10) + (spec[j] - '0');
        if (number > 100000) number = 100000;
        ++j;
      }
      return number;
    };
    if (absl::Status status = read_index(); !status.ok()) return status;
    verb.width = read_number();
    if (j < spec.size() && spec[j] == '.') {
      ++j;
      verb.precision = std::max(0, read_number());
    }
    if (absl::Status status = read_index(); !status.ok()) return status;
    if (j >= spec.size()) {
      return ArgumentError(
          call, absl::StrCat("unterminated format verb at offset ", i));
    }
    verb.verb = spec[j];
    i = j;
    if (verb.verb == '%') {
      text += '%';
      continue;
    }
    if (next_arg >= args.size()) {
      return ArgumentError(
          call, absl::StrCat("not enough arguments for ", VerbText(verb),
                             " at ", verb.offset, ": need index ", next_arg + 1,
                             " but have ", args.size(), " total"));
    }
    const TfValue& value = *args[next_arg];
    ++next_arg;
    used = std::max(used, next_arg);
    if (!value.IsWhollyKnown()) {
      const bool plain = (verb.verb == 's' || verb.verb == 'v') &&
                         verb.width < 0 && verb.precision < 0 && !verb.sharp;
      if (!plain || value.kind != Kind::kUnknown) return UnknownResult(call);
      parts.push_back(TfValue::String(std::move(text), call.location));
      text.clear();
      parts.push_back(value);
      continue;
    }
    absl::StatusOr<std::string> formatted = FormatOne(call, verb, value);
    if (!formatted.ok()) return formatted.status();
    text += *formatted;
  }
  if (used < args.size()) {
    return ArgumentError(call, absl::StrCat("too many arguments; only ", used,
                                            " used by format string"));
  }
  parts.push_back(TfValue::String(std::move(text), call.location));
  return TfValue::Concatenation(std::move(parts), call.location);
}

}  // namespace

absl::StatusOr<TfValue> Format(Call& call) {
  std::vector<const TfValue*> args;
  for (size_t i = 1; i < call.args.size(); ++i) args.push_back(&call.args[i]);
  return FormatValues(call, call.args[0], args);
}

absl::StatusOr<TfValue> FormatList(Call& call) {
  size_t length = 1;
  size_t length_from = 0;  // the argument giving `length`; 0: none
  for (size_t i = 0; i < call.args.size(); ++i) {
    const TfValue& argument = call.args[i];
    if (!argument.is_known() && (i == 0 || argument.items.empty())) {
      return UnknownResult(call);
    }
    if (i == 0 || argument.kind != Kind::kList) continue;
    if (length_from != 0 && argument.items.size() != length) {
      return ArgumentError(
          call, absl::StrCat("argument ", i + 1, " has length ",
                             argument.items.size(),
                             ", which is inconsistent with argument ",
                             length_from + 1, " of length ", length));
    }
    length = argument.items.size();
    length_from = i;
  }
  std::vector<TfValue> results;
  for (size_t k = 0; k < length; ++k) {
    std::vector<const TfValue*> args;
    for (size_t i = 1; i < call.args.size(); ++i) {
      const TfValue& argument = call.args[i];
      args.push_back(argument.kind == Kind::kList ? &argument.items[k]
                                                  : &argument);
    }
    absl::StatusOr<TfValue> result = FormatValues(call, call.args[0], args);
    if (!result.ok()) return result.status();
    results.push_back(*std::move(result));
  }
  return TfValue::List(std::move(results), call.location);
}

}  // namespace polygraph::terraform::functions_internal
