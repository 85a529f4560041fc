#include "ingest/terraform_plan.h"

#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "terraform/configuration.h"
#include "terraform/value.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

using ::polygraph::testing::ErrorAt;
using ::polygraph::testing::SourcePath;
using ::polygraph::testing::StatusIs;
using terraform::Configuration;
using terraform::ResourceInstance;
using terraform::TfValue;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A plan of a VPC, two counted private subnets and a public one, two
// security groups, an instance and an interface in the subnets, a data
// source, a resource being destroyed and a module with a bucket.
constexpr std::string_view kPlan = R"({
  "format_version": "1.2",
  "terraform_version": "1.6.6",
  "resource_changes": [
    {
      "address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc",
      "name": "main",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "change": {
        "actions": ["create"], "before": null,
        "after": {"cidr_block": "10.0.0.0/16", "enable_dns_support": true,
                  "tags": {"Name": "main"}},
        "after_unknown": {"arn": true, "id": true, "tags": {}}
      }
    },
    {
      "address": "aws_subnet.public", "mode": "managed",
      "type": "aws_subnet", "name": "public",
      "change": {
        "actions": ["create"], "before": null,
        "after": {"cidr_block": "10.0.1.0/24",
                  "map_public_ip_on_launch": true},
        "after_unknown": {"id": true, "vpc_id": true}
      }
    },
    {
      "address": "aws_subnet.private[0]", "mode": "managed",
      "type": "aws_subnet", "name": "private", "index": 0,
      "change": {"actions": ["create"], "after": {"cidr_block": "10.0.10.0/24"},
                 "after_unknown": {"id": true, "vpc_id": true}}
    },
    {
      "address": "aws_subnet.private[1]", "mode": "managed",
      "type": "aws_subnet", "name": "private", "index": 1,
      "change": {"actions": ["create"], "after": {"cidr_block": "10.0.11.0/24"},
                 "after_unknown": {"id": true, "vpc_id": true}}
    },
    {
      "address": "aws_security_group.web", "mode": "managed",
      "type": "aws_security_group", "name": "web",
      "change": {
        "actions": ["create"], "before": null,
        "after": {
          "name": "web",
          "ingress": [{"cidr_blocks": ["0.0.0.0/0"], "description": "ssh",
                       "from_port": 22, "to_port": 22, "protocol": "tcp",
                       "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                       "security_groups": [], "self": false}]
        },
        "after_unknown": {"arn": true, "egress": true, "id": true,
                          "vpc_id": true,
                          "ingress": [{"cidr_blocks": [false],
                                       "ipv6_cidr_blocks": [],
                                       "prefix_list_ids": [],
                                       "security_groups": []}]}
      }
    },
    {
      "address": "aws_security_group.db", "mode": "managed",
      "type": "aws_security_group", "name": "db",
      "change": {
        "actions": ["create"],
        "after": {"name": "db",
                  "ingress": [{"from_port": 5432, "to_port": 5432,
                               "protocol": "tcp", "cidr_blocks": [],
                               "security_groups": []}]},
        "after_unknown": {"id": true, "vpc_id": true,
                          "ingress": [{"security_groups": [true]}]}
      }
    },
    {
      "address": "aws_network_interface.app", "mode": "managed",
      "type": "aws_network_interface", "name": "app",
      "change": {"actions": ["create"], "after": {},
                 "after_unknown": {"id": true, "subnet_id": true}}
    },
    {
      "address": "aws_instance.app[0]", "mode": "managed",
      "type": "aws_instance", "name": "app", "index": 0,
      "change": {"actions": ["create"], "after": {"ami": "ami-123"},
                 "after_unknown": {"id": true, "subnet_id": true}}
    },
    {
      "address": "data.aws_availability_zones.available", "mode": "data",
      "type": "aws_availability_zones", "name": "available",
      "change": {"actions": ["read"], "after": {},
                 "after_unknown": {"names": true}}
    },
    {
      "address": "aws_instance.old", "mode": "managed",
      "type": "aws_instance", "name": "old",
      "change": {"actions": ["delete"], "before": {"ami": "ami-0"},
                 "after": null, "after_unknown": {}}
    },
    {
      "address": "module.logs.aws_s3_bucket.this",
      "module_address": "module.logs", "mode": "managed",
      "type": "aws_s3_bucket", "name": "this",
      "change": {"actions": ["create"], "after": {"bucket": "acme-logs"},
                 "after_unknown": {"arn": true, "id": true}}
    },
    {
      "address": "module.logs.aws_s3_bucket_public_access_block.this",
      "module_address": "module.logs", "mode": "managed",
      "type": "aws_s3_bucket_public_access_block", "name": "this",
      "change": {"actions": ["create"],
                 "after": {"block_public_acls": true,
                           "restrict_public_buckets": false},
                 "after_unknown": {"bucket": true, "id": true}}
    }
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc",
         "name": "main",
         "expressions": {"cidr_block": {"constant_value": "10.0.0.0/16"}}},
        {"address": "aws_subnet.public", "mode": "managed",
         "type": "aws_subnet", "name": "public",
         "expressions": {"vpc_id": {"references": ["aws_vpc.main.id",
                                                   "aws_vpc.main"]}}},
        {"address": "aws_subnet.private", "mode": "managed",
         "type": "aws_subnet", "name": "private",
         "expressions": {"vpc_id": {"references": ["aws_vpc.main.id",
                                                   "aws_vpc.main"]}},
         "count_expression": {"constant_value": 2}},
        {"address": "aws_security_group.web", "mode": "managed",
         "type": "aws_security_group", "name": "web",
         "expressions": {"vpc_id": {"references": ["var.vpc_id"]}}},
        {"address": "aws_security_group.db", "mode": "managed",
         "type": "aws_security_group", "name": "db",
         "expressions": {
           "vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]},
           "ingress": [{"from_port": {"constant_value": 5432},
                        "security_groups": {"references": [
                          "aws_security_group.web.id",
                          "aws_security_group.web"]}}]}},
        {"address": "aws_network_interface.app", "mode": "managed",
         "type": "aws_network_interface", "name": "app",
         "expressions": {"subnet_id": {"references": [
           "aws_subnet.private[0].id", "aws_subnet.private[0]",
           "aws_subnet.private"]}}},
        {"address": "aws_instance.app", "mode": "managed",
         "type": "aws_instance", "name": "app",
         "expressions": {"subnet_id": {"references": [
           "aws_subnet.private", "count.index"]}}}
      ],
      "module_calls": {
        "logs": {
          "source": "./modules/logs",
          "module": {
            "resources": [
              {"address": "aws_s3_bucket.this", "mode": "managed",
               "type": "aws_s3_bucket", "name": "this",
               "expressions": {"bucket": {"constant_value": "acme-logs"}}},
              {"address": "aws_s3_bucket_public_access_block.this",
               "mode": "managed",
               "type": "aws_s3_bucket_public_access_block", "name": "this",
               "expressions": {"bucket": {"references": [
                 "aws_s3_bucket.this.id", "aws_s3_bucket.this"]}}}
            ]
          }
        }
      }
    }
  }
})";

