// InsecureRequestsNotDenied (lib/storage/transport.cc).

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/storage_exposure.h"
#include "tests/storage/storage_testing.h"
#include "tests/testing.h"

namespace polygraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A policy with one Deny statement on `resources` (YAML list entries) with
// `condition` (YAML, indented for the statement).
std::string Deny(const std::string& action, const std::string& resources,
                 const std::string& condition) {
  return "Version: '2012-10-17'\n"
         "Statement:\n"
         "  - Sid: DenyInsecureTransport\n"
         "    Effect: Deny\n"
         "    Principal: '*'\n"
         "    Action: '" +
         action + "'\n    Resource:\n" + resources + condition;
}

constexpr char kBoth[] =
    "      - !GetAtt AssetsBucket.Arn\n"
    "      - !Sub '${AssetsBucket.Arn}/*'\n";
constexpr char kSecureTransportFalse[] =
    "    Condition:\n"
    "      Bool:\n"
    "        aws:SecureTransport: 'false'\n";

storage::InsecureTransport Decide(const std::string& policy) {
  Model model = BucketModel(Named("assets"), policy);
  absl::StatusOr<storage::InsecureTransport> result =
      storage::InsecureRequestsNotDenied(model, 0);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : storage::InsecureTransport();
}

TEST(TransportTest, DenyOnBucketAndObjectsIsTlsOnly) {
  storage::InsecureTransport result =
      Decide(Deny("s3:*", kBoth, kSecureTransportFalse));
  EXPECT_TRUE(result.has_policy);
  EXPECT_THAT(result.not_denied, IsEmpty());
}

TEST(TransportTest, NoPolicyDeniesNothing) {
  storage::InsecureTransport result = Decide("");
  EXPECT_FALSE(result.has_policy);
  EXPECT_THAT(result.not_denied,
              ElementsAre("s3:GetObject", "s3:PutObject", "s3:ListBucket"));
}

TEST(TransportTest, ObjectsOnlyLeavesListBucket) {
  EXPECT_THAT(Decide(Deny("s3:*", "      - !Sub '${AssetsBucket.Arn}/*'\n",
                          kSecureTransportFalse))
                  .not_denied,
              ElementsAre("s3:ListBucket"));
}

TEST(TransportTest, OnlyGetObjectDenied) {
  EXPECT_THAT(
      Decide(Deny("s3:GetObject", kBoth, kSecureTransportFalse)).not_denied,
      ElementsAre("s3:PutObject", "s3:ListBucket"));
}

TEST(TransportTest, ConditionThatNeverMatchesDeniesNothing) {
  // aws:SecureTransport "true" denies TLS requests, not plain ones.
  EXPECT_THAT(Decide(Deny("s3:*", kBoth,
                          "    Condition:\n"
                          "      Bool:\n"
                          "        aws:SecureTransport: 'true'\n"))
                  .not_denied,
              ElementsAre("s3:GetObject", "s3:PutObject", "s3:ListBucket"));
}

TEST(TransportTest, AllowStatementsDoNotProtect) {
  // An Allow only with TLS is no protection: the identity policy allows.
  EXPECT_THAT(Decide("Version: '2012-10-17'\n"
                     "Statement:\n"
                     "  - Effect: Allow\n"
                     "    Principal: {AWS: !Ref AWS::AccountId}\n"
                     "    Action: 's3:*'\n"
                     "    Resource:\n" +
                     std::string(kBoth) +
                     "    Condition:\n"
                     "      Bool:\n"
                     "        aws:SecureTransport: 'true'\n")
                  .not_denied,
              ElementsAre("s3:GetObject", "s3:PutObject", "s3:ListBucket"));
}

TEST(TransportTest, PolicyThatDoesNotCompileIsAnError) {
  Model model =
      BucketModel(Named("assets"), Deny("s3:*", kBoth,
                                        "    Condition:\n"
                                        "      IpAddress:\n"
                                        "        aws:SourceIp: 10.0.0.0/99\n"));
  absl::StatusOr<storage::InsecureTransport> result =
      storage::InsecureRequestsNotDenied(model, 0);
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(ErrorLocation(result.status()).has_value());
}

}  // namespace
}  // namespace polygraph::testing
