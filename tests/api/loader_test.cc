#include "polygraph/loader.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

using ::polygraph::testing::StatusIs;
using ::testing::HasSubstr;

// A template whose only security group rule has an invalid CIDR: the rule is
// left out with an error diagnostic, or, on request, the load fails there.
class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Unique per process: ctest runs tests in parallel processes.
    path_ = (std::filesystem::temp_directory_path() /
             ("polygraph_loader_test_bad_rule_" + std::to_string(getpid()) +
              ".yaml"))
                .string();
    std::ofstream(path_) << "Resources:\n"
                            "  Sg:\n"
                            "    Type: AWS::EC2::SecurityGroup\n"
                            "    Properties:\n"
                            "      GroupDescription: app\n"
                            "      SecurityGroupIngress:\n"
                            "        - IpProtocol: tcp\n"
                            "          FromPort: 22\n"
                            "          ToPort: 22\n"
                            "          CidrIp: 300.1.1.1/8\n";
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_;
};

TEST_F(LoaderTest, ElementsLeftOutAreErrorDiagnosticsByDefault) {
  ASSERT_OK_AND_ASSIGN(LoadResult loaded, LoadPaths({path_}, {}));
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].level, Diagnostic::Level::kError);
  EXPECT_EQ(loaded.diagnostics[0].code, "invalid-value");
  EXPECT_EQ(loaded.diagnostics[0].location.line, 10);
  EXPECT_EQ(loaded.model.resources().size(), 1u);
}

TEST_F(LoaderTest, StrictLoadFailsAtTheFirstElementLeftOut) {
  absl::StatusOr<LoadResult> loaded =
      LoadPaths({path_}, {.recursive = true,
                          .skip_hidden = true,
                          .fail_on_error_diagnostics = true});
  EXPECT_THAT(loaded, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("300.1.1.1/8")));
  ASSERT_TRUE(ErrorLocation(loaded.status()).has_value());
  EXPECT_EQ(ErrorLocation(loaded.status())->line, 10);
  EXPECT_EQ(ErrorLocation(loaded.status())->column, 19);
}

}  // namespace
}  // namespace polygraph
