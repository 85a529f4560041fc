#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/iam_catalogue.h"
#include "polygraph/iam_minimize.h"
#include "tests/testing.h"

namespace polygraph::iam {
namespace {

using ::polygraph::testing::ErrorAt;
using ::polygraph::testing::SourcePath;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// "action resource" for each access.
std::vector<std::string> Pairs(const std::vector<UsedAccess>& used) {
  std::vector<std::string> out;
  for (const UsedAccess& access : used) {
    out.push_back(access.action + " " + access.resource);
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ParseUsedAccessTest, CloudTrailRecords) {
  ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> used,
                       ParseUsedAccess(R"({"Records": [
  {"eventSource": "s3.amazonaws.com", "eventName": "GetObject",
   "resources": [{"ARN": "arn:aws:s3:::b/k"}]},
  {"eventSource": "monitoring.amazonaws.com", "eventName": "PutMetricData"},
  {"eventSource": "email.amazonaws.com", "eventName": "SendEmail",
   "resources": []},
  {"eventSource": "s3.amazonaws.com", "eventName": "ListObjectsV2",
   "resources": [{"ARN": "arn:aws:s3:::b"}, {"ARNPrefix": "arn:aws:s3:::b/x"}]},
  {"eventSource": "lambda.amazonaws.com",
   "eventName": "GetFunction20150331v2"},
  {"eventSource": "tagging.amazonaws.com", "eventName": "GetResources"}
]})",
                                       "trail.json"));
  EXPECT_THAT(
      Pairs(used),
      ElementsAre("s3:GetObject arn:aws:s3:::b/k", "cloudwatch:PutMetricData *",
                  "ses:SendEmail *", "s3:ListBucket arn:aws:s3:::b",
                  "lambda:GetFunction *", "tag:GetResources *"));
  EXPECT_EQ(used[0].location.ToString(), "trail.json:3:18");
  EXPECT_EQ(used[1].location.ToString(), "trail.json:4:3");
  // Every mapped prefix is a catalogue service.
  for (const UsedAccess& access : used) {
    EXPECT_TRUE(Catalogue::Builtin().FindAction(access.action).has_value())
        << access.action;
  }
}

TEST(ParseUsedAccessTest, SingleEventAndArrayOfEvents) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<UsedAccess> one,
      ParseUsedAccess(
          R"({"eventSource": "sqs.amazonaws.com", "eventName": "SendMessage"})",
          "e.json"));
  EXPECT_THAT(Pairs(one), ElementsAre("sqs:SendMessage *"));
  ASSERT_OK_AND_ASSIGN(
      std::vector<UsedAccess> many,
      ParseUsedAccess(
          R"([{"eventSource": "sqs.amazonaws.com", "eventName": "SendMessage"},
              {"eventSource": "iam.amazonaws.com", "eventName": "GetRole"}])",
          "e.json"));
  EXPECT_THAT(Pairs(many), ElementsAre("sqs:SendMessage *", "iam:GetRole *"));
}

TEST(ParseUsedAccessTest, AccessAdvisorCountsOnlyAccessedActions) {
  ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> used,
                       ParseUsedAccess(R"({"ServicesLastAccessed": [
  {"ServiceNamespace": "s3", "LastAccessedTime": "2026-01-01T00:00:00Z",
   "TrackedActionsLastAccessed": [
     {"ActionName": "GetObject", "LastAccessedEntity": "arn:aws:iam::1:role/r",
      "LastAccessedTime": "2026-01-01T00:00:00Z"},
     {"ActionName": "PutObject"}]},
  {"ServiceNamespace": "sqs"}
]})",
                                       "aa.json"));
  EXPECT_THAT(Pairs(used), ElementsAre("s3:GetObject *"));
  EXPECT_EQ(used[0].location.ToString(), "aa.json:4:6");
}

TEST(ParseUsedAccessTest, AccessAdvisorWithoutActionDetailIsAnError) {
  absl::StatusOr<std::vector<UsedAccess>> used = ParseUsedAccess(
      R"({"ServicesLastAccessed": [
  {"ServiceNamespace": "sts", "LastAccessedTime": "2026-01-01T00:00:00Z"}]})",
      "aa.json");
  EXPECT_EQ(ErrorAt(used), "2:3");
  EXPECT_THAT(used.status().message(), HasSubstr("ACTION_LEVEL"));
}

