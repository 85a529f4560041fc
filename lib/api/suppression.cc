// Suppressions: inline comments, CloudFormation Metadata and tags.

#include "polygraph/suppression.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/strings.h"

namespace polygraph {
namespace {

constexpr std::string_view kMarker = "polygraph:ignore";

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (IsBlank(text.front()) || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (IsBlank(text.back()) || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

bool IsHcl(std::string_view file) {
  return EndsWith(file, ".tf") || EndsWith(file, ".tfvars");
}

bool HasComments(std::string_view file) {
  return IsHcl(file) || EndsWith(file, ".yaml") || EndsWith(file, ".yml");
}

// LETTERS[-SEGMENT]...-DIGITS, e.g. "PG-NET-001".
bool LooksLikeRuleId(std::string_view token) {
  if (token.empty() || !std::isalpha(static_cast<unsigned char>(token[0]))) {
    return false;
  }
  size_t dash = token.rfind('-');
  if (dash == std::string_view::npos || dash + 1 == token.size()) return false;
  for (char c : token.substr(dash + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return token.find("--") == std::string_view::npos;
}

// Splits "ID[, ID]... reason" into the ids and the reason. Ids are
// separated by commas (blanks allowed around them); the first token that is
// not an id starts the reason, from which a leading "-" or ":" is dropped.
void ParseIdsAndReason(std::string_view text, SuppressionDirective* out) {
  text = Trim(text);
  while (true) {
    size_t end = 0;
    while (end < text.size() && !IsBlank(text[end]) && text[end] != ',' &&
           text[end] != ':' && text[end] != '\n') {
      ++end;
    }
    std::string_view token = text.substr(0, end);
    if (!LooksLikeRuleId(token)) break;
    out->rule_ids.emplace_back(token);
    text = Trim(text.substr(end));
    if (text.empty() || text.front() != ',') break;
    text = Trim(text.substr(1));
  }
  if (!text.empty() && (text.front() == '-' || text.front() == ':')) {
    text = Trim(text.substr(1));
  }
  out->suppression.reason = std::string(text);
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

// Finds the comment opener ending just before `marker` (blanks between):
// its offset in `line` and length, or npos.
size_t CommentOpener(std::string_view line, size_t marker, bool hcl,
                     size_t* length) {
  size_t i = marker;
  while (i > 0 && IsBlank(line[i - 1])) --i;
  if (i >= 1 && line[i - 1] == '#') {
    // YAML: "#" opens a comment at the start of a line or after a blank.
    if (!hcl && i >= 2 && !IsBlank(line[i - 2])) return std::string_view::npos;
    *length = 1;
    return i - 1;
  }
  if (hcl && i >= 2 &&
      (line.substr(i - 2, 2) == "//" || line.substr(i - 2, 2) == "/*")) {
    *length = 2;
    return i - 2;
  }
  return std::string_view::npos;
}

std::vector<SuppressionDirective> TagDirectives(const Resource& resource,
                                                const Value& tag_value) {
  std::vector<SuppressionDirective> out;
  if (!tag_value.is_string()) return out;
  SuppressionDirective directive;
  directive.suppression.kind = "tag";
  directive.suppression.location = tag_value.location;
  directive.resource = resource.name;
  ParseIdsAndReason(tag_value.text, &directive);
  out.push_back(std::move(directive));
  return out;
}

void AddWarning(std::string code, const SourceLocation& location,
                std::string message, std::set<std::string>* seen,
                std::vector<Diagnostic>* diagnostics) {
  std::string key = absl::StrCat(code, "|", location.ToString());
  if (!seen->insert(key).second) return;
  diagnostics->push_back(Diagnostic{.level = Diagnostic::Level::kWarning,
                                    .code = std::move(code),
                                    .location = location,
                                    .message = std::move(message)});
}

// Warns about `directive` when it has no reason or names unknown ids.
void Validate(const SuppressionDirective& directive,
              const std::set<std::string, std::less<>>& known,
              std::set<std::string>* seen,
              std::vector<Diagnostic>* diagnostics) {
  const SourceLocation& at = directive.suppression.location;
  if (directive.rule_ids.empty()) {
    AddWarning("suppression-unknown-rule", at,
               "polygraph:ignore names no rule id (expected e.g. "
               "\"PG-NET-001 reason\")",
               seen, diagnostics);
  }
  for (const std::string& id : directive.rule_ids) {
    if (known.find(id) == known.end()) {
      AddWarning(
          "suppression-unknown-rule", at,
          absl::StrCat("suppression names ", internal::QuoteForMessage(id),
                       ", which is no rule's id"),
          seen, diagnostics);
    }
  }
  if (directive.suppression.reason.empty() && !directive.rule_ids.empty()) {
    AddWarning(
        "suppression-without-reason", at,
        absl::StrCat("suppression of ", absl::StrJoin(directive.rule_ids, ", "),
                     " has no reason and is not honoured; give one "
                     "after the rule ids"),
        seen, diagnostics);
  }
}

bool Covers(const SuppressionDirective& directive, const Finding& finding) {
  return !directive.suppression.reason.empty() &&
         std::find(directive.rule_ids.begin(), directive.rule_ids.end(),
                   finding.rule_id) != directive.rule_ids.end();
}

// The Terraform front-end keeps only the attributes its model needs, so
// tags are read from the text of the resource's block: an entry
// `"polygraph:ignore" = "..."` (or `polygraph:ignore = "..."`, ":" for "=")
// anywhere in the block that starts on the resource's line, which is where
// a tags map holds it. Braces inside strings and comments are skipped.
std::vector<SuppressionDirective> TerraformTagSuppressions(
    const Resource& resource, std::string_view text) {
  std::vector<SuppressionDirective> out;
  if (resource.location.line <= 0) return out;
  size_t start = 0;
  for (int line = 1; line < resource.location.line; ++line) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return out;
    ++start;
  }
  int depth = 0;
  bool opened = false;
  int line_number = resource.location.line;
  while (start < text.size() && !(opened && depth == 0)) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    // The tag entry: optional quote, marker, optional quote, "=" or ":",
    // a quoted value.
    std::string_view rest = Trim(line);
    bool quoted = !rest.empty() && rest.front() == '"';
    if (quoted) rest.remove_prefix(1);
    if (opened && rest.substr(0, kMarker.size()) == kMarker) {
      rest.remove_prefix(kMarker.size());
      if (quoted && !rest.empty() && rest.front() == '"') rest.remove_prefix(1);
      rest = Trim(rest);
      if (!rest.empty() && (rest.front() == '=' || rest.front() == ':')) {
        rest = Trim(rest.substr(1));
        if (!rest.empty() && rest.front() == '"') {
          size_t close = rest.find('"', 1);
          if (close != std::string_view::npos) {
            SuppressionDirective directive;
            directive.suppression.kind = "tag";
            directive.resource = resource.name;
            directive.suppression.location = SourceLocation{
                .file = resource.location.file,
                .line = line_number,
                .column = static_cast<int>(rest.data() - line.data()) + 1};
            ParseIdsAndReason(rest.substr(1, close - 1), &directive);
            out.push_back(std::move(directive));
          }
        }
      }
    }
    bool in_string = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '#' ||
                 (c == '/' && i + 1 < line.size() && line[i + 1] == '/')) {
        break;
      } else if (c == '{') {
        ++depth;
        opened = true;
      } else if (c == '}') {
        --depth;
        if (opened && depth == 0) break;
      }
    }
    ++line_number;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::vector<SuppressionDirective> ParseInlineSuppressions(
    std::string_view text, const std::string& file) {
  std::vector<SuppressionDirective> out;
  if (!HasComments(file)) return out;
  bool hcl = IsHcl(file);
  int line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_number;
    for (size_t at = line.find(kMarker); at != std::string_view::npos;
         at = line.find(kMarker, at + 1)) {
      size_t opener_length = 0;
      size_t opener = CommentOpener(line, at, hcl, &opener_length);
      if (opener == std::string_view::npos) continue;
      std::string_view rest = line.substr(at + kMarker.size());
      if (!rest.empty() && !IsBlank(rest.front())) continue;  // another word
      if (size_t close = rest.find("*/");
          line.substr(opener, 2) == "/*" && close != std::string_view::npos) {
        rest = rest.substr(0, close);
      }
      SuppressionDirective directive;
      directive.suppression.kind = "inline";
      directive.suppression.location =
          SourceLocation{.file = file,
                         .line = line_number,
                         .column = static_cast<int>(opener) + 1};
      bool alone = Trim(line.substr(0, opener)).empty();
      directive.covers_next_line = alone ? line_number + 1 : 0;
      ParseIdsAndReason(rest, &directive);
      out.push_back(std::move(directive));
      break;  // one suppression per line
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

std::vector<SuppressionDirective> ResourceSuppressions(
    const Resource& resource) {
  std::vector<SuppressionDirective> out;
  // CloudFormation Metadata: polygraph: {ignore: [{id, reason}...]}.
  if (resource.metadata.is_object()) {
    const Value* polygraph = resource.metadata.Find("polygraph");
    const Value* ignore = polygraph != nullptr && polygraph->is_object()
                              ? polygraph->Find("ignore")
                              : nullptr;
    if (ignore != nullptr) {
      std::vector<const Value*> entries;
      if (ignore->is_array()) {
        for (const Value& item : ignore->items) entries.push_back(&item);
      } else {
        entries.push_back(ignore);
      }
      for (const Value* entry : entries) {
        SuppressionDirective directive;
        directive.suppression.kind = "metadata";
        directive.suppression.location = entry->location;
        directive.resource = resource.name;
        const Value* id = entry->is_object() ? entry->Find("id") : entry;
        if (id != nullptr && id->is_scalar() && LooksLikeRuleId(id->text)) {
          directive.rule_ids.push_back(id->text);
        } else if (id != nullptr && id->is_array()) {
          for (const Value& item : id->items) {
            if (item.is_scalar() && LooksLikeRuleId(item.text)) {
              directive.rule_ids.push_back(item.text);
            }
          }
        }
        const Value* reason =
            entry->is_object() ? entry->Find("reason") : nullptr;
        if (reason != nullptr && reason->is_scalar()) {
          directive.suppression.reason = std::string(Trim(reason->text));
        }
        out.push_back(std::move(directive));
      }
    }
  }
  // Tags: a CloudFormation Tags list of {Key, Value}, or a tags map
  // (Terraform "tags", and the CloudFormation types whose Tags is a map).
  for (std::string_view key : {"Tags", "tags"}) {
    const Value* tags = resource.properties.is_object()
                            ? resource.properties.Find(key)
                            : nullptr;
    if (tags == nullptr) continue;
    if (tags->is_object()) {
      if (const Value* value = tags->Find(kMarker); value != nullptr) {
        std::vector<SuppressionDirective> found =
            TagDirectives(resource, *value);
        std::move(found.begin(), found.end(), std::back_inserter(out));
      }
    } else if (tags->is_array()) {
      for (const Value& tag : tags->items) {
        const Value* name = tag.is_object() ? tag.Find("Key") : nullptr;
        const Value* value = tag.is_object() ? tag.Find("Value") : nullptr;
        if (name == nullptr || !name->is_string() || name->text != kMarker ||
            value == nullptr) {
          continue;
        }
        std::vector<SuppressionDirective> found =
            TagDirectives(resource, *value);
        std::move(found.begin(), found.end(), std::back_inserter(out));
      }
    }
  }
  return out;
}

void ApplySuppressions(const Model& model,
                       const std::vector<std::string>& known_rule_ids,
                       CheckResult* result) {
  std::set<std::string, std::less<>> known(known_rule_ids.begin(),
                                           known_rule_ids.end());
  std::set<std::string> seen;
  std::vector<Diagnostic> warnings;

  // Inline: every analysed file, and every file a finding names.
  std::vector<std::string> files = result->files;
  for (const Finding& finding : result->findings) {
    files.push_back(finding.location.file);
  }
  std::map<std::string, std::vector<SuppressionDirective>> inline_by_file;
  std::map<std::string, std::string> texts;  // of the files read
  for (const std::string& file : files) {
    if (inline_by_file.count(file) > 0 || !HasComments(file)) continue;
    std::string text;
    std::vector<SuppressionDirective>& directives = inline_by_file[file];
    if (ReadFile(file, &text)) {
      directives = ParseInlineSuppressions(text, file);
      texts[file] = std::move(text);
    }
    for (const SuppressionDirective& directive : directives) {
      Validate(directive, known, &seen, &warnings);
    }
  }

  // Metadata and tags, by resource name.
  const std::vector<Resource>& resources = model.resources();
  std::map<std::string, std::vector<size_t>, std::less<>> by_name;
  std::vector<std::vector<SuppressionDirective>> of_resource(resources.size());
  for (size_t i = 0; i < resources.size(); ++i) {
    by_name[resources[i].name].push_back(i);
    of_resource[i] = ResourceSuppressions(resources[i]);
    auto text = texts.find(resources[i].location.file);
    if (resources[i].format == SourceFormat::kTerraform &&
        text != texts.end()) {
      std::vector<SuppressionDirective> tags =
          TerraformTagSuppressions(resources[i], text->second);
      std::move(tags.begin(), tags.end(), std::back_inserter(of_resource[i]));
    }
    for (const SuppressionDirective& directive : of_resource[i]) {
      Validate(directive, known, &seen, &warnings);
    }
  }

  std::vector<Finding> kept;
  for (Finding& finding : result->findings) {
    const Suppression* match = nullptr;
    auto file = inline_by_file.find(finding.location.file);
    if (file != inline_by_file.end() && finding.location.line > 0) {
      for (const SuppressionDirective& directive : file->second) {
        int line = directive.suppression.location.line;
        if ((line == finding.location.line ||
             directive.covers_next_line == finding.location.line) &&
            Covers(directive, finding)) {
          match = &directive.suppression;
          if (line == finding.location.line) break;  // same line wins
        }
      }
    }
    if (match == nullptr) {
      auto named = by_name.find(finding.resource);
      if (named != by_name.end()) {
        size_t chosen =
            named->second.size() == 1 ? named->second[0] : resources.size();
        for (size_t index : named->second) {
          if (resources[index].location.file == finding.location.file) {
            chosen = index;
            break;
          }
        }
        if (chosen < resources.size()) {
          for (const SuppressionDirective& directive : of_resource[chosen]) {
            if (Covers(directive, finding)) {
              match = &directive.suppression;
              break;
            }
          }
        }
      }
    }
    if (match == nullptr) {
      kept.push_back(std::move(finding));
    } else {
      result->suppressed.push_back(SuppressedFinding{
          .finding = std::move(finding), .suppression = *match});
    }
  }
  result->findings = std::move(kept);
  std::move(warnings.begin(), warnings.end(),
            std::back_inserter(result->diagnostics));
}

}  // namespace polygraph
