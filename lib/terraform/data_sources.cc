#include "terraform/data_sources.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "terraform/iam_policy_document.h"

namespace polygraph::terraform {
namespace {

using polygraph::internal::ToAbsl;

struct ComputedAttributes {
  std::string_view type;
  std::vector<std::string_view> attributes;
};

// The attributes configurations commonly read from data sources that the
// files cannot decide (account, region, lookups). Each becomes an unknown
// unless the block sets it; any other attribute the evaluator asks for is
// made unknown there.
const std::vector<ComputedAttributes>& KnownComputedAttributes() {
  static const auto* const kTable = new std::vector<ComputedAttributes>{
      {"aws_availability_zones", {"id", "names", "zone_ids", "group_names"}},
      {"aws_region", {"id", "name", "description", "endpoint"}},
      {"aws_caller_identity", {"id", "account_id", "arn", "user_id"}},
      {"aws_partition",
       {"id", "partition", "dns_suffix", "reverse_dns_prefix"}},
      {"aws_vpc",
       {"id", "arn", "cidr_block", "owner_id", "main_route_table_id"}},
      {"aws_subnet",
       {"id", "arn", "vpc_id", "cidr_block", "availability_zone"}},
      {"aws_subnets", {"id", "ids"}},
      {"aws_ami", {"id", "arn", "image_id", "name"}},
      {"aws_iam_policy", {"id", "arn", "name", "policy"}},
      {"aws_iam_role", {"id", "arn", "name", "unique_id"}},
      {"aws_kms_key", {"id", "arn", "key_id"}},
      {"aws_kms_alias", {"id", "arn", "target_key_id", "target_key_arn"}},
      {"aws_security_group", {"id", "arn", "vpc_id", "name"}},
      {"aws_s3_bucket", {"id", "arn", "bucket", "bucket_domain_name"}},
      {"aws_route53_zone", {"id", "arn", "zone_id", "name"}},
      {"aws_acm_certificate", {"id", "arn"}},
      {"aws_secretsmanager_secret", {"id", "arn"}},
      {"aws_ssm_parameter", {"id", "arn", "value"}},
  };
  return *kTable;
}

void AddUnknown(std::vector<std::string>& keys, std::vector<TfValue>& items,
                const TfValue& arguments, std::string_view address,
                std::string_view attribute, const SourceLocation& location) {
  if (arguments.Find(attribute) != nullptr) return;
  keys.emplace_back(attribute);
  items.push_back(TfValue::Unknown(
      absl::StrCat(ToAbsl(address), ".", ToAbsl(attribute)), location));
}

}  // namespace

absl::StatusOr<TfValue> EvaluateDataSource(std::string_view type,
                                           std::string_view address,
                                           const TfValue& arguments,
                                           const SourceLocation& location) {
  if (arguments.kind != TfValue::Kind::kObject && !arguments.is_null()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the arguments of ", ToAbsl(address), " must be an object, not ",
        ToAbsl(TfValue::KindName(arguments.kind))));
  }
  std::vector<std::string> keys = arguments.keys;
  std::vector<TfValue> items = arguments.items;

  if (type == "aws_iam_policy_document") {
    absl::StatusOr<std::optional<internal::RenderedPolicyDocument>> rendered =
        internal::RenderIamPolicyDocument(
            arguments.is_null() ? TfValue::Object({}, {}, location)
                                : arguments);
    if (!rendered.ok()) return rendered.status();
    if (arguments.Find("version") == nullptr) {
      keys.emplace_back("version");
      items.push_back(TfValue::String("2012-10-17", location));
    }
    keys.insert(keys.end(), {"json", "minified_json", "id"});
    if (rendered->has_value()) {
      std::string id = internal::PolicyDocumentId((*rendered)->json);
      items.push_back(TfValue::String((*rendered)->json, location));
      items.push_back(TfValue::String((*rendered)->minified_json, location));
      items.push_back(TfValue::String(std::move(id), location));
    } else {
      for (std::string_view attribute : {"json", "minified_json", "id"}) {
        items.push_back(TfValue::Unknown(
            absl::StrCat(ToAbsl(address), ".", ToAbsl(attribute)), location));
      }
    }
    return TfValue::Object(std::move(keys), std::move(items), location);
  }

  bool listed = false;
  for (const ComputedAttributes& entry : KnownComputedAttributes()) {
    if (entry.type != type) continue;
    listed = true;
    for (std::string_view attribute : entry.attributes) {
      AddUnknown(keys, items, arguments, address, attribute, location);
    }
  }
  if (!listed) AddUnknown(keys, items, arguments, address, "id", location);
  return TfValue::Object(std::move(keys), std::move(items), location);
}

}  // namespace polygraph::terraform
