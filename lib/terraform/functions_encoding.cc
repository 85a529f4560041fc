// Encoding functions: jsonencode, jsondecode, yamlencode, yamldecode,
// base64encode, base64decode, urlencode.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/strings.h"
#include "polygraph/document.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {

void AppendJsonString(std::string_view text, std::string& out) {
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = internal::Utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
        continue;
      }
      std::string_view sequence = text.substr(i, length);
      if (sequence == "\u2028" || sequence == "\u2029") {
        out += sequence == "\u2028" ? "\\u2028" : "\\u2029";
      } else {
        out.append(sequence);
      }
      i += length;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '<':
      case '>':
      case '&':
        out += absl::StrFormat("\\u%04x", c);
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

namespace {

using Kind = TfValue::Kind;

void AppendJson(const TfValue& value, std::string& out) {
  switch (value.kind) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBool:
      out += value.boolean ? "true" : "false";
      return;
    case Kind::kNumber:
      out += TfValue::FormatNumber(value.number);
      return;
    case Kind::kString:
      AppendJsonString(value.text, out);
      return;
    case Kind::kUnknown:
      AppendJsonString(ToDocument(value).text, out);
      return;
    case Kind::kList:
      out += '[';
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        AppendJson(value.items[i], out);
      }
      out += ']';
      return;
    case Kind::kObject:
      out += '{';
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        AppendJsonString(value.keys[i], out);
        out += ':';
        AppendJson(value.items[i], out);
      }
      out += '}';
      return;
  }
}

// A YAML double-quoted scalar.
std::string YamlString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += absl::StrFormat("\\x%02x", c);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

bool IsBlock(const TfValue& value) {
  return (value.kind == Kind::kList || value.kind == Kind::kObject) &&
         !value.items.empty();
}

// Block-style YAML lines of `value`, unindented.
std::vector<std::string> YamlLines(const TfValue& value) {
  switch (value.kind) {
    case Kind::kNull:
      return {"null"};
    case Kind::kBool:
    case Kind::kNumber:
      return {value.kind == Kind::kNumber ? TfValue::FormatNumber(value.number)
                                          : value.text};
    case Kind::kString:
      return {YamlString(value.text)};
    case Kind::kUnknown:
      return {YamlString(ToDocument(value).text)};
    case Kind::kList: {
      if (value.items.empty()) return {"[]"};
      std::vector<std::string> lines;
      for (const TfValue& item : value.items) {
        std::vector<std::string> inner = YamlLines(item);
        for (size_t i = 0; i < inner.size(); ++i) {
          lines.push_back((i == 0 ? "- " : "  ") + inner[i]);
        }
      }
      return lines;
    }
    case Kind::kObject: {
      if (value.items.empty()) return {"{}"};
      std::vector<std::string> lines;
      for (size_t k = 0; k < value.keys.size(); ++k) {
        const TfValue& item = value.items[k];
        std::string key = YamlString(value.keys[k]) + ":";
        std::vector<std::string> inner = YamlLines(item);
        if (!IsBlock(item)) {
          lines.push_back(key + " " + inner.front());
          continue;
        }
        lines.push_back(key);
        const char* indent = item.kind == Kind::kObject ? "  " : "";
        for (const std::string& line : inner) lines.push_back(indent + line);
      }
      return lines;
    }
  }
  return {};
}

absl::StatusOr<TfValue> JsonEncodeFunction(Call& call) {
  // Unknown when any part is; either way the encoded value is kept.
  TfValue result =
      call.args[0].IsWhollyKnown()
          ? TfValue::String(JsonEncode(call.args[0]), call.location)
          : UnknownResult(call);
  result.encoded = std::make_shared<const TfValue>(call.args[0]);
  return result;
}

absl::StatusOr<TfValue> JsonDecode(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<Value> document = ParseJson(*text, "");
  if (!document.ok()) {
    return ArgumentError(call, ErrorReason(document.status()));
  }
  return Relocated(FromDocument(*document), call.location);
}

absl::StatusOr<TfValue> YamlDecode(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  absl::StatusOr<Value> document = ParseYaml(*text, "");
  if (!document.ok()) {
    return ArgumentError(call, ErrorReason(document.status()));
  }
  return Relocated(FromDocument(*document), call.location);
}

absl::StatusOr<TfValue> YamlEncode(Call& call) {
  std::string out;
  for (const std::string& line : YamlLines(call.args[0])) {
    out += line;
    out += '\n';
  }
  return TfValue::String(std::move(out), call.location);
}

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

absl::StatusOr<TfValue> Base64Encode(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  std::string out;
  const std::string& in = *text;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(in[i]))
                     << 16;
    if (i + 1 < in.size()) {
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1]))
               << 8;
    }
    if (i + 2 < in.size()) {
      chunk |= static_cast<unsigned char>(in[i + 2]);
    }
    out += kBase64[(chunk >> 18) & 63];
    out += kBase64[(chunk >> 12) & 63];
    out += i + 1 < in.size() ? kBase64[(chunk >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kBase64[chunk & 63] : '=';
  }
  return TfValue::String(std::move(out), call.location);
}

absl::StatusOr<TfValue> Base64Decode(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  const std::string& in = *text;
  auto failure = [&] {
    return ArgumentError(call, absl::StrCat("failed to decode base64 data ",
                                            internal::QuoteForMessage(in)));
  };
  if (in.size() % 4 != 0) return failure();
  std::string out;
  for (size_t i = 0; i < in.size(); i += 4) {
    uint32_t chunk = 0;
    int padding = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char c = in[i + k];
      if (c == '=' && i + 4 == in.size() && k >= 2) {
        ++padding;
        chunk <<= 6;
        continue;
      }
      size_t digit = kBase64.find(c);
      if (digit == std::string_view::npos || padding > 0) return failure();
      chunk = (chunk << 6) | static_cast<uint32_t>(digit);
    }
    out += static_cast<char>((chunk >> 16) & 0xff);
    if (padding < 2) out += static_cast<char>((chunk >> 8) & 0xff);
    if (padding < 1) out += static_cast<char>(chunk & 0xff);
  }
  if (internal::FirstInvalidUtf8(out).has_value()) {
    return ArgumentError(
        call, "the result of decoding the provided string is not valid UTF-8");
  }
  return TfValue::String(std::move(out), call.location);
}

absl::StatusOr<TfValue> UrlEncode(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  std::string out;
  for (char ch : *text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += absl::StrFormat("%%%02X", c);
    }
  }
  return TfValue::String(std::move(out), call.location);
}

constexpr FunctionSpec kFunctions[] = {
    {"jsonencode", 1, 1, true, JsonEncodeFunction},
    {"jsondecode", 1, 1, false, JsonDecode},
    {"yamlencode", 1, 1, false, YamlEncode},
    {"yamldecode", 1, 1, false, YamlDecode},
    {"base64encode", 1, 1, false, Base64Encode},
    {"base64decode", 1, 1, false, Base64Decode},
    {"urlencode", 1, 1, false, UrlEncode},
};

}  // namespace

std::string JsonEncode(const TfValue& value) {
  std::string out;
  AppendJson(value, out);
  return out;
}

std::span<const FunctionSpec> EncodingFunctions() { return kFunctions; }

}  // namespace polygraph::terraform::functions_internal
