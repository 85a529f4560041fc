#include "rules/rule_metadata.h"

#include <algorithm>
#include <array>
#include <exception>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "rules/check_registry.h"
#include "rules/declarative/predicate_parser.h"
#include "yaml-cpp/yaml.h"

namespace polygraph::rules::internal {
namespace {

constexpr std::array<std::string_view, 8> kFields = {
    "id",        "title",       "severity",   "category",
    "rationale", "remediation", "references", "check"};

// Reads one file; yaml-cpp reports problems by throwing, which stays inside.
class MetadataReader {
 public:
  MetadataReader(std::string_view path, bool builtin)
      : path_(path), builtin_(builtin) {}

  SourceLocation At(const YAML::Mark& mark) const {
    if (mark.is_null()) return {path_, 1, 1};
    return {path_, mark.line + 1, mark.column + 1};
  }

  absl::StatusOr<ParsedRule> Read(const YAML::Node& root) const {
    if (!root.IsMap())
      return InputError({path_, 1, 1}, "rule metadata must be a mapping");
    for (const auto& member : root) {
      std::string key = member.first.IsScalar() ? member.first.Scalar() : "";
      if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
        return InputError(At(member.first.Mark()),
                          absl::StrCat("unknown field \"", key, "\""));
      }
    }
    RuleInfo info;
    info.location = {path_, 1, 1};
    std::string severity;
    for (auto [field, out] :
         {std::pair<const char*, std::string*>{"id", &info.id},
          {"title", &info.title},
          {"severity", &severity},
          {"category", &info.category},
          {"rationale", &info.rationale},
          {"remediation", &info.remediation}}) {
      if (absl::Status status = ReadString(root, field, out); !status.ok())
        return status;
    }
    if (absl::Status status = ReadReferences(root, &info.references);
        !status.ok())
      return status;

    const YAML::Node check = root["check"];
    if (!check.IsDefined()) {
      return InputError({path_, 1, 1}, "missing field \"check\"");
    }
    if (builtin_ && !IsValidRuleId(info.id)) {
      return InputError(
          At(root["id"].Mark()),
          absl::StrCat("rule id \"", info.id,
                       "\" is not of the form PG-<DOMAIN>-<NNN>"));
    }
    if (!builtin_ && !IsValidUserRuleId(info.id)) {
      return InputError(At(root["id"].Mark()),
                        absl::StrCat("rule id \"", info.id,
                                     "\" is not of the form "
                                     "[A-Z][A-Z0-9]*(-[A-Z0-9]+)+, e.g. "
                                     "ACME-DB-001"));
    }
    std::string stem = path_.substr(path_.find_last_of('/') + 1);
    stem = stem.substr(0, stem.rfind('.'));
    if (builtin_ && stem != info.id) {
      return InputError(At(root["id"].Mark()),
                        absl::StrCat("rule id \"", info.id,
                                     "\" does not match the file name"));
    }
    std::optional<Severity> parsed = ParseSeverity(severity);
    if (!parsed.has_value()) {
      return InputError(
          At(root["severity"].Mark()),
          absl::StrCat("unknown severity \"", severity,
                       "\" (expected info, low, medium, high or critical)"));
    }
    info.severity = *parsed;
    ParsedRule rule;
    if (check.IsMap()) {
      absl::StatusOr<DeclarativeSpec> spec =
          ParseDeclarativeCheck(check, path_);
      if (!spec.ok()) return spec.status();
      rule.check = MakeDeclarativeCheck(*std::move(spec));
    } else {
      if (!check.IsScalar()) {
        return InputError(At(check.Mark()),
                          "field \"check\" must be a check name or a "
                          "declarative check mapping");
      }
      if (absl::Status status = ReadString(root, "check", &info.check);
          !status.ok()) {
        return status;
      }
      CheckFunction function = FindCheck(info.check);
      if (function == nullptr) {
        return InputError(At(check.Mark()),
                          absl::StrCat("unknown check \"", info.check, "\""));
      }
      rule.check = MakeNamedCheck(function);
    }
    rule.info = std::move(info);
    return rule;
  }

 private:
  absl::Status ReadString(const YAML::Node& root, const char* field,
                          std::string* out) const {
    const YAML::Node node = root[field];
    if (!node.IsDefined()) {
      return InputError({path_, 1, 1},
                        absl::StrCat("missing field \"", field, "\""));
    }
    if (!node.IsScalar()) {
      return InputError(At(node.Mark()),
                        absl::StrCat("field \"", field, "\" must be a string"));
    }
    *out = node.Scalar();
    if (out->empty()) {
      return InputError(At(node.Mark()),
                        absl::StrCat("field \"", field, "\" is empty"));
    }
    return absl::OkStatus();
  }

  absl::Status ReadReferences(const YAML::Node& root,
                              std::vector<std::string>* out) const {
    const YAML::Node node = root["references"];
    if (!node.IsDefined())
      return InputError({path_, 1, 1}, "missing field \"references\"");
    if (!node.IsSequence() || node.size() == 0) {
      return InputError(At(node.Mark()),
                        "field \"references\" must be a non-empty list");
    }
    for (const YAML::Node& item : node) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        return InputError(At(item.Mark()),
                          "each reference must be a non-empty string");
      }
      out->push_back(item.Scalar());
    }
    return absl::OkStatus();
  }

  std::string path_;
  bool builtin_;
};

bool IsUpperOrDigit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
}  // namespace

bool IsValidRuleId(std::string_view id) {
  // PG- <domain: 1+ of [A-Z0-9]> - <3 digits>
  if (id.size() < 3 + 1 + 4 || !id.starts_with("PG-")) return false;
  std::string_view domain = id.substr(3, id.size() - 3 - 4);
  std::string_view number = id.substr(id.size() - 3);
  return !domain.empty() &&
         std::all_of(domain.begin(), domain.end(), IsUpperOrDigit) &&
         id[id.size() - 4] == '-' &&
         std::all_of(number.begin(), number.end(), absl::ascii_isdigit);
}

bool IsValidUserRuleId(std::string_view id) {
  // [A-Z][A-Z0-9]* then one or more -[A-Z0-9]+
  if (id.empty() || id[0] < 'A' || id[0] > 'Z') return false;
  size_t dash = id.find('-');
  if (dash == std::string_view::npos) return false;
  bool after_dash = false;
  for (char c : id) {
    if (c == '-') {
      if (after_dash) return false;  // "--"
      after_dash = true;
    } else if (IsUpperOrDigit(c)) {
      after_dash = false;
    } else {
      return false;
    }
  }
  return !after_dash;
}

absl::StatusOr<RuleInfo> ParseRuleMetadata(std::string_view path,
                                           std::string_view text) {
  absl::StatusOr<ParsedRule> rule = ParseRuleFile(path, text, true);
  if (!rule.ok()) return rule.status();
  return std::move(rule->info);
}

absl::StatusOr<ParsedRule> ParseRuleFile(std::string_view path,
                                         std::string_view text, bool builtin) {
  MetadataReader reader(path, builtin);
  try {
    return reader.Read(YAML::Load(std::string(text)));
  } catch (const YAML::Exception& e) {
    return InputError(reader.At(e.mark), e.msg);
  } catch (const std::exception& e) {
    return InputError({std::string(path), 1, 1}, e.what());
  }
}

}  // namespace polygraph::rules::internal
