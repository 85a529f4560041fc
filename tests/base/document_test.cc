#include "polygraph/document.h"

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

// Writes `text` to a fresh file named `name` in the test's temp folder.
std::string WriteFile(const std::string& name, const std::string& text) {
  const std::filesystem::path folder =
      std::filesystem::path(::testing::TempDir()) / "document_test";
  std::filesystem::create_directories(folder);
  const std::string path = (folder / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(ReadDocumentFileTest, PicksTheReaderByExtension) {
  const std::string json = WriteFile("p.json", "{\"a\": true}");
  ASSERT_OK_AND_ASSIGN(Value doc, ReadDocumentFile(json));
  EXPECT_TRUE(doc.Find("a")->is_bool());
  EXPECT_EQ(doc.location.file, json);

  const std::string yaml = WriteFile("t.yml", "a: !Ref B\n");
  ASSERT_OK_AND_ASSIGN(Value tagged, ReadDocumentFile(yaml));
  EXPECT_EQ(tagged.Find("a")->tag, "!Ref");

  // YAML syntax in a .json file is a JSON error.
  const std::string wrong = WriteFile("wrong.json", "a: 1\n");
  EXPECT_THAT(ReadDocumentFile(wrong),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("wrong.json:1:1: expected a JSON value")));
}

TEST(ReadDocumentFileTest, SniffsTemplates) {
  const std::string json = WriteFile("a.template", "\n  {\"a\": 1, \"a\": 2}");
  EXPECT_THAT(ReadDocumentFile(json),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a.template:2:12: duplicate object key")));
  const std::string yaml = WriteFile("b.template", "Resources: {}\n");
  ASSERT_OK_AND_ASSIGN(Value doc, ReadDocumentFile(yaml));
  EXPECT_TRUE(doc.Find("Resources")->is_object());
}

TEST(ReadDocumentFileTest, ErrorsNameThePath) {
  EXPECT_THAT(
      ReadDocumentFile("/nonexistent/x.json"),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/x.json")));
  EXPECT_THAT(
      ReadDocumentFile(::testing::TempDir()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is a folder")));
  ParseOptions options;
  options.max_input_bytes = 2;
  EXPECT_THAT(ReadDocumentFile(WriteFile("big.json", "[1, 2]"), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("larger than 2 bytes")));
}

}  // namespace
}  // namespace polygraph