constexpr std::string_view kState = R"({
  "format_version": "1.0",
  "terraform_version": "1.6.6",
  "values": {
    "root_module": {
      "resources": [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc",
         "name": "main", "schema_version": 1,
         "values": {"id": "vpc-0abc", "cidr_block": "10.0.0.0/16"}},
        {"address": "data.aws_region.current", "mode": "data",
         "type": "aws_region", "name": "current",
         "values": {"name": "eu-west-1"}}
      ],
      "child_modules": [
        {"address": "module.net",
         "resources": [
           {"address": "module.net.aws_subnet.a[\"eu-west-1a\"]",
            "mode": "managed", "type": "aws_subnet", "name": "a",
            "index": "eu-west-1a",
            "values": {"id": "subnet-1", "vpc_id": "vpc-0abc"}}
         ],
         "child_modules": [
           {"address": "module.net.module.acl",
            "resources": [
              {"address": "module.net.module.acl.aws_network_acl.this",
               "mode": "managed", "type": "aws_network_acl", "name": "this",
               "values": {"id": "acl-1"}}]}
         ]}
      ]
    }
  }
})";

Value Parse(std::string_view text, std::string_view file = "plan.json") {
  absl::StatusOr<Value> document = ParseJson(text, file);
  EXPECT_TRUE(document.ok()) << document.status();
  return document.ok() ? *document : Value();
}