TEST(ParseUsedAccessTest, PlainText) {
  ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> used,
                       ParseUsedAccess("# comment\n"
                                       "\n"
                                       "s3:GetObject arn:aws:s3:::b/k\n"
                                       "  sqs:SendMessage\t*  \r\n"
                                       "iam:GetRole",
                                       "used.txt"));
  EXPECT_THAT(Pairs(used), ElementsAre("s3:GetObject arn:aws:s3:::b/k",
                                       "sqs:SendMessage *", "iam:GetRole *"));
  EXPECT_EQ(used[0].location.ToString(), "used.txt:3:1");
  EXPECT_EQ(used[1].location.ToString(), "used.txt:4:3");
  EXPECT_EQ(used[2].location.ToString(), "used.txt:5:1");
}

TEST(ParseUsedAccessTest, EmptyInputs) {
  for (const char* text : {"", "\n\n", "# only a comment\n", "  \t\n"}) {
    ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> used,
                         ParseUsedAccess(text, "e.txt"));
    EXPECT_THAT(used, IsEmpty()) << text;
  }
  for (const char* text :
       {R"({"Records": []})", "[]", R"({"ServicesLastAccessed": []})"}) {
    ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> used,
                         ParseUsedAccess(text, "e.json"));
    EXPECT_THAT(used, IsEmpty()) << text;
  }
}

TEST(ParseUsedAccessTest, ErrorsAreLocated) {
  struct Case {
    const char* text;
    const char* at;
    const char* message;
  };
  const Case cases[] = {
      {"s3:GetObject\nGetObject\n", "2:1", "service:Action"},
      {"s3:Get*", "1:1", "service:Action"},
      {"s3:GetObject bucket", "1:14", "resource ARN"},
      {"s3:GetObject arn:aws:s3:::b extra", "1:29", "more after"},
      {"{\"Records\": [\n  {\"eventName\": \"GetObject\"}]}", "2:3",
       "eventSource"},
      {"{\"Records\": [{\"eventSource\": \"s3.amazonaws.com\"}]}", "1:14",
       "eventName"},
      {"{\"Records\": [{\"eventSource\": 3, \"eventName\": \"X\"}]}", "1:30",
       "must be a string"},
      {"{\"Records\": [{\"eventSource\": \"s3\", \"eventName\": \"X\"}]}",
       "1:30", "amazonaws.com"},
      {"{\"Records\": {}}", "1:13", "must be an array"},
      {"{\"Records\": [{\"eventSource\": \"s3.amazonaws.com\", "
       "\"eventName\": \"X\", \"resources\": [{\"type\": \"t\"}]}]}",
       "1:82", "ARN"},
      {"{\"Other\": 1}", "1:1", "unrecognized"},
      {"{\"Records\": [", "1:14", ""},
      {"\"text\"", "1:1", ""},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::vector<UsedAccess>> used =
        ParseUsedAccess(c.text, "in");
    EXPECT_EQ(ErrorAt(used), c.at) << c.text << " " << used.status();
    EXPECT_THAT(std::string(used.status().message()), HasSubstr(c.message))
        << c.text;
    EXPECT_THAT(std::string(used.status().message()), HasSubstr("in:"))
        << c.text;
  }
}

TEST(ParseUsedAccessTest, SampleFilesAgree) {
  const std::string dir = SourcePath("tests/data/iam/minimize/");
  ASSERT_OK_AND_ASSIGN(
      std::vector<UsedAccess> trail,
      ParseUsedAccess(ReadFile(dir + "cloudtrail.json"), "cloudtrail.json"));
  ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> text,
                       ParseUsedAccess(ReadFile(dir + "used.txt"), "used.txt"));
  ASSERT_OK_AND_ASSIGN(std::vector<UsedAccess> advisor,
                       ParseUsedAccess(ReadFile(dir + "access-advisor.json"),
                                       "access-advisor.json"));
  // The text list is the trail without the bucket resources of object events.
  std::vector<std::string> trail_pairs = Pairs(trail);
  for (const std::string& pair : Pairs(text)) {
    EXPECT_THAT(trail_pairs, ::testing::Contains(pair));
  }
  EXPECT_THAT(Pairs(advisor), ElementsAre("s3:GetObject *", "s3:ListBucket *",
                                          "s3:PutObject *"));
}

}  // namespace
}  // namespace polygraph::iam
