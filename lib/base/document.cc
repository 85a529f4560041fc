// ReadDocumentFile: reads a file and hands it to the JSON or YAML reader.

#include "polygraph/document.h"

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "polygraph/value.h"

namespace polygraph {
namespace {

enum class Format { kJson, kYaml };

// By extension; otherwise by the first non-blank character, skipping a BOM.
Format DetectFormat(const std::string& path, std::string_view text) {
  std::string extension = std::filesystem::path(path).extension().string();
  absl::AsciiStrToLower(&extension);
  if (extension == ".json") return Format::kJson;
  if (extension == ".yaml" || extension == ".yml") return Format::kYaml;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || c == '[' ? Format::kJson : Format::kYaml;
  }
  return Format::kYaml;
}

}  // namespace

absl::StatusOr<std::string> ReadTextFile(const std::string& path,
                                         const ParseOptions& options) {
  std::error_code error;
  const std::filesystem::file_status status =
      std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file"));
  }
  if (std::filesystem::is_directory(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": is a folder, not a file"));
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > options.max_input_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": file is larger than ", options.max_input_bytes, " bytes"));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": cannot open: ",
        std::error_code(errno, std::generic_category()).message()));
  }
  std::string text((std::istreambuf_iterator<char>(stream)),
                   std::istreambuf_iterator<char>());
  if (stream.bad()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": read error"));
  }
  return text;
}

absl::StatusOr<Value> ReadDocumentFile(const std::string& path,
                                       const ParseOptions& options) {
  absl::StatusOr<std::string> text = ReadTextFile(path, options);
  if (!text.ok()) return text.status();
  return DetectFormat(path, *text) == Format::kJson
             ? ParseJson(*text, path, options)
             : ParseYaml(*text, path, options);
}

}  // namespace polygraph
