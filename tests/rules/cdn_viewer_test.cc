// PG-CF-003, 004, 005, 007 and 008 (lib/rules/checks/cdn_viewer.cc): viewer
// protocol, TLS policy, compression, web ACL and logging.

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/rules/cdn_testing.h"

namespace polygraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(CdnViewerTest, CompliantDistributionHasNoFindings) {
  Cdn cdn;
  AddBucket(cdn, {});
  cdn.builder.AddDistribution(MakeDistribution(cdn, "Web", 20));
  Model model = std::move(cdn.builder).Build();
  for (const char* id :
       {"PG-CF-003", "PG-CF-004", "PG-CF-005", "PG-CF-007", "PG-CF-008"}) {
    EXPECT_THAT(RunRule(id, model), IsEmpty()) << id;
  }
}

TEST(CdnViewerTest, ViewerSettings) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.behaviors[0].compress = {};  // absent: CloudFront's false
  CacheBehavior path;
  path.is_default = false;
  path.path_pattern = "/img/*";
  path.viewer_protocol_policy = "allow-all";
  path.viewer_protocol_policy_location = At(50, 35);
  path.compress = {true, true, At(51, 23)};
  distribution.behaviors.push_back(path);
  CacheBehavior symbolic;  // an unresolved ViewerProtocolPolicy is not decided
  symbolic.is_default = false;
  symbolic.compress = {true, true, At(55, 23)};
  distribution.behaviors.push_back(symbolic);
  distribution.minimum_protocol_version = "";
  distribution.minimum_protocol_version_location = {};
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();

  std::vector<Finding> http = RunRule("PG-CF-003", model);
  ASSERT_THAT(http, SizeIs(1));
  EXPECT_EQ(http[0].location, At(50, 35));
  EXPECT_THAT(http[0].message, HasSubstr("path /img/*"));

  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].location, At(30, 9));  // the ViewerCertificate key
  EXPECT_THAT(tls[0].message, HasSubstr("no MinimumProtocolVersion"));

  std::vector<Finding> compress = RunRule("PG-CF-005", model);
  ASSERT_THAT(compress, SizeIs(1));
  EXPECT_EQ(compress[0].location, At(26, 11));  // the behavior
  EXPECT_THAT(compress[0].message, HasSubstr("Compress not set"));
}

TEST(CdnViewerTest, NoViewerCertificateMeansTheDefaultCertificate) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.has_viewer_certificate = false;
  cdn.builder.AddDistribution(std::move(distribution));
  Model model = std::move(cdn.builder).Build();
  std::vector<Finding> tls = RunRule("PG-CF-004", model);
  ASSERT_THAT(tls, SizeIs(1));
  EXPECT_EQ(tls[0].location, At(20, 3));  // the distribution
  EXPECT_THAT(tls[0].message, HasSubstr("default certificate"));
}

TEST(CdnViewerTest, NoWebAcl) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution absent = MakeDistribution(cdn, "Web", 20);
  absent.web_acl_id = "";
  absent.web_acl_location = {};
  absent.geo_restriction_type = "whitelist";
  absent.geo_locations = {"US", "CA"};
  cdn.builder.AddDistribution(std::move(absent));
  Distribution empty = MakeDistribution(cdn, "Admin", 40);
  empty.web_acl_id = "";  // WebACLId: ''
  cdn.builder.AddDistribution(std::move(empty));
  std::vector<Finding> findings =
      RunRule("PG-CF-007", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(2));
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_EQ(findings[0].location, At(22, 7));  // the DistributionConfig key
  EXPECT_EQ(findings[0].message,
            "distribution Web has no AWS WAF web ACL: WebACLId not set; "
            "viewers are filtered only by its geo restriction (whitelist US, "
            "CA)");
  EXPECT_THAT(findings[0].fix, HasSubstr("AWS::WAFv2::WebACL"));
  EXPECT_EQ(findings[1].location, At(52, 19));  // the empty value
  EXPECT_EQ(findings[1].message,
            "distribution Admin has no AWS WAF web ACL: WebACLId is empty");
}

TEST(CdnViewerTest, NoLogging) {
  Cdn cdn;
  AddBucket(cdn, {});
  Distribution distribution = MakeDistribution(cdn, "Web", 20);
  distribution.has_logging = false;
  distribution.logging_location = {};
  cdn.builder.AddDistribution(std::move(distribution));
  std::vector<Finding> findings =
      RunRule("PG-CF-008", std::move(cdn.builder).Build());
  ASSERT_THAT(findings, SizeIs(1));
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[0].location, At(22, 7));
  EXPECT_EQ(findings[0].message,
            "distribution Web does not log viewer requests: Logging not set");
  EXPECT_THAT(findings[0].fix, HasSubstr("Logging:"));
}

}  // namespace
}  // namespace polygraph::testing
