#include "polygraph/diagnostic.h"

#include "gtest/gtest.h"

namespace polygraph {
namespace {

TEST(DiagnosticTest, ToStringNamesLevelLocationAndCode) {
  Diagnostic diagnostic{Diagnostic::Level::kNote,
                        "not-analysed",
                        {"main.tf", 0, 0},
                        "Terraform is not analysed yet"};
  EXPECT_EQ(diagnostic.ToString(),
            "main.tf: note: Terraform is not analysed yet [not-analysed]");
  diagnostic.level = Diagnostic::Level::kWarning;
  diagnostic.location = {"t.yaml", 3, 9};
  diagnostic.code.clear();
  EXPECT_EQ(diagnostic.ToString(),
            "t.yaml:3:9: warning: Terraform is not analysed yet");
}

}  // namespace
}  // namespace polygraph
