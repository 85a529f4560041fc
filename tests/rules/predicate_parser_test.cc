#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/declarative_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;

// The check block starts on line 9 of RuleFile().
std::string ErrorOf(const std::string& check) {
  return std::string(CompileError(check).message());
}

TEST(PredicateParserTest, ValidCheckCompiles) {
  EXPECT_TRUE(CompileError("  resources: [db_instance, aws_db_instance]\n"
                           "  require: {attribute: A, equals: 1}\n"
                           "  message: m\n")
                  .ok());
}

TEST(PredicateParserTest, UnknownPredicate) {
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {exposed: {port: 22}}\n"
                      "  message: m\n"),
              HasSubstr("TEST-DB-001.yaml:10:13: unknown predicate \"exposed\" "
                        "(expected one of all, any"));
}

TEST(PredicateParserTest, UnknownOperator) {
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, equal: 1}\n"
                      "  message: m\n"),
              HasSubstr("10:27: unknown operator \"equal\""));
}

TEST(PredicateParserTest, BadRegex) {
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require:\n"
                      "    attribute: A\n"
                      "    regex: \"a(b\"\n"
                      "  message: m\n"),
              HasSubstr("12:12: bad regular expression \"a(b\""));
}

TEST(PredicateParserTest, WrongOperandType) {
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, gt: many}\n"
                      "  message: m\n"),
              HasSubstr("10:31: \"gt\" takes a number, not \"many\""));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, exists: yes}\n"
                      "  message: m\n"),
              HasSubstr("\"exists\" takes true or false"));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, in: x}\n"
                      "  message: m\n"),
              HasSubstr("\"in\" takes a list"));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, cidr_within: 10.0.0.0/33}\n"
                      "  message: m\n"),
              HasSubstr("\"cidr_within\" takes a CIDR"));
}

TEST(PredicateParserTest, StructuralErrors) {
  EXPECT_THAT(ErrorOf("  resources: [db_instanse]\n"
                      "  require: {attribute: A, exists: true}\n"
                      "  message: m\n"),
              HasSubstr("9:15: unknown resource kind \"db_instanse\""));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, equals: 1, in: [1]}\n"
                      "  message: m\n"),
              HasSubstr("exactly one operator"));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A}\n"
                      "  message: m\n"),
              HasSubstr("has no operator"));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, exists: true}\n"),
              HasSubstr("check is missing \"message\""));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, exists: true}\n"
                      "  message: \"{name}\"\n"),
              HasSubstr("11:12: unknown placeholder \"{name}\""));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  requires: {attribute: A, exists: true}\n"
                      "  message: m\n"),
              HasSubstr("10:3: unknown key \"requires\" in check"));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: \"A[x]\", exists: true}\n"
                      "  message: m\n"),
              HasSubstr("bad index \"[x]\""));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {for_each: A}\n"
                      "  message: m\n"),
              HasSubstr("\"for_each\" needs \"require\""));
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {all: []}\n"
                      "  message: m\n"),
              HasSubstr("non-empty list of predicates"));
}

TEST(PredicateParserTest, AnalysisOperands) {
  EXPECT_TRUE(CompileError("  resources: [instance]\n"
                           "  require: {not: {exposed_to_internet: {port: 22, "
                           "protocol: tcp}}}\n"
                           "  message: m\n")
                  .ok());
  EXPECT_THAT(ErrorOf("  resources: [instance]\n"
                      "  require: {reachable: {from: nowhere}}\n"
                      "  message: m\n"),
              HasSubstr("\"from\" takes internet or a CIDR"));
  EXPECT_THAT(ErrorOf("  resources: [bucket]\n"
                      "  require: {allows: {principal: \"*\"}}\n"
                      "  message: m\n"),
              HasSubstr("missing \"action\""));
  EXPECT_THAT(ErrorOf("  resources: [bucket]\n"
                      "  require: {exposed_to_internet: {ports: 1}}\n"
                      "  message: m\n"),
              HasSubstr("unknown key \"ports\""));
}

TEST(PredicateParserTest, BadOtherAttributePath) {
  EXPECT_THAT(ErrorOf("  resources: [db_instance]\n"
                      "  require: {attribute: A, equals_attribute: \"B..C\"}\n"
                      "  message: m\n"),
              HasSubstr("10:45: empty key in attribute path \"B..C\""));
}

}  // namespace
}  // namespace polygraph::testing
