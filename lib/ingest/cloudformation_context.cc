#include "ingest/cloudformation_context.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "iam/template_expression.h"
#include "polygraph/cidr.h"
#include "polygraph/iam_policy.h"
#include "polygraph/source_location.h"

namespace polygraph::ingest {

bool TemplateContext::IsPseudoParameter(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kPseudoParameters = {
      "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region",           "AWS::StackId",
      "AWS::StackName", "AWS::URLSuffix",
  };
  for (std::string_view pseudo : kPseudoParameters) {
    if (pseudo == name) return true;
  }
  return false;
}

size_t TemplateContext::ResourceIndex(std::string_view logical_id) const {
  auto it =
      resources.find(absl::string_view(logical_id.data(), logical_id.size()));
  return it == resources.end() ? kNoResource : declarations[it->second].index;
}

size_t TemplateContext::ReferencedResource(const Value& value) const {
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(value);
  if (!expression.has_value()) return kNoResource;
  const Value& argument = *expression->argument;
  if (expression->name == "Ref" && argument.is_string()) {
    return ResourceIndex(argument.text);
  }
  if (expression->name == "Fn::GetAtt") {
    if (argument.is_string()) {
      return ResourceIndex(
          std::string_view(argument.text).substr(0, argument.text.find('.')));
    }
    if (argument.is_array() && !argument.items.empty() &&
        argument.items[0].is_string()) {
      return ResourceIndex(argument.items[0].text);
    }
  }
  return kNoResource;
}

const Value* TemplateContext::Resolve(const Value& value) const {
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(value);
  if (!expression.has_value()) return value.is_scalar() ? &value : nullptr;
  if (expression->name != "Ref" || !expression->argument->is_string()) {
    return nullptr;
  }
  auto it = parameters.find(expression->argument->text);
  if (it == parameters.end()) return nullptr;
  const Value* fallback = it->second->Find("Default");
  if (fallback == nullptr || !fallback->is_scalar() ||
      iam::AsTemplateExpression(*fallback).has_value()) {
    return nullptr;
  }
  return fallback;
}

ResourceKind TemplateContext::KindOf(size_t index) const {
  const std::vector<Resource>& all = builder.current().resources();
  return index < all.size() ? all[index].kind : ResourceKind::kOther;
}

void TemplateContext::Note(std::string code, const SourceLocation& location,
                           std::string message) {
  Diagnostic diagnostic;
  diagnostic.level = Diagnostic::Level::kNote;
  diagnostic.code = std::move(code);
  diagnostic.location = location;
  diagnostic.message = std::move(message);
  diagnostics.push_back(std::move(diagnostic));
}

void TemplateContext::Error(std::string code, const SourceLocation& location,
                            std::string message) {
  Note(std::move(code), location, std::move(message));
  diagnostics.back().level = Diagnostic::Level::kError;
}

absl::Status TemplateContext::LeaveOutInvalid(absl::Status status,
                                              std::string_view consequence) {
  if (status.ok()) return status;
  std::optional<SourceLocation> location = ErrorLocation(status);
  if (!location.has_value()) return status;
  Error(
      "invalid-value", *location,
      absl::StrCat(ErrorReason(status), "; ",
                   absl::string_view(consequence.data(), consequence.size())));
  return absl::OkStatus();
}

size_t TemplateContext::BucketNamed(std::string_view name) const {
  for (const Declaration& declaration : declarations) {
    if (declaration.type != "AWS::S3::Bucket" ||
        declaration.properties == nullptr) {
      continue;
    }
    const Value* bucket_name = declaration.properties->Find("BucketName");
    const Value* resolved =
        bucket_name == nullptr ? nullptr : Resolve(*bucket_name);
    if (resolved != nullptr && resolved->is_string() &&
        resolved->text == name) {
      return declaration.index;
    }
  }
  return kNoResource;
}

absl::Status TemplateContext::ReadFlag(const Value& holder,
                                       std::string_view key,
                                       LocatedBool& flag) {
  const Value* value = holder.Find(key);
  if (value == nullptr) return absl::OkStatus();
  flag.location = value->location;
  const Value* resolved = Resolve(*value);
  if (resolved == nullptr) {
    NoteSymbolic(key, *value, "the setting is treated as absent");
    return absl::OkStatus();
  }
  const std::string text = resolved->is_bool()
                               ? (resolved->boolean ? "true" : "false")
                               : absl::AsciiStrToLower(resolved->text);
  if ((resolved->is_bool() || resolved->is_string()) &&
      (text == "true" || text == "false")) {
    flag.value = text == "true";
    flag.set = true;
    return absl::OkStatus();
  }
  return InputError(
      resolved->location,
      absl::StrCat(internal::ToAbsl(key), " must be true or false, found ",
                   DescribeValue(*resolved)));
}

void TemplateContext::NoteSymbolic(std::string_view element, const Value& value,
                                   std::string_view consequence) {
  Note("symbolic-value", value.location,
       absl::StrCat(absl::string_view(element.data(), element.size()),
                    " is the template expression ", iam::RenderSymbolic(value),
                    "; ",
                    absl::string_view(consequence.data(), consequence.size())));
}

namespace {

absl::Status VisitEntry(const Value& entry, std::string_view element,
                        TemplateContext& context,
                        const std::function<absl::Status(const Value&)>& visit,
                        bool nested);

// The branches of an Fn::If, each an entry or a list of entries.
absl::Status VisitBranches(
    const Value& branches, std::string_view element, TemplateContext& context,
    const std::function<absl::Status(const Value&)>& visit) {
  for (size_t i = 1; i < branches.items.size(); ++i) {
    const Value& branch = branches.items[i];
    if (branch.is_array() && !iam::AsTemplateExpression(branch).has_value()) {
      for (const Value& item : branch.items) {
        if (absl::Status s = VisitEntry(item, element, context, visit, true);
            !s.ok()) {
          return s;
        }
      }
    } else if (absl::Status s =
                   VisitEntry(branch, element, context, visit, true);
               !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status VisitEntry(const Value& entry, std::string_view element,
                        TemplateContext& context,
                        const std::function<absl::Status(const Value&)>& visit,
                        bool nested) {
  std::optional<iam::TemplateExpression> expression =
      iam::AsTemplateExpression(entry);
  if (!expression.has_value()) return visit(entry);
  if (iam::IsNoValue(entry)) return absl::OkStatus();
  if (expression->name == "Fn::If" && expression->argument->is_array() &&
      expression->argument->items.size() == 3) {
    return VisitBranches(*expression->argument, element, context, visit);
  }
  context.NoteSymbolic(
      absl::StrCat(absl::string_view(element.data(), element.size()),
                   nested ? " entry" : ""),
      entry, "it is not analysed");
  return absl::OkStatus();
}

}  // namespace

absl::Status ForEachListEntry(
    const Value& list, std::string_view element, TemplateContext& context,
    const std::function<absl::Status(const Value&)>& visit) {
  if (iam::AsTemplateExpression(list).has_value()) {
    return VisitEntry(list, element, context, visit, /*nested=*/false);
  }
  if (!list.is_array()) {
    return InputError(
        list.location,
        absl::StrCat(absl::string_view(element.data(), element.size()),
                     " must be an array, found ",
                     std::string(Value::KindName(list.kind))));
  }
  for (const Value& item : list.items) {
    if (absl::Status s =
            VisitEntry(item, element, context, visit, /*nested=*/true);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> TemplateContext::ReadCidr(
    std::string_view key, const Value& value, ip::Family family,
    std::string_view consequence) {
  const Value* resolved = Resolve(value);
  if (resolved == nullptr) {
    NoteSymbolic(key, value, consequence);
    return std::nullopt;
  }
  std::string problem = "not a string";
  if (resolved->is_string()) {
    // EC2 accepts host bits ("192.168.1.0/0", in AWS's own samples) and uses
    // the network they fall in, so polygraph does too, with a warning: such
    // a value is usually far more open than its author meant.
    absl::StatusOr<ip::Cidr> cidr =
        ip::Cidr::Parse(resolved->text, {.normalize_host_bits = true});
    if (cidr.ok() && cidr->family() == family) {
      std::string normalized = cidr->ToString();
      if (!ip::Cidr::Parse(resolved->text).ok()) {
        diagnostics.push_back(Diagnostic{
            Diagnostic::Level::kWarning, "cidr-host-bits", resolved->location,
            absl::StrCat(internal::ToAbsl(key), " ", DescribeValue(*resolved),
                         " has host bits set; AWS uses ", normalized)});
      }
      return normalized;
    }
    problem = cidr.ok() ? absl::StrCat(
                              "it is an ",
                              internal::ToAbsl(ip::FamilyName(cidr->family())),
                              " CIDR")
                        : std::string(cidr.status().message());
  }
  return InputError(
      resolved->location,
      absl::StrCat(internal::ToAbsl(key), " ", DescribeValue(*resolved),
                   " is not a valid ", internal::ToAbsl(ip::FamilyName(family)),
                   " CIDR: ", problem));
}

std::string DescribeValue(const Value& value) {
  if (std::optional<iam::TemplateExpression> expression =
          iam::AsTemplateExpression(value)) {
    return absl::StrCat("template expression ", expression->spelling);
  }
  if (value.is_string()) return internal::QuoteForMessage(value.text);
  if (value.is_number()) return value.text;
  return std::string(Value::KindName(value.kind));
}

}  // namespace polygraph::ingest
