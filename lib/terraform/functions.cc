#include "terraform/functions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/strings.h"
#include "polygraph/cidr_functions.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform {
namespace functions_internal {
namespace {

std::string Ordinal(size_t index) { return absl::StrCat(index + 1); }

// --- CIDR functions -------------------------------------------------------

int ClampToInt(int64_t value) {
  return static_cast<int>(std::clamp<int64_t>(
      value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

absl::StatusOr<TfValue> CidrSubnet(Call& call) {
  absl::StatusOr<std::string> prefix = StringArg(call, 0);
  if (!prefix.ok()) return prefix.status();
  absl::StatusOr<int64_t> newbits = IntegerArg(call, 1);
  if (!newbits.ok()) return newbits.status();
  absl::StatusOr<int64_t> netnum = IntegerArg(call, 2);
  if (!netnum.ok()) return netnum.status();
  absl::StatusOr<std::string> result =
      cidr::CidrSubnet(*prefix, ClampToInt(*newbits), absl::int128(*netnum));
  if (!result.ok()) return ArgumentError(call, result.status().message());
  return TfValue::String(*std::move(result), call.location);
}

absl::StatusOr<TfValue> CidrSubnets(Call& call) {
  absl::StatusOr<std::string> prefix = StringArg(call, 0);
  if (!prefix.ok()) return prefix.status();
  std::vector<int> newbits;
  for (size_t i = 1; i < call.args.size(); ++i) {
    absl::StatusOr<int64_t> bits = IntegerArg(call, i);
    if (!bits.ok()) return bits.status();
    newbits.push_back(ClampToInt(*bits));
  }
  absl::StatusOr<std::vector<std::string>> result =
      cidr::CidrSubnets(*prefix, newbits);
  if (!result.ok()) return ArgumentError(call, result.status().message());
  std::vector<TfValue> items;
  for (std::string& subnet : *result) {
    items.push_back(TfValue::String(std::move(subnet), call.location));
  }
  return TfValue::List(std::move(items), call.location);
}

absl::StatusOr<TfValue> CidrHost(Call& call) {
  absl::StatusOr<std::string> prefix = StringArg(call, 0);
  if (!prefix.ok()) return prefix.status();
  absl::StatusOr<int64_t> hostnum = IntegerArg(call, 1);
  if (!hostnum.ok()) return hostnum.status();
  absl::StatusOr<std::string> result = cidr::CidrHost(*prefix, *hostnum);
  if (!result.ok()) return ArgumentError(call, result.status().message());
  return TfValue::String(*std::move(result), call.location);
}

absl::StatusOr<TfValue> CidrNetmask(Call& call) {
  absl::StatusOr<std::string> prefix = StringArg(call, 0);
  if (!prefix.ok()) return prefix.status();
  absl::StatusOr<std::string> result = cidr::CidrNetmask(*prefix);
  if (!result.ok()) return ArgumentError(call, result.status().message());
  return TfValue::String(*std::move(result), call.location);
}

// --- File functions -------------------------------------------------------

// Reads argument 0 through the context as UTF-8 text (file, templatefile).
// Sets `unknown` when the context cannot read files.
absl::StatusOr<std::string> ReadFile(Call& call, bool& unknown) {
  absl::StatusOr<std::string> text = ReadFileBytes(call, unknown);
  if (!text.ok() || unknown) return text;
  if (internal::FirstInvalidUtf8(*text).has_value()) {
    return ArgumentError(
        call, absl::StrCat("contents of ",
                           internal::QuoteForMessage(call.args[0].text),
                           " are not valid UTF-8"));
  }
  return text;
}

absl::StatusOr<TfValue> File(Call& call) {
  bool unknown = false;
  absl::StatusOr<std::string> text = ReadFile(call, unknown);
  if (!text.ok()) return text.status();
  if (unknown) return UnknownResult(call);
  return TfValue::String(*std::move(text), call.location);
}

absl::StatusOr<TfValue> FileExists(Call& call) {
  absl::StatusOr<std::string> path = StringArg(call, 0);
  if (!path.ok()) return path.status();
  if (!call.context.read_file) return UnknownResult(call);
  absl::StatusOr<std::string> text =
      call.context.read_file(ModulePath(call.context, *path));
  if (absl::IsNotFound(text.status())) {
    return TfValue::Bool(false, call.location);
  }
  if (!text.ok()) return ArgumentError(call, text.status().message());
  return TfValue::Bool(true, call.location);
}

absl::StatusOr<TfValue> TemplateFile(Call& call) {
  if (!call.args[0].is_known() || !call.args[1].is_known()) {
    return UnknownResult(call);
  }
  if (!call.args[1].is_null()) {
    if (absl::Status status = RequireObject(call, 1); !status.ok()) {
      return status;
    }
  }
  bool unknown = false;
  absl::StatusOr<std::string> text = ReadFile(call, unknown);
  if (!text.ok()) return text.status();
  if (unknown || !call.context.render_template) return UnknownResult(call);
  TfValue variables = call.args[1].is_null()
                          ? TfValue::Object({}, {}, call.location)
                          : call.args[1];
  absl::StatusOr<std::string> path = StringArg(call, 0);
  absl::StatusOr<TfValue> result = call.context.render_template(
      *text, ModulePath(call.context, *path), variables);
  if (!result.ok()) return result.status();
  result->location = call.location;
  return result;
}

// --- Paths and values known only at apply time ----------------------------

// Go's path.Clean: the shortest equivalent slash-separated path.
std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  for (absl::string_view piece :
       absl::StrSplit(internal::ToAbsl(path), '/', absl::SkipEmpty())) {
    std::string_view part(piece.data(), piece.size());
    if (part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
        continue;
      }
      if (rooted) continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out.append(parts[i]);
  }
  return out.empty() ? "." : out;
}

absl::StatusOr<TfValue> Basename(Call& call) {
  absl::StatusOr<std::string> path = StringArg(call, 0);
  if (!path.ok()) return path.status();
  std::string_view view = *path;
  if (view.empty()) return TfValue::String(".", call.location);
  while (view.size() > 1 && view.back() == '/') view.remove_suffix(1);
  if (view == "/") return TfValue::String("/", call.location);
  const size_t slash = view.rfind('/');
  if (slash != std::string_view::npos) view.remove_prefix(slash + 1);
  return TfValue::String(std::string(view), call.location);
}

absl::StatusOr<TfValue> Dirname(Call& call) {
  absl::StatusOr<std::string> path = StringArg(call, 0);
  if (!path.ok()) return path.status();
  const size_t slash = path->rfind('/');
  const std::string_view head =
      slash == std::string::npos ? std::string_view()
                                 : std::string_view(*path).substr(0, slash + 1);
  return TfValue::String(CleanPath(head), call.location);
}

// timestamp(), plantimestamp(), uuid(): new at every run, so unknown.
absl::StatusOr<TfValue> Unknowable(Call& call) { return UnknownResult(call); }

// sensitive() and nonsensitive(): polygraph does not track sensitivity.
absl::StatusOr<TfValue> Identity(Call& call) { return std::move(call.args[0]); }

constexpr FunctionSpec kOwnFunctions[] = {
    {"basename", 1, 1, false, Basename},
    {"dirname", 1, 1, false, Dirname},
    {"timestamp", 0, 0, false, Unknowable},
    {"plantimestamp", 0, 0, false, Unknowable},
    {"uuid", 0, 0, false, Unknowable},
    // fileset lists a folder, which the context cannot.
    {"fileset", 2, 2, false, Unknowable},
    {"sensitive", 1, 1, true, Identity},
    {"nonsensitive", 1, 1, true, Identity},
    {"cidrsubnet", 3, 3, false, CidrSubnet},
    {"cidrsubnets", 1, -1, false, CidrSubnets},
    {"cidrhost", 2, 2, false, CidrHost},
    {"cidrnetmask", 1, 1, false, CidrNetmask},
    {"file", 1, 1, false, File},
    {"fileexists", 1, 1, false, FileExists},
    {"templatefile", 2, 2, true, TemplateFile},
};

const absl::flat_hash_map<std::string_view, const FunctionSpec*>& Table() {
  static const auto* table = [] {
    auto* table =
        new absl::flat_hash_map<std::string_view, const FunctionSpec*>();
    for (std::span<const FunctionSpec> specs :
         {std::span<const FunctionSpec>(kOwnFunctions), CollectionFunctions(),
          StringFunctions(), EncodingFunctions(), NumberFunctions(),
          HashFunctions(), TimeFunctions()}) {
      for (const FunctionSpec& spec : specs) (*table)[spec.name] = &spec;
    }
    return table;
  }();
  return *table;
}

std::string ArityText(const FunctionSpec& spec) {
  if (spec.max_args < 0) return absl::StrCat("at least ", spec.min_args);
  if (spec.min_args == spec.max_args) return absl::StrCat(spec.min_args);
  if (spec.max_args == spec.min_args + 1) {
    return absl::StrCat(spec.min_args, " or ", spec.max_args);
  }
  return absl::StrCat(spec.min_args, " to ", spec.max_args);
}

absl::string_view KindOf(const TfValue& value) {
  return internal::ToAbsl(TfValue::KindName(value.kind));
}

}  // namespace

absl::Status ArgumentError(const Call& call, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("Invalid function argument: ", internal::ToAbsl(call.name),
                   ": ", message));
}

TfValue UnknownResult(const Call& call) {
  return TfValue::Unknown(absl::StrCat(internal::ToAbsl(call.name), "(...)"),
                          call.location);
}

bool ParseDecimal(std::string_view text, double& number) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    size_t exponent_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i, ++exponent_digits;
    }
    if (exponent_digits == 0) return false;
  }
  if (i != text.size()) return false;
  std::string_view body = text;
  if (!body.empty() && body.front() == '+') body.remove_prefix(1);
  auto result = std::from_chars(body.data(), body.data() + body.size(), number);
  return result.ec == std::errc() && std::isfinite(number);
}