// "line:col" of the first occurrence of `needle` at or after `after`.
std::string Locate(std::string_view text, std::string_view needle,
                   std::string_view after = "") {
  size_t at = text.find(needle, text.find(after));
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return std::to_string(line) + ":" + std::to_string(at - line_start + 1);
}

std::string At(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

const ResourceInstance* Find(const Configuration& configuration,
                             std::string_view address) {
  for (const ResourceInstance& instance : configuration.resources) {
    if (instance.address == address) return &instance;
  }
  return nullptr;
}

TEST(TerraformPlanTest, RecognisesShowJson) {
  EXPECT_TRUE(IsTerraformShowJson(Parse(kPlan)));
  EXPECT_TRUE(IsTerraformShowJson(Parse(kState)));
  EXPECT_FALSE(IsTerraformShowJson(Parse(R"({"Resources": {}})")));
  EXPECT_FALSE(IsTerraformShowJson(Parse(R"({"format_version": "1.0"})")));
  EXPECT_FALSE(IsTerraformShowJson(Parse("[1]")));
}

TEST(TerraformPlanTest, PlanInstancesSkipDataAndDeletes) {
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(Parse(kPlan)));
  std::vector<std::string> addresses;
  for (const ResourceInstance& instance : configuration.resources) {
    addresses.push_back(instance.address);
  }
  EXPECT_THAT(
      addresses,
      ElementsAre("aws_vpc.main", "aws_subnet.public", "aws_subnet.private[0]",
                  "aws_subnet.private[1]", "aws_security_group.web",
                  "aws_security_group.db", "aws_network_interface.app",
                  "aws_instance.app[0]", "module.logs.aws_s3_bucket.this",
                  "module.logs.aws_s3_bucket_public_access_block.this"));
  EXPECT_THAT(configuration.files, ElementsAre("plan.json"));
  const ResourceInstance* bucket =
      Find(configuration, "module.logs.aws_s3_bucket.this");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->module_path, "module.logs");
  EXPECT_EQ(bucket->type, "aws_s3_bucket");
  EXPECT_EQ(bucket->name, "this");
  const ResourceInstance* private0 =
      Find(configuration, "aws_subnet.private[0]");
  EXPECT_EQ(private0->name, "private");
  EXPECT_EQ(private0->module_path, "");
}

TEST(TerraformPlanTest, KnownValuesAndUnknowns) {
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(Parse(kPlan)));
  const ResourceInstance* vpc = Find(configuration, "aws_vpc.main");
  ASSERT_NE(vpc, nullptr);
  EXPECT_EQ(vpc->attributes.Find("cidr_block")->text, "10.0.0.0/16");
  EXPECT_TRUE(vpc->attributes.Find("enable_dns_support")->boolean);
  EXPECT_EQ(vpc->attributes.Find("tags")->Find("Name")->text, "main");
  // Computed only by apply and not set by the configuration: not an
  // argument, so left out rather than kept as a symbolic value.
  EXPECT_EQ(vpc->attributes.Find("id"), nullptr);
  EXPECT_EQ(vpc->attributes.Find("arn"), nullptr);

  const ResourceInstance* web = Find(configuration, "aws_security_group.web");
  const TfValue* ingress = web->attributes.Find("ingress");
  ASSERT_NE(ingress, nullptr);
  ASSERT_EQ(ingress->kind, TfValue::Kind::kList);
  ASSERT_EQ(ingress->items.size(), 1u);
  const TfValue& rule = ingress->items[0];
  EXPECT_EQ(rule.Find("from_port")->kind, TfValue::Kind::kNumber);
  EXPECT_EQ(rule.Find("from_port")->number, 22);
  EXPECT_EQ(rule.Find("cidr_blocks")->items.at(0).text, "0.0.0.0/0");
  EXPECT_TRUE(rule.Find("security_groups")->items.empty());
  // egress is computed and not configured: left out (Terraform's group
  // then has no egress rule); vpc_id comes from a variable, so it stays a
  // plain unknown of this instance.
  EXPECT_EQ(web->attributes.Find("egress"), nullptr);
  ASSERT_NE(web->attributes.Find("vpc_id"), nullptr);
  EXPECT_EQ(web->attributes.Find("vpc_id")->text,
            "aws_security_group.web.vpc_id");
  EXPECT_TRUE(web->attributes.Find("vpc_id")->resource_address.empty());
}

