#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "iam/compare_internal.h"
#include "iam/condition_values.h"

namespace polygraph::iam::internal {
namespace {

TEST(CompareValuesTest, ConditionValueCandidatesCoverBoundaries) {
  Condition numeric{"NumericLessThan", "k", {{"10", {}, false}}, {}};
  Condition ip{"IpAddress", "k2", {{"10.0.0.0/8", {}, false}}, {}};
  ValueCandidates n = ConditionValueCandidates({{&numeric, true}}, 100);
  const std::vector<std::string> numbers = {"10", "9", "11"};
  EXPECT_THAT(n.values, ::testing::IsSupersetOf(numbers));
  ValueCandidates a = ConditionValueCandidates({{&ip, true}}, 100);
  const std::vector<std::string> addresses = {"10.0.0.0", "10.255.255.255",
                                              "9.255.255.255", "11.0.0.0"};
  EXPECT_THAT(a.values, ::testing::IsSupersetOf(addresses));
  EXPECT_FALSE(a.mixed);
}

TEST(CompareValuesTest, DatesAndStringsAndMixedFamilies) {
  Condition date{
      "DateLessThan", "d", {{"2030-01-01T00:00:00Z", {}, false}}, {}};
  ValueCandidates d = ConditionValueCandidates({{&date, true}}, 100);
  const int64_t boundary = *ParseDate("2030-01-01T00:00:00Z");
  bool at = false, before = false, after = false;
  for (const std::string& v : d.values) {
    std::optional<int64_t> parsed = ParseDate(v);
    if (!parsed) continue;
    at = at || *parsed == boundary;
    before = before || *parsed < boundary;
    after = after || *parsed > boundary;
  }
  EXPECT_TRUE(at && before && after);

  Condition like{"StringLike", "s", {{"team-*", {}, false}}, {}};
  Condition number{"NumericEquals", "s", {{"3", {}, false}}, {}};
  ValueCandidates s = ConditionValueCandidates({{&like, true}}, 100);
  // A value inside the pattern and one outside, flagged as naming nothing.
  ASSERT_EQ(s.values.size(), 2u);
  EXPECT_NE(s.names_nothing[0], s.names_nothing[1]);
  EXPECT_TRUE(
      ConditionValueCandidates({{&like, true}, {&number, true}}, 100).mixed);
}

}  // namespace
}  // namespace polygraph::iam::internal