absl::StatusOr<std::string> ConvertToString(const TfValue& value) {
  switch (value.kind) {
    case TfValue::Kind::kString:
    case TfValue::Kind::kNumber:
    case TfValue::Kind::kBool:
      return value.text;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("cannot convert ", KindOf(value), " ", Describe(value),
                       " to string"));
  }
}

absl::StatusOr<double> ConvertToNumber(const TfValue& value) {
  double number = 0;
  if (value.kind == TfValue::Kind::kNumber) return value.number;
  if (value.kind == TfValue::Kind::kString &&
      ParseDecimal(value.text, number)) {
    return number;
  }
  if (value.kind == TfValue::Kind::kString) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot convert ", Describe(value),
        " to number; given string must be a decimal representation of a "
        "number"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "cannot convert ", KindOf(value), " ", Describe(value), " to number"));
}

absl::StatusOr<bool> ConvertToBool(const TfValue& value) {
  if (value.kind == TfValue::Kind::kBool) return value.boolean;
  if (value.kind == TfValue::Kind::kString) {
    if (value.text == "true") return true;
    if (value.text == "false") return false;
    return absl::InvalidArgumentError(
        absl::StrCat("cannot convert ", Describe(value),
                     " to bool; only the strings \"true\" or \"false\" are "
                     "allowed"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "cannot convert ", KindOf(value), " ", Describe(value), " to bool"));
}

namespace {

absl::Status NotNull(const Call& call, size_t index) {
  if (!call.args[index].is_null()) return absl::OkStatus();
  return ArgumentError(
      call, absl::StrCat("argument ", Ordinal(index), " must not be null"));
}

absl::Status Wrong(const Call& call, size_t index, absl::string_view wanted) {
  const TfValue& value = call.args[index];
  return ArgumentError(
      call, absl::StrCat("argument ", Ordinal(index), " must be ", wanted,
                         ", got ", KindOf(value), " ", Describe(value)));
}

}  // namespace

absl::StatusOr<std::string> StringArg(const Call& call, size_t index) {
  if (absl::Status status = NotNull(call, index); !status.ok()) return status;
  absl::StatusOr<std::string> text = ConvertToString(call.args[index]);
  if (!text.ok()) return Wrong(call, index, "a string");
  return text;
}

absl::StatusOr<double> NumberArg(const Call& call, size_t index) {
  if (absl::Status status = NotNull(call, index); !status.ok()) return status;
  absl::StatusOr<double> number = ConvertToNumber(call.args[index]);
  if (!number.ok()) return Wrong(call, index, "a number");
  return number;
}

absl::StatusOr<int64_t> IntegerArg(const Call& call, size_t index) {
  absl::StatusOr<double> number = NumberArg(call, index);
  if (!number.ok()) return number.status();
  if (*number != std::floor(*number) || std::fabs(*number) > 9e15) {
    return Wrong(call, index, "a whole number");
  }
  return static_cast<int64_t>(*number);
}

absl::StatusOr<bool> BoolArg(const Call& call, size_t index) {
  if (absl::Status status = NotNull(call, index); !status.ok()) return status;
  absl::StatusOr<bool> boolean = ConvertToBool(call.args[index]);
  if (!boolean.ok()) return Wrong(call, index, "a bool");
  return boolean;
}

absl::Status RequireList(const Call& call, size_t index) {
  if (absl::Status status = NotNull(call, index); !status.ok()) return status;
  if (call.args[index].kind == TfValue::Kind::kList) return absl::OkStatus();
  return Wrong(call, index, "a list");
}

absl::Status RequireObject(const Call& call, size_t index) {
  if (absl::Status status = NotNull(call, index); !status.ok()) return status;
  if (call.args[index].kind == TfValue::Kind::kObject) {
    return absl::OkStatus();
  }
  return Wrong(call, index, "a map or object");
}

std::string ModulePath(const FunctionContext& context,
                       const std::string& path) {
  if (path.empty() || path.front() == '/' || context.module_dir.empty()) {
    return path;
  }
  if (context.module_dir.back() == '/') return context.module_dir + path;
  return absl::StrCat(context.module_dir, "/", path);
}

absl::StatusOr<std::string> ReadFileBytes(Call& call, bool& unknown) {
  absl::StatusOr<std::string> path = StringArg(call, 0);
  if (!path.ok()) return path.status();
  unknown = !call.context.read_file;
  if (unknown) return std::string();
  absl::StatusOr<std::string> text =
      call.context.read_file(ModulePath(call.context, *path));
  if (absl::IsNotFound(text.status())) {
    // NotFound, not InvalidArgument: the evaluator keeps the value
    // symbolic with a warning (a file built before apply, such as a Lambda
    // archive, is often absent when the configuration is checked).
    return absl::NotFoundError(absl::StrCat(std::string(call.name),
                                            ": no file exists at ",
                                            internal::QuoteForMessage(*path)));
  }
  if (!text.ok()) return ArgumentError(call, text.status().message());
  return text;
}

TfValue Relocated(TfValue value, const SourceLocation& location) {
  value.location = location;
  for (TfValue& item : value.items) item = Relocated(std::move(item), location);
  for (SourceLocation& key_location : value.key_locations) {
    key_location = location;
  }
  return value;
}

std::vector<size_t> CodePointOffsets(std::string_view text) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size();) {
    offsets.push_back(i);
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80 ? 1 : internal::Utf8SequenceLength(text, i);
    i += length == 0 ? 1 : length;
  }
  offsets.push_back(text.size());
  return offsets;
}

}  // namespace functions_internal