TEST(TerraformPlanTest, UnknownsReferringToOneInstanceLink) {
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(Parse(kPlan)));
  const TfValue* vpc_id =
      Find(configuration, "aws_subnet.public")->attributes.Find("vpc_id");
  ASSERT_NE(vpc_id, nullptr);
  EXPECT_EQ(vpc_id->kind, TfValue::Kind::kUnknown);
  EXPECT_EQ(vpc_id->resource_address, "aws_vpc.main");
  EXPECT_EQ(vpc_id->attribute, "id");
  EXPECT_EQ(vpc_id->text, "aws_vpc.main.id");
  EXPECT_EQ(Find(configuration, "aws_subnet.private[1]")
                ->attributes.Find("vpc_id")
                ->resource_address,
            "aws_vpc.main");

  // Inside a nested block's list.
  const TfValue& group = Find(configuration, "aws_security_group.db")
                             ->attributes.Find("ingress")
                             ->items.at(0)
                             .Find("security_groups")
                             ->items.at(0);
  EXPECT_EQ(group.resource_address, "aws_security_group.web");
  EXPECT_EQ(group.attribute, "id");

  // A constant index names the instance; a computed one cannot.
  const TfValue* interface_subnet =
      Find(configuration, "aws_network_interface.app")
          ->attributes.Find("subnet_id");
  EXPECT_EQ(interface_subnet->resource_address, "aws_subnet.private[0]");
  const TfValue* instance_subnet =
      Find(configuration, "aws_instance.app[0]")->attributes.Find("subnet_id");
  EXPECT_TRUE(instance_subnet->resource_address.empty());
  EXPECT_EQ(instance_subnet->text, "aws_instance.app[0].subnet_id");

  // In a module, references are to the module's own resources.
  const TfValue* bucket =
      Find(configuration, "module.logs.aws_s3_bucket_public_access_block.this")
          ->attributes.Find("bucket");
  EXPECT_EQ(bucket->resource_address, "module.logs.aws_s3_bucket.this");
  EXPECT_EQ(bucket->attribute, "id");
}

TEST(TerraformPlanTest, ValuesAreLocatedInThePlan) {
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(Parse(kPlan)));
  const ResourceInstance* subnet = Find(configuration, "aws_subnet.public");
  EXPECT_EQ(subnet->location.file, "plan.json");
  EXPECT_EQ(At(subnet->attributes.Find("cidr_block")->location),
            Locate(kPlan, "\"10.0.1.0/24\""));
  // An unknown is located at its mark in after_unknown.
  EXPECT_EQ(At(subnet->attributes.Find("vpc_id")->location),
            Locate(kPlan, "true}", "\"vpc_id\": true"));
  // The entry's "{" is on the line before its address.
  EXPECT_EQ(subnet->location.line,
            std::stoi(Locate(kPlan, "\"address\": \"aws_subnet.public\"")) - 1);
}

