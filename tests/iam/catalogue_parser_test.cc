#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/catalogue_tables.h"
#include "polygraph/source_location.h"
#include "tests/testing.h"

namespace polygraph::iam::catalogue_internal {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::StatusOr<std::unique_ptr<CatalogueTables>> Parse(
    const std::vector<std::string_view>& chunks) {
  return ParseCatalogue(chunks);
}

// Expects `status` to be an error at `line` of catalogue.txt with `message`.
void ExpectError(const absl::Status& status, int line,
                 const std::string& message) {
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)));
  std::optional<SourceLocation> location = ErrorLocation(status);
  ASSERT_TRUE(location.has_value()) << status;
  EXPECT_EQ(location->file, "catalogue.txt");
  EXPECT_EQ(location->line, line) << status;
}

constexpr std::string_view kSmall =
    "# comment\n"
    "V\tdata 1.0 (2024-01-01)\n"
    "G\taws:SourceIp\tIPAddress\n"
    "G\taws:PrincipalTag/${TagKey}\tString\n"
    "S\tzz\n"
    "K\tzz:Color\tString\n"
    "K\tzz:Label/${Name}\tString\n"
    "R\tthing\tarn:${Partition}:zz:::thing/${Id}\tzz:Color\n"
    "R\tother thing\tarn:${Partition}:zz:::other/${Id}\t\n"
    "A\tDoIt\tW\tother thing,thing*\tzz:Label/${Name}\n"
    "A\tListThem\tL\t\t\n";

TEST(CatalogueParserTest, ParsesEveryRecord) {
  absl::StatusOr<std::unique_ptr<CatalogueTables>> parsed = Parse({kSmall});
  ASSERT_OK(parsed);
  const CatalogueTables& tables = **parsed;
  EXPECT_EQ(tables.version, "data 1.0 (2024-01-01)");
  ASSERT_EQ(tables.services.size(), 1u);
  const ServiceEntry& service = tables.services[0];
  EXPECT_EQ(service.prefix, "zz");
  EXPECT_EQ(service.first_action, 0u);
  EXPECT_EQ(service.end_action, 2u);
  ASSERT_EQ(service.resource_types.size(), 2u);
  EXPECT_EQ(service.resource_types[0].name, "thing");
  EXPECT_EQ(service.resource_types[0].arn_pattern,
            "arn:${Partition}:zz:::thing/${Id}");
  EXPECT_THAT(service.resource_types[0].condition_keys,
              ElementsAre("zz:Color"));
  EXPECT_TRUE(service.resource_types[1].condition_keys.empty());

  ASSERT_EQ(tables.actions.size(), 2u);
  const ActionInfo& doit = tables.actions[0];
  EXPECT_EQ(doit.service, "zz");
  EXPECT_EQ(doit.name, "DoIt");
  EXPECT_EQ(doit.access_level, AccessLevel::kWrite);
  ASSERT_EQ(doit.resources.size(), 2u);
  EXPECT_EQ(doit.resources[0].name, "other thing");
  EXPECT_FALSE(doit.resources[0].required);
  EXPECT_EQ(doit.resources[1].name, "thing");
  EXPECT_TRUE(doit.resources[1].required);
  EXPECT_THAT(doit.condition_keys, ElementsAre("zz:Label/${Name}"));
  EXPECT_EQ(tables.actions[1].access_level, AccessLevel::kList);
  EXPECT_TRUE(tables.actions[1].resources.empty());

  // The resource links follow the action's resource list.
  EXPECT_THAT(tables.resource_begin, ElementsAre(0, 2, 2));
  EXPECT_EQ(tables.action_resources[0], &service.resource_types[1]);
  EXPECT_EQ(tables.action_resources[1], &service.resource_types[0]);

  EXPECT_TRUE(tables.global_exact.contains("AWS:SOURCEIP"));
  ASSERT_EQ(tables.global_patterns.size(), 1u);
  EXPECT_EQ(tables.key_types.at("zz:color"), "String");
  EXPECT_EQ(tables.key_patterns.at("ZZ").size(), 1u);
  EXPECT_EQ(tables.action_index.at(ActionKey{"ZZ", "doit"}), 0u);
}

TEST(CatalogueParserTest, ViewsPointIntoTheText) {
  absl::StatusOr<std::unique_ptr<CatalogueTables>> parsed = Parse({kSmall});
  ASSERT_OK(parsed);
  const char* begin = kSmall.data();
  const char* end = begin + kSmall.size();
  std::string_view name = (*parsed)->actions[0].name;
  EXPECT_GE(name.data(), begin);
  EXPECT_LE(name.data() + name.size(), end);
}

TEST(CatalogueParserTest, ReadsChunksInOrder) {
  size_t cut = kSmall.find("S\tzz");
  ASSERT_NE(cut, std::string_view::npos);
  absl::StatusOr<std::unique_ptr<CatalogueTables>> parsed =
      Parse({kSmall.substr(0, cut), kSmall.substr(cut)});
  ASSERT_OK(parsed);
  EXPECT_EQ((*parsed)->actions.size(), 2u);
  // Line numbers continue across chunks.
  std::string broken(kSmall.substr(cut));
  broken += "A\tBad\tX\t\t\n";
  ExpectError(Parse({kSmall.substr(0, cut), broken}).status(), 12,
              "unknown access level");
}

TEST(CatalogueParserTest, RejectsMalformedRecords) {
  const std::string head = "V\tv\nS\tzz\nR\tthing\tarn\t\n";
  ExpectError(Parse({"V\tv\nA\tX\tR\t\t\n"}).status(), 2,
              "before the first 'S' record");
  ExpectError(Parse({head + "A\tX\tR\t\n"}).status(), 4, "has 4 fields");
  ExpectError(Parse({head + "A\tX\tQ\t\t\n"}).status(), 4,
              "unknown access level");
  ExpectError(Parse({head + "A\tX\tR\tnope\t\n"}).status(), 4,
              "unknown resource type");
  ExpectError(Parse({head + "A\tX\tR\tthing,,thing\t\n"}).status(), 4,
              "empty list item");
  ExpectError(Parse({head + "A\tX\tR\t\t\nA\tx\tR\t\t\n"}).status(), 5,
              "appears twice");
  ExpectError(Parse({head + "A\tX\tR\t\t\nR\tlate\tarn\t\n"}).status(), 5,
              "after the service's actions");
  ExpectError(Parse({head + "S\tzz\n"}).status(), 4, "appears twice");
  ExpectError(Parse({head + "Z\tfoo\n"}).status(), 4, "unknown record");
  ExpectError(Parse({"V\tv\nV\tw\n"}).status(), 2, "a second 'V' record");
  ExpectError(Parse({"S\tzz\n"}).status(), 1, "no 'V' record");
}

}  // namespace
}  // namespace polygraph::iam::catalogue_internal
