#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "rules/declarative/predicate.h"

namespace polygraph::rules::internal {
namespace {

using Kind = PathSegment::Kind;

TEST(AttributePathTest, Parses) {
  absl::StatusOr<AttributePath> path = ParseAttributePath("A.B[2].C[*].*");
  ASSERT_TRUE(path.ok()) << path.status();
  ASSERT_EQ(path->segments.size(), 6u);
  EXPECT_EQ(path->segments[0].key, "A");
  EXPECT_EQ(path->segments[2].kind, Kind::kIndex);
  EXPECT_EQ(path->segments[2].index, 2u);
  EXPECT_EQ(path->segments[4].kind, Kind::kEveryElement);
  EXPECT_EQ(path->segments[5].kind, Kind::kEveryMember);
  EXPECT_TRUE(path->has_wildcard);
  EXPECT_FALSE(ParseAttributePath("A.B")->has_wildcard);
}

TEST(AttributePathTest, RejectsMalformedPaths) {
  for (const char* bad : {"", "A..B", "A.", ".A", "A[", "A[x]", "A[1]B"}) {
    EXPECT_FALSE(ParseAttributePath(bad).ok()) << bad;
  }
}

TEST(AttributePathTest, LookupReachesValuesWithTheirPaths) {
  absl::StatusOr<Value> doc = ParseYaml(
      "A:\n  - {X: 1}\n  - {X: 2}\n  - {Y: 3}\nM: {p: 1, q: null}\n", "t.yaml");
  ASSERT_TRUE(doc.ok());
  PathLookup lookup = Lookup(*doc, "", {}, *ParseAttributePath("A[*].X"));
  ASSERT_EQ(lookup.reached.size(), 2u);
  EXPECT_EQ(lookup.reached[1].path, "A[1].X");
  EXPECT_EQ(lookup.reached[1].value->text, "2");
  lookup = Lookup(*doc, "", {}, *ParseAttributePath("M.*"));
  ASSERT_EQ(lookup.reached.size(), 1u);  // null counts as absent
  EXPECT_EQ(lookup.reached[0].path, "M.p");
}

TEST(AttributePathTest, AbsentValueCitesNearestPresentParentKey) {
  absl::StatusOr<Value> doc = ParseYaml("A:\n  B:\n    C: 1\n", "t.yaml");
  ASSERT_TRUE(doc.ok());
  PathLookup lookup = Lookup(*doc, "", {}, *ParseAttributePath("A.B.D"));
  EXPECT_TRUE(lookup.reached.empty());
  EXPECT_EQ(lookup.nearest_parent, (SourceLocation{"t.yaml", 2, 3}));
  lookup = Lookup(*doc, "", {}, *ParseAttributePath("Z.Y"));
  EXPECT_FALSE(lookup.nearest_parent.known());
}

TEST(AttributePathTest, SelectorsAndJoin) {
  EXPECT_TRUE(IsResourceSelector("db_instance"));
  EXPECT_TRUE(IsResourceSelector("AWS::CloudTrail::Trail"));
  EXPECT_TRUE(IsResourceSelector("aws_cloudtrail"));
  EXPECT_FALSE(IsResourceSelector("db_instanse"));
  EXPECT_FALSE(IsResourceSelector("Bucket"));
  EXPECT_EQ(JoinPath("A[0]", "B"), "A[0].B");
  EXPECT_EQ(JoinPath("A", "[1]"), "A[1]");
  EXPECT_EQ(JoinPath("", "B"), "B");
}

}  // namespace
}  // namespace polygraph::rules::internal