TEST(TerraformPlanTest, StateWithChildModules) {
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(Parse(kState, "state.json")));
  ASSERT_EQ(configuration.resources.size(), 3u);
  EXPECT_EQ(configuration.resources[0].address, "aws_vpc.main");
  EXPECT_EQ(configuration.resources[0].attributes.Find("id")->text, "vpc-0abc");
  EXPECT_TRUE(configuration.resources[0].attributes.IsWhollyKnown());
  const ResourceInstance& subnet = configuration.resources[1];
  EXPECT_EQ(subnet.address, "module.net.aws_subnet.a[\"eu-west-1a\"]");
  EXPECT_EQ(subnet.module_path, "module.net");
  EXPECT_EQ(subnet.name, "a");
  EXPECT_EQ(At(subnet.attributes.Find("vpc_id")->location),
            Locate(kState, "\"vpc-0abc\"}"));
  EXPECT_EQ(configuration.resources[2].module_path, "module.net.module.acl");
  EXPECT_EQ(configuration.resources[2].type, "aws_network_acl");
}

TEST(TerraformPlanTest, PlannedValuesWithoutResourceChanges) {
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(Parse(R"({
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [
          {"address": "aws_s3_bucket.b", "mode": "managed",
           "type": "aws_s3_bucket", "name": "b",
           "values": {"bucket": "b"}}]}}})")));
  ASSERT_EQ(configuration.resources.size(), 1u);
  EXPECT_EQ(configuration.resources[0].attributes.Find("bucket")->text, "b");
}

TEST(TerraformPlanTest, SamplePlanReads) {
  absl::StatusOr<Value> document =
      ReadDocumentFile(SourcePath("examples/terraform-plan/plan.json"));
  ASSERT_TRUE(document.ok()) << document.status();
  ASSERT_TRUE(IsTerraformShowJson(*document));
  ASSERT_OK_AND_ASSIGN(Configuration configuration,
                       ReadTerraformShowJson(*document));
  const ResourceInstance* subnet = Find(configuration, "aws_subnet.public");
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->attributes.Find("vpc_id")->resource_address,
            "aws_vpc.main");
  const ResourceInstance* group = Find(configuration, "aws_security_group.ssh");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->attributes.Find("ingress")
                ->items.at(0)
                .Find("cidr_blocks")
                ->items.at(0)
                .text,
            "0.0.0.0/0");
  const ResourceInstance* block =
      Find(configuration, "aws_s3_bucket_public_access_block.assets");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->attributes.Find("bucket")->resource_address,
            "aws_s3_bucket.assets");
}

TEST(TerraformPlanTest, Errors) {
  const std::string no_address = R"({"format_version": "1.2",
  "resource_changes": [{"type": "aws_vpc", "name": "a", "change": {}}]})";
  absl::StatusOr<Configuration> result =
      ReadTerraformShowJson(Parse(no_address));
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("without an address")));
  EXPECT_EQ(ErrorAt(result), Locate(no_address, "{\"type\""));

  EXPECT_THAT(ReadTerraformShowJson(Parse(R"({"format_version": "1.2",
      "resource_changes": [{"address": "aws_vpc.a", "type": "aws_vpc",
                            "name": "a"}]})")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no change object")));
  EXPECT_THAT(ReadTerraformShowJson(Parse(R"({"format_version": "1.2",
      "resource_changes": [{"address": "aws_vpc.a", "type": "aws_vpc",
        "name": "a", "change": {"actions": ["create"], "after": [1]}}]})")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be an object")));
  EXPECT_THAT(ReadTerraformShowJson(Parse(R"({"format_version": "1.2",
      "resource_changes": {}})")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be a list")));
  const std::string bad_values = R"({"format_version": "1.0",
  "values": {"root_module": {"resources": [
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc",
     "name": "a", "values": "oops"}]}}})";
  result = ReadTerraformShowJson(Parse(bad_values));
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("aws_vpc.a must be an object")));
  EXPECT_EQ(ErrorAt(result), Locate(bad_values, "\"oops\""));
  EXPECT_THAT(ReadTerraformShowJson(Parse("[]")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace polygraph::ingest
