// ParseUsedAccess (include/polygraph/iam_minimize.h): CloudTrail records,
// Access Advisor ACTION_LEVEL exports and plain "service:Action [arn]" lists.
//
// CloudTrail event sources are "<host>.amazonaws.com" (or ".amazonaws.com.cn");
// the host is the IAM service prefix except for these, which the action
// catalogue names differently:
//   monitoring → cloudwatch, email → ses, tagging → tag,
//   api.<x> → <x> when <x> is a catalogue service (api.ecr, api.sagemaker...).
// Event names that are not IAM action names:
//   - versioned API names (Lambda "GetFunction20150331v2", CloudFront
//     "GetDistribution2020_05_31") lose the version suffix when the name
//     with it is not a catalogue action;
//   - S3 data and bucket events map to the action IAM authorizes them with
//     (kS3EventActions below: ListObjectsV2 → ListBucket, HeadObject →
//     GetObject, CreateMultipartUpload → PutObject, ...).
// Records with an errorCode (a denied or failed call) still count: the
// caller needed the access. A resource entry with only an ARNPrefix (no
// ARN) counts as resource "*".

#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "polygraph/document.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_minimize.h"
#include "polygraph/source_location.h"
#include "polygraph/value.h"

namespace polygraph::iam {
namespace {

struct Mapping {
  std::string_view from;
  std::string_view to;
};

// CloudTrail event source hosts whose IAM prefix differs.
constexpr Mapping kIrregularSources[] = {
    {"monitoring", "cloudwatch"},
    {"email", "ses"},
    {"tagging", "tag"},
};

// S3 CloudTrail event names → the IAM action that authorizes them.
constexpr Mapping kS3EventActions[] = {
    {"CompleteMultipartUpload", "PutObject"},
    {"CopyObject", "PutObject"},
    {"CreateMultipartUpload", "PutObject"},
    {"DeleteObjects", "DeleteObject"},
    {"HeadBucket", "ListBucket"},
    {"HeadObject", "GetObject"},
    {"ListBuckets", "ListAllMyBuckets"},
    {"ListMultipartUploads", "ListBucketMultipartUploads"},
    {"ListObjectVersions", "ListBucketVersions"},
    {"ListObjects", "ListBucket"},
    {"ListObjectsV2", "ListBucket"},
    {"ListParts", "ListMultipartUploadParts"},
    {"UploadPart", "PutObject"},
    {"UploadPartCopy", "PutObject"},
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// "Invoke20150331" → "Invoke", "GetFunction20150331v2" → "GetFunction",
// "GetDistribution2020_05_31" → "GetDistribution"; otherwise unchanged.
std::string_view StripApiVersion(std::string_view name) {
  std::string_view rest = name;
  if (size_t v = rest.rfind('v'); v != std::string_view::npos &&
                                  v + 1 < rest.size() &&
                                  AllDigits(rest.substr(v + 1))) {
    rest = rest.substr(0, v);
  }
  if (rest.size() > 8 && AllDigits(rest.substr(rest.size() - 8))) {
    return rest.substr(0, rest.size() - 8);
  }
  if (rest.size() > 10) {
    std::string_view tail = rest.substr(rest.size() - 10);  // 2020_05_31
    if (tail[4] == '_' && tail[7] == '_' && AllDigits(tail.substr(0, 4)) &&
        AllDigits(tail.substr(5, 2)) && AllDigits(tail.substr(8, 2))) {
      return rest.substr(0, rest.size() - 10);
    }
  }
  return name;
}

absl::StatusOr<std::string> ServicePrefix(const Value& source) {
  std::string_view host = source.text;
  for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn"}) {
    if (EndsWith(host, suffix)) {
      host.remove_suffix(suffix.size());
      break;
    }
  }
  if (host.size() == source.text.size() || host.empty()) {
    return InputError(
        source.location,
        absl::StrCat("eventSource ", internal::QuoteForMessage(source.text),
                     " is not \"<service>.amazonaws.com\""));
  }
  for (const Mapping& mapping : kIrregularSources) {
    if (host == mapping.from) return std::string(mapping.to);
  }
  const Catalogue& catalogue = Catalogue::Builtin();
  if (host.substr(0, 4) == "api." && !catalogue.HasService(host) &&
      catalogue.HasService(host.substr(4))) {
    host.remove_prefix(4);
  }
  return std::string(host);
}

std::string ActionFor(const std::string& service, std::string_view event) {
  if (service == "s3") {
    for (const Mapping& mapping : kS3EventActions) {
      if (event == mapping.from)
        return absl::StrCat("s3:", internal::ToAbsl(mapping.to));
    }
  }
  const Catalogue& catalogue = Catalogue::Builtin();
  std::string action = absl::StrCat(service, ":", internal::ToAbsl(event));
  if (catalogue.FindAction(action).has_value()) return action;
  std::string_view stripped = StripApiVersion(event);
  if (stripped.size() != event.size()) {
    std::string candidate =
        absl::StrCat(service, ":", internal::ToAbsl(stripped));
    if (catalogue.FindAction(candidate).has_value()) return candidate;
  }
  return action;
}

absl::Status ExpectKind(const Value& value, Value::Kind kind,
                        std::string_view what) {
  if (value.kind == kind) return absl::OkStatus();
  return InputError(
      value.location,
      absl::StrCat(internal::ToAbsl(what), " must be ",
                   kind == Value::Kind::kArray    ? "an array"
                   : kind == Value::Kind::kObject ? "an object"
                                                  : "a string",
                   ", found ", internal::ToAbsl(Value::KindName(value.kind))));
}

// A required string member of `object`.
absl::StatusOr<const Value*> RequiredString(const Value& object,
                                            std::string_view member,
                                            std::string_view what) {
  const Value* value = object.Find(member);
  if (value == nullptr) {
    return InputError(object.location,
                      absl::StrCat(internal::ToAbsl(what), " has no \"",
                                   internal::ToAbsl(member), "\""));
  }
  if (absl::Status s =
          ExpectKind(*value, Value::Kind::kString,
                     absl::StrCat("\"", internal::ToAbsl(member), "\""));
      !s.ok()) {
    return s;
  }
  if (value->text.empty()) {
    return InputError(
        value->location,
        absl::StrCat("\"", internal::ToAbsl(member), "\" must not be empty"));
  }
  return value;
}

absl::Status ReadEvent(const Value& event, std::vector<UsedAccess>& out) {
  if (absl::Status s =
          ExpectKind(event, Value::Kind::kObject, "a CloudTrail record");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<const Value*> source =
      RequiredString(event, "eventSource", "CloudTrail record");
  if (!source.ok()) return source.status();
  absl::StatusOr<const Value*> name =
      RequiredString(event, "eventName", "CloudTrail record");
  if (!name.ok()) return name.status();
  absl::StatusOr<std::string> service = ServicePrefix(**source);
  if (!service.ok()) return service.status();
  const std::string action = ActionFor(*service, (*name)->text);
  const Value* resources = event.Find("resources");
  size_t added = 0;
  if (resources != nullptr && !resources->is_null()) {
    if (absl::Status s =
            ExpectKind(*resources, Value::Kind::kArray, "\"resources\"");
        !s.ok()) {
      return s;
    }
    for (const Value& resource : resources->items) {
      if (absl::Status s =
              ExpectKind(resource, Value::Kind::kObject, "a resource entry");
          !s.ok()) {
        return s;
      }
      const Value* arn = resource.Find("ARN");
      if (arn == nullptr && resource.Find("ARNPrefix") != nullptr) continue;
      absl::StatusOr<const Value*> checked =
          RequiredString(resource, "ARN", "resource entry");
      if (!checked.ok()) return checked.status();
      out.push_back(UsedAccess{action, (*checked)->text, resource.location});
      ++added;
    }
  }
  if (added == 0) out.push_back(UsedAccess{action, "*", event.location});
  return absl::OkStatus();
}

absl::Status ReadAccessAdvisor(const Value& services,
                               std::vector<UsedAccess>& out) {
  if (absl::Status s =
          ExpectKind(services, Value::Kind::kArray, "\"ServicesLastAccessed\"");
      !s.ok()) {
    return s;
  }
  for (const Value& service : services.items) {
    if (absl::Status s =
            ExpectKind(service, Value::Kind::kObject, "a service entry");
        !s.ok()) {
      return s;
    }
    absl::StatusOr<const Value*> name =
        RequiredString(service, "ServiceNamespace", "service entry");
    if (!name.ok()) return name.status();
    const Value* tracked = service.Find("TrackedActionsLastAccessed");
    if (tracked == nullptr) {
      // Never accessed: nothing used. Accessed without action detail: the
      // export cannot say which actions, so it cannot be minimized to.
      if (service.Find("LastAccessedTime") == nullptr) continue;
      return InputError(
          service.location,
          absl::StrCat("service ", internal::QuoteForMessage((*name)->text),
                       " was accessed but the export has no "
                       "TrackedActionsLastAccessed for it (export with "
                       "ACTION_LEVEL granularity, or list its actions as "
                       "text)"));
    }
    if (absl::Status s = ExpectKind(*tracked, Value::Kind::kArray,
                                    "\"TrackedActionsLastAccessed\"");
        !s.ok()) {
      return s;
    }
    for (const Value& action : tracked->items) {
      if (absl::Status s =
              ExpectKind(action, Value::Kind::kObject, "a tracked action");
          !s.ok()) {
        return s;
      }
      absl::StatusOr<const Value*> action_name =
          RequiredString(action, "ActionName", "tracked action");
      if (!action_name.ok()) return action_name.status();
      if (action.Find("LastAccessedTime") == nullptr) continue;  // unused
      // LastAccessedEntity names the caller, not the resource: the export
      // does not say which resource was used.
      out.push_back(
          UsedAccess{absl::StrCat((*name)->text, ":", (*action_name)->text),
                     "*", action.location});
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<UsedAccess>> ReadJson(std::string_view text,
                                                 std::string_view path) {
  absl::StatusOr<Value> document = ParseJson(text, path);
  if (!document.ok()) return document.status();
  std::vector<UsedAccess> out;
  absl::Status status;
  if (document->is_array()) {
    for (const Value& event : document->items) {
      status = ReadEvent(event, out);
      if (!status.ok()) return status;
    }
  } else if (!document->is_object()) {
    return InputError(
        document->location,
        absl::StrCat("used accesses must be an object or an "
                     "array of CloudTrail events, found ",
                     internal::ToAbsl(Value::KindName(document->kind))));
  } else if (const Value* records = document->Find("Records")) {
    status = ExpectKind(*records, Value::Kind::kArray, "\"Records\"");
    for (size_t i = 0; status.ok() && i < records->items.size(); ++i) {
      status = ReadEvent(records->items[i], out);
    }
  } else if (const Value* services = document->Find("ServicesLastAccessed")) {
    status = ReadAccessAdvisor(*services, out);
  } else if (document->Find("eventSource") != nullptr ||
             document->Find("eventName") != nullptr) {
    status = ReadEvent(*document, out);
  } else {
    return InputError(document->location,
                      "unrecognized used-access document: expected CloudTrail "
                      "\"Records\", an event, or an Access Advisor "
                      "\"ServicesLastAccessed\"");
  }
  if (!status.ok()) return status;
  return out;
}

bool IsServiceChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
}
bool IsActionChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' ||
         c == '_' || c == '.';
}

absl::Status ReadLine(std::string_view line, const SourceLocation& start,
                      std::vector<UsedAccess>& out) {
  auto at = [&](size_t offset) {
    return SourceLocation{start.file, start.line,
                          start.column + static_cast<int>(offset)};
  };
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::vector<std::pair<size_t, std::string_view>> tokens;
  for (size_t i = 0; i < line.size();) {
    if (is_space(line[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < line.size() && !is_space(line[end])) ++end;
    tokens.emplace_back(i, line.substr(i, end - i));
    i = end;
  }
  if (tokens.empty() || tokens[0].second[0] == '#') return absl::OkStatus();
  if (tokens.size() > 2) {
    return InputError(at(tokens[2].first),
                      "expected \"service:Action [resource-arn]\", found "
                      "more after the resource");
  }
  const auto [action_at, action] = tokens[0];
  const size_t colon = action.find(':');
  bool valid =
      colon != std::string_view::npos && colon > 0 && colon + 1 < action.size();
  for (size_t i = 0; valid && i < action.size(); ++i) {
    valid = i == colon ||
            (i < colon ? IsServiceChar(action[i]) : IsActionChar(action[i]));
  }
  if (!valid) {
    return InputError(at(action_at),
                      absl::StrCat("expected \"service:Action\", found ",
                                   internal::QuoteForMessage(action)));
  }
  std::string resource = "*";
  if (tokens.size() == 2) {
    const auto [resource_at, text] = tokens[1];
    if (text != "*" && text.substr(0, 4) != "arn:") {
      return InputError(at(resource_at),
                        absl::StrCat("expected a resource ARN or \"*\", "
                                     "found ",
                                     internal::QuoteForMessage(text)));
    }
    resource = std::string(text);
  }
  out.push_back(
      UsedAccess{std::string(action), std::move(resource), at(action_at)});
  return absl::OkStatus();
}

absl::StatusOr<std::vector<UsedAccess>> ReadText(std::string_view text,
                                                 std::string_view path) {
  std::vector<UsedAccess> out;
  int line_number = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (absl::Status s = ReadLine(
            line, SourceLocation{std::string(path), line_number, 1}, out);
        !s.ok()) {
      return s;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
    ++line_number;
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<UsedAccess>> ParseUsedAccess(std::string_view text,
                                                        std::string_view path) {
  std::string_view rest = text;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t' ||
                           rest[0] == '\r' || rest[0] == '\n')) {
    rest.remove_prefix(1);
  }
  if (!rest.empty() && (rest[0] == '{' || rest[0] == '[')) {
    return ReadJson(text, path);
  }
  return ReadText(text, path);
}

}  // namespace polygraph::iam
