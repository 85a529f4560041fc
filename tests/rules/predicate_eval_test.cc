#include "gtest/gtest.h"
#include "rules/declarative/predicate.h"
#include "tests/rules/declarative_testing.h"

namespace polygraph::testing {
namespace {

TEST(PredicateEvalTest, EqualsAndNotEquals) {
  EXPECT_TRUE(Holds("{attribute: A, equals: true}", "A: true"));
  EXPECT_TRUE(Holds("{attribute: A, equals: true}", "A: \"True\""));
  EXPECT_FALSE(Holds("{attribute: A, equals: true}", "A: false"));
  EXPECT_FALSE(Holds("{attribute: A, equals: true}", "B: true"));
  EXPECT_TRUE(Holds("{attribute: A, equals: 7}", "A: \"7.0\""));
  EXPECT_FALSE(Holds("{attribute: A, equals: 7}", "A: 8"));
  EXPECT_TRUE(Holds("{attribute: A, equals: x}", "A: x"));
  EXPECT_FALSE(Holds("{attribute: A, equals: x}", "A: {B: x}"));
  EXPECT_TRUE(Holds("{attribute: A, not_equals: x}", "A: y"));
  EXPECT_FALSE(Holds("{attribute: A, not_equals: x}", "A: x"));
  EXPECT_TRUE(Holds("{attribute: A, not_equals: x}", "B: 1"));
}

TEST(PredicateEvalTest, InAndNotIn) {
  EXPECT_TRUE(Holds("{attribute: A, in: [a, b]}", "A: b"));
  EXPECT_FALSE(Holds("{attribute: A, in: [a, b]}", "A: c"));
  EXPECT_TRUE(Holds("{attribute: A, not_in: [a, b]}", "A: c"));
  EXPECT_FALSE(Holds("{attribute: A, not_in: [a, b]}", "A: a"));
}

TEST(PredicateEvalTest, ExistsAndDefault) {
  EXPECT_TRUE(Holds("{attribute: A.B, exists: true}", "A: {B: 1}"));
  EXPECT_FALSE(Holds("{attribute: A.B, exists: true}", "A: {C: 1}"));
  EXPECT_FALSE(Holds("{attribute: A, exists: true}", "A: null"));
  EXPECT_TRUE(Holds("{attribute: A, exists: false}", "B: 1"));
  EXPECT_FALSE(Holds("{attribute: A, exists: false}", "A: 1"));
  EXPECT_TRUE(Holds("{attribute: A, equals: true, default: true}", "B: 1"));
  EXPECT_FALSE(Holds("{attribute: A, equals: true, default: false}", "B: 1"));
}

TEST(PredicateEvalTest, RegexIsPartialMatch) {
  EXPECT_TRUE(Holds("{attribute: A, regex: \"^db-\"}", "A: db-1"));
  EXPECT_FALSE(Holds("{attribute: A, regex: \"^db-\"}", "A: xdb-1"));
  EXPECT_TRUE(Holds("{attribute: A, regex: \"b-1\"}", "A: db-1"));
  EXPECT_TRUE(Holds("{attribute: A, not_regex: \"^db-\"}", "A: xdb-1"));
  EXPECT_FALSE(Holds("{attribute: A, not_regex: \"^db-\"}", "A: db-1"));
}

TEST(PredicateEvalTest, NumericComparisons) {
  EXPECT_TRUE(Holds("{attribute: A, gt: 7}", "A: 8"));
  EXPECT_FALSE(Holds("{attribute: A, gt: 7}", "A: 7"));
  EXPECT_TRUE(Holds("{attribute: A, gte: 7}", "A: \"7\""));
  EXPECT_FALSE(Holds("{attribute: A, gte: 7}", "A: 6"));
  EXPECT_TRUE(Holds("{attribute: A, lt: 7}", "A: 6.5"));
  EXPECT_FALSE(Holds("{attribute: A, lt: 7}", "A: 7"));
  EXPECT_TRUE(Holds("{attribute: A, lte: 7}", "A: 7"));
  EXPECT_FALSE(Holds("{attribute: A, lte: 7}", "A: 8"));
  EXPECT_FALSE(Holds("{attribute: A, gte: 1}", "A: many"));
}

TEST(PredicateEvalTest, Cidrs) {
  EXPECT_TRUE(
      Holds("{attribute: A, cidr_within: 10.0.0.0/8}", "A: 10.1.0.0/16"));
  EXPECT_TRUE(Holds("{attribute: A, cidr_within: 10.0.0.0/8}", "A: 10.1.2.3"));
  EXPECT_FALSE(
      Holds("{attribute: A, cidr_within: 10.0.0.0/8}", "A: 0.0.0.0/0"));
  EXPECT_TRUE(
      Holds("{attribute: A, cidr_overlaps: 10.0.0.0/8}", "A: 0.0.0.0/0"));
  EXPECT_FALSE(
      Holds("{attribute: A, cidr_overlaps: 10.0.0.0/8}", "A: 192.168.0.0/16"));
  EXPECT_TRUE(Holds("{attribute: A, prefix_length_gte: 16}", "A: 10.0.0.0/20"));
  EXPECT_FALSE(Holds("{attribute: A, prefix_length_gte: 16}", "A: 10.0.0.0/8"));
  EXPECT_TRUE(Holds("{attribute: A, prefix_length_lte: 16}", "A: 10.0.0.0/8"));
  EXPECT_FALSE(
      Holds("{attribute: A, prefix_length_lte: 16}", "A: 10.0.0.0/24"));
}

TEST(PredicateEvalTest, Literal) {
  EXPECT_TRUE(Holds("{attribute: P, literal: true}", "P: hunter2"));
  EXPECT_FALSE(Holds("{attribute: P, literal: true}", "P: !Ref Secret"));
  EXPECT_TRUE(Holds("{attribute: P, literal: false}", "P: !Ref Secret"));
  EXPECT_TRUE(Holds("{attribute: P, literal: false}",
                    "P: \"{{resolve:secretsmanager:db}}\""));
  EXPECT_TRUE(Holds("{attribute: P, literal: false}", "P: \"${var.pw}\""));
  EXPECT_TRUE(Holds("{attribute: P, literal: false}", "P: {Ref: Secret}"));
  EXPECT_FALSE(Holds("{attribute: P, literal: false}", "P: hunter2"));
  EXPECT_TRUE(Holds("{attribute: P, literal: false}", "Q: 1"));
}

TEST(PredicateEvalTest, Combinators) {
  const char* kA = "{attribute: A, equals: 1}";
  const char* kB = "{attribute: B, equals: 1}";
  EXPECT_TRUE(
      Holds(absl::StrCat("{all: [", kA, ", ", kB, "]}"), "{A: 1, B: 1}"));
  EXPECT_FALSE(
      Holds(absl::StrCat("{all: [", kA, ", ", kB, "]}"), "{A: 1, B: 2}"));
  EXPECT_TRUE(
      Holds(absl::StrCat("{any: [", kA, ", ", kB, "]}"), "{A: 2, B: 1}"));
  EXPECT_FALSE(
      Holds(absl::StrCat("{any: [", kA, ", ", kB, "]}"), "{A: 2, B: 2}"));
  EXPECT_TRUE(Holds(absl::StrCat("{not: ", kA, "}"), "{A: 2}"));
  EXPECT_FALSE(Holds(absl::StrCat("{not: ", kA, "}"), "{A: 1}"));
}

TEST(PredicateEvalTest, ForEachAndForSome) {
  const char* kEach =
      "{for_each: Rules, require: {attribute: Cidr, not_equals: 0.0.0.0/0}}";
  EXPECT_TRUE(Holds(kEach, "Rules: [{Cidr: 10.0.0.0/8}, {Cidr: 10.1.0.0/16}]"));
  EXPECT_FALSE(Holds(kEach, "Rules: [{Cidr: 10.0.0.0/8}, {Cidr: 0.0.0.0/0}]"));
  EXPECT_TRUE(Holds(kEach, "Other: 1"));  // no elements: holds
  const char* kSome =
      "{for_some: Tags, require: {attribute: Key, equals: Owner}}";
  EXPECT_TRUE(Holds(kSome, "Tags: [{Key: Name}, {Key: Owner}]"));
  EXPECT_FALSE(Holds(kSome, "Tags: [{Key: Name}]"));
  EXPECT_FALSE(Holds(kSome, "Other: 1"));
}

TEST(PredicateEvalTest, WildcardsAndAlternatives) {
  EXPECT_TRUE(Holds("{attribute: \"C[*].Privileged\", equals: false}",
                    "C: [{Privileged: false}, {Name: x}]"));
  EXPECT_FALSE(Holds("{attribute: \"C[*].Privileged\", equals: false}",
                     "C: [{Privileged: false}, {Privileged: true}]"));
  EXPECT_FALSE(Holds("{attribute: \"C[*].Privileged\", exists: true}",
                     "C: [{Name: x}]"));
  EXPECT_FALSE(Holds("{attribute: \"Env.Vars.*\", literal: false}",
                     "Env: {Vars: {A: !Ref X, B: plain}}"));
  EXPECT_TRUE(
      Holds("{attribute: \"C[1].X\", equals: 2}", "C: [{X: 1}, {X: 2}]"));
  EXPECT_TRUE(Holds("{attribute: [IsMulti, is_multi], equals: true}",
                    "is_multi: true"));
  EXPECT_FALSE(Holds("{attribute: [IsMulti, is_multi], equals: true}",
                     "IsMulti: false"));
}

TEST(PredicateEvalTest, ElementNameAndValue) {
  // No member whose name looks secret holds a literal.
  const char* kNoSecret =
      "{not: {for_some: \"Env.*\", require: {all: ["
      "{attribute: \"@key\", regex: \"(?i)password\"}, "
      "{attribute: \"@\", literal: true}]}}}";
  EXPECT_TRUE(Holds(kNoSecret, "Env: {MODE: prod, DB_PASSWORD: !Ref Pw}"));
  EXPECT_FALSE(Holds(kNoSecret, "Env: {MODE: prod, db_password: hunter2}"));
  EXPECT_TRUE(Holds(kNoSecret, "Env: {MODE: prod, USER: admin}"));
  EXPECT_TRUE(Holds(kNoSecret, "Other: 1"));
  // A list item's @key is its index.
  EXPECT_TRUE(
      Holds("{for_each: L, require: {attribute: \"@key\", in: [\"0\", \"1\"]}}",
            "L: [a, b]"));
  EXPECT_FALSE(
      Holds("{for_each: L, require: {attribute: \"@key\", equals: \"0\"}}",
            "L: [a, b]"));
  // Outside an element @key is absent; @ is the properties.
  EXPECT_TRUE(Holds("{attribute: \"@key\", exists: false}", "A: 1"));
  EXPECT_TRUE(Holds("{attribute: \"@\", exists: true}", "A: 1"));
}

TEST(PredicateEvalTest, AttributeComparisons) {
  const char* kSame = "{attribute: A, equals_attribute: B}";
  EXPECT_TRUE(Holds(kSame, "{A: x, B: x}"));
  EXPECT_FALSE(Holds(kSame, "{A: x, B: y}"));
  EXPECT_FALSE(Holds(kSame, "{A: x}"));  // nothing equals an absent value
  EXPECT_TRUE(Holds(kSame, "{A: !GetAtt R.Arn, B: !GetAtt R.Arn}"));
  EXPECT_FALSE(Holds(kSame, "{A: !GetAtt R.Arn, B: !GetAtt S.Arn}"));
  const char* kDistinct = "{attribute: A, not_equals_attribute: B}";
  EXPECT_TRUE(Holds(kDistinct, "{A: x, B: y}"));
  EXPECT_FALSE(Holds(kDistinct, "{A: x, B: x}"));
  EXPECT_TRUE(Holds(kDistinct, "{A: x}"));
  EXPECT_TRUE(Holds(kDistinct, "{B: x}"));  // absent A: the negative holds
  EXPECT_FALSE(
      Holds("{attribute: A, not_equals_attribute: C.D}", "{A: 1, C: {D: 1}}"));
}

}  // namespace
}  // namespace polygraph::testing