bool IsKnownFunction(std::string_view name) {
  return functions_internal::Table().contains(name);
}

absl::StatusOr<TfValue> CallFunction(std::string_view name,
                                     std::vector<TfValue> arguments,
                                     const FunctionContext& context,
                                     const SourceLocation& location) {
  using functions_internal::FunctionSpec;
  const auto& table = functions_internal::Table();
  auto it = table.find(name);
  if (it == table.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Call to unknown function: ", internal::ToAbsl(name)));
  }
  const FunctionSpec& spec = *it->second;
  const int count = static_cast<int>(arguments.size());
  if (count < spec.min_args) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Not enough function arguments: ", internal::ToAbsl(name), " takes ",
        functions_internal::ArityText(spec), ", got ", count));
  }
  if (spec.max_args >= 0 && count > spec.max_args) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Too many function arguments: ", internal::ToAbsl(name), " takes ",
        functions_internal::ArityText(spec), ", got ", count));
  }
  functions_internal::Call call{.name = spec.name,
                                .args = arguments,
                                .context = context,
                                .location = location};
  if (!spec.handles_unknowns) {
    for (const TfValue& argument : arguments) {
      if (!argument.IsWhollyKnown()) {
        return functions_internal::UnknownResult(call);
      }
    }
  }
  absl::StatusOr<TfValue> result = spec.implementation(call);
  if (result.ok()) result->location = location;
  return result;
}

}  // namespace polygraph::terraform
