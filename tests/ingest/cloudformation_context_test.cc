#include "ingest/cloudformation_context.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polygraph/document.h"
#include "tests/ingest/ingest_testing.h"
#include "tests/testing.h"

namespace polygraph::ingest {
namespace {

Value Yaml(const std::string& text) {
  absl::StatusOr<Value> value = ParseYaml(text, "c.yaml");
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Value{};
}

class TemplateContextTest : public ::testing::Test {
 protected:
  TemplateContextTest() : context_(builder_, diagnostics_) {
    parameters_ = Yaml(
        "WithDefault: {Type: String, Default: 10.0.0.0/8}\n"
        "NoDefault: {Type: String}\n");
    context_.parameters.emplace("WithDefault", &parameters_.items[0]);
    context_.parameters.emplace("NoDefault", &parameters_.items[1]);
    Resource resource;
    resource.name = "Group";
    resource.kind = ResourceKind::kSecurityGroup;
    context_.declarations.push_back(Declaration{"Group",
                                                "AWS::EC2::SecurityGroup",
                                                builder_.AddResource(resource),
                                                nullptr,
                                                nullptr,
                                                {}});
    context_.resources.emplace("Group", 0);
  }

  ModelBuilder builder_;
  std::vector<Diagnostic> diagnostics_;
  Value parameters_;
  TemplateContext context_;
};

TEST_F(TemplateContextTest, ResolvesLiteralsAndParameterDefaults) {
  Value literal = Yaml("80");
  EXPECT_EQ(context_.Resolve(literal), &literal);
  const Value* resolved = context_.Resolve(Yaml("!Ref WithDefault"));
  ASSERT_NE(resolved, nullptr);
  EXPECT_EQ(resolved->text, "10.0.0.0/8");
  EXPECT_EQ(context_.Resolve(Yaml("!Ref NoDefault")), nullptr);
  EXPECT_EQ(context_.Resolve(Yaml("!Ref Group")), nullptr);
  EXPECT_EQ(context_.Resolve(Yaml("!GetAtt Group.GroupId")), nullptr);
  EXPECT_EQ(context_.Resolve(Yaml("[1]")), nullptr);
}

TEST_F(TemplateContextTest, FindsReferencedResources) {
  EXPECT_EQ(context_.ReferencedResource(Yaml("!Ref Group")), 0u);
  EXPECT_EQ(context_.ReferencedResource(Yaml("!GetAtt Group.GroupId")), 0u);
  EXPECT_EQ(context_.ReferencedResource(Yaml("{Fn::GetAtt: [Group, Id]}")), 0u);
  EXPECT_EQ(context_.ReferencedResource(Yaml("!Ref WithDefault")), kNoResource);
  EXPECT_EQ(context_.ReferencedResource(Yaml("Group")), kNoResource);
  EXPECT_EQ(context_.KindOf(0), ResourceKind::kSecurityGroup);
  EXPECT_TRUE(TemplateContext::IsPseudoParameter("AWS::URLSuffix"));
  EXPECT_FALSE(TemplateContext::IsPseudoParameter("AWS::Account"));
}

TEST_F(TemplateContextTest, ForEachListEntryExpandsConditions) {
  Value list = Yaml(R"(
- a
- !If [C, b, !Ref AWS::NoValue]
- !If [C, [c, d], e]
- !Ref AWS::NoValue
- !FindInMap [M, k, v]
)");
  std::vector<std::string> seen;
  ASSERT_OK(ForEachListEntry(list, "Things", context_, [&](const Value& v) {
    seen.push_back(v.text);
    return absl::OkStatus();
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  ASSERT_EQ(diagnostics_.size(), 1u);
  EXPECT_EQ(diagnostics_[0].code, "symbolic-value");
  EXPECT_EQ(diagnostics_[0].location, (SourceLocation{"c.yaml", 6, 3}));
  EXPECT_EQ(diagnostics_[0].message,
            "Things entry is the template expression ${Fn::FindInMap}; it is "
            "not analysed");
}

TEST_F(TemplateContextTest, ForEachListEntryRejectsNonLists) {
  testing::ExpectInputError(
      ForEachListEntry(Yaml("{a: 1}"), "Things", context_,
                       [](const Value&) { return absl::OkStatus(); }),
      1, 1, "Things must be an array, found object");
}

}  // namespace
}  // namespace polygraph::ingest
