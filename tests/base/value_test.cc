#include "polygraph/value.h"

#include "gtest/gtest.h"
#include "tests/testing.h"

namespace polygraph {
namespace {

TEST(ValueTest, FindReturnsFirstMemberAndKeyLocation) {
  Value object;
  object.kind = Value::Kind::kObject;
  object.location = {"f.json", 1, 1};
  Value one;
  one.kind = Value::Kind::kNumber;
  one.text = "1";
  object.keys = {"a", "b"};
  object.key_locations = {{"f.json", 2, 3}, {"f.json", 3, 3}};
  object.items = {one, Value{}};
  ASSERT_NE(object.Find("a"), nullptr);
  EXPECT_EQ(object.Find("a")->text, "1");
  EXPECT_TRUE(object.Find("b")->is_null());
  EXPECT_EQ(object.Find("c"), nullptr);
  EXPECT_EQ(object.KeyLocation("b").line, 3);
  EXPECT_EQ(object.KeyLocation("zzz").line, 1);
}

TEST(ValueTest, FindOnNonObjectIsNull) {
  Value text;
  text.kind = Value::Kind::kString;
  EXPECT_EQ(text.Find("a"), nullptr);
  EXPECT_EQ(Value::KindName(Value::Kind::kArray), "array");
}

TEST(SourceLocationTest, InputErrorCarriesLocation) {
  absl::Status status = InputError({"dir/p.json", 4, 7}, "unexpected '}'");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "dir/p.json:4:7: unexpected '}'");
  std::optional<SourceLocation> location = ErrorLocation(status);
  ASSERT_TRUE(location.has_value());
  EXPECT_EQ(*location, (SourceLocation{"dir/p.json", 4, 7}));
  EXPECT_FALSE(ErrorLocation(absl::InternalError("x")).has_value());
}

TEST(SourceLocationTest, ToStringOmitsUnknownLine) {
  EXPECT_EQ((SourceLocation{"a.yaml", 0, 0}).ToString(), "a.yaml");
  EXPECT_EQ((SourceLocation{"a.yaml", 2, 5}).ToString(), "a.yaml:2:5");
}

}  // namespace
}  // namespace polygraph
