// Quoted strings, heredocs and bare templates (lib/terraform/hcl_template.cc).
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_parser.h"
#include "terraform/hcl_syntax.h"
#include "tests/terraform/hcl_testing.h"
#include "tests/testing.h"

namespace polygraph::terraform {
namespace {

using ::polygraph::testing::ErrorAt;

std::string At(const SourceLocation& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

// The S-expression of attribute `a` of `text`, or "error L:C: message".
std::string A(std::string_view text) {
  absl::StatusOr<HclFile> file = ParseHclFile(text, "main.tf");
  if (!file.ok()) {
    return "error " + ErrorAt(file) + ": " + ErrorReason(file.status());
  }
  const Body::Attribute* a = file->body.Find("a");
  if (a == nullptr) return "no attribute a";
  return testing::Sexp(*a->expression);
}

std::string T(std::string_view text) {
  absl::StatusOr<std::vector<TemplatePart>> parts =
      ParseHclTemplate(text, "t.tftpl");
  if (!parts.ok()) {
    return "error " + ErrorAt(parts) + ": " + ErrorReason(parts.status());
  }
  return testing::SexpParts(*parts);
}

TEST(HclTemplateTest, EscapesAreDecoded) {
  EXPECT_EQ(A(R"(a = "a\nb\rc\td\"e\\f")"), "(tpl \"a\nb\rc\td\"e\\f\")");
  EXPECT_EQ(A(R"(a = "\u00e9\U0001F600")"),
            "(tpl \"\xc3\xa9\xf0\x9f\x98\x80\")");
  EXPECT_EQ(A(R"(a = "$${x} %%{y} $ % $x")"), "(tpl \"${x} %{y} $ % $x\")");
}

TEST(HclTemplateTest, BadEscapesAreErrorsAtTheBackslash) {
  EXPECT_EQ(A(R"(a = "ab\q")"),
            "error 1:8: invalid escape sequence \"\\\\q\": expected \\n, \\r, "
            "\\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN");
  EXPECT_EQ(A(R"(a = "\u12")"),
            "error 1:6: invalid escape sequence: \\u needs 4 hexadecimal "
            "digits");
  EXPECT_EQ(A(R"(a = "\uD800")"),
            "error 1:6: invalid escape sequence: not a Unicode scalar value "
            "(a surrogate or above U+10FFFF)");
}

TEST(HclTemplateTest, Interpolations) {
  EXPECT_EQ(A("a = \"x-${var.env}-${1 + 2}\""),
            "(tpl \"x-\" ${(. var env)} \"-\" ${(+ 1 2)})");
  EXPECT_EQ(A("a = \"${f(\"in}ner\")}\""),
            "(tpl ${(call f (tpl \"in}ner\"))})");
  EXPECT_EQ(A("a = \"${x ? \"a\" : \"b\"}!\""),
            "(tpl ${(? x (tpl \"a\") (tpl \"b\"))} \"!\")");
  EXPECT_EQ(A("a = \"${\n  x\n}\""), "(tpl ${x})");
  absl::StatusOr<HclFile> file = ParseHclFile("a = \"ab${c}\"", "main.tf");
  ASSERT_OK(file);
  const Expression& a = *file->body.Find("a")->expression;
  EXPECT_EQ(At(a.location), "1:5");
  EXPECT_EQ(At(a.template_parts[0].location), "1:6");
  EXPECT_EQ(At(a.template_parts[1].location), "1:8");
  EXPECT_EQ(At(a.template_parts[1].expression->location), "1:10");
}

TEST(HclTemplateTest, Directives) {
  EXPECT_EQ(A("a = \"%{ if x }yes%{ else }no%{ endif }\""),
            "(tpl (%if x [\"yes\"] [\"no\"]))");
  EXPECT_EQ(A("a = \"%{ for k, v in m }${k}=${v};%{ endfor }\""),
            "(tpl (%for k,v m [${k} \"=\" ${v} \";\"]))");
  EXPECT_EQ(A("a = \"%{ for v in l }%{ if v }[${v}]%{ endif }%{ endfor }\""),
            "(tpl (%for ,v l [(%if v [\"[\" ${v} \"]\"] [])]))");
}

TEST(HclTemplateTest, StripMarkersTrimTheNeighbouringLiterals) {
  EXPECT_EQ(A("a = \"a \\n ${~ x ~} \\t b\""), "(tpl \"a\" ${x} \"b\")");
  EXPECT_EQ(A("a = \"a ${~x} b\""), "(tpl \"a\" ${x} \" b\")");
  EXPECT_EQ(A("a = <<EOT\nlist:\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\n"
              "end\nEOT\n"),
            "(tpl \"list:\n\" (%for ,x xs [\"- \" ${x} \"\n\"]) \"end\n\")");
  EXPECT_EQ(A("a = \"x %{~ if c ~} y %{~ endif ~} z\""),
            "(tpl \"x\" (%if c [\"y\"] []) \"z\")");
}

TEST(HclTemplateTest, Heredocs) {
  EXPECT_EQ(A("a = <<EOF\nline one\n  line \"two\" \\n\nEOF\n"),
            "(tpl \"line one\n  line \"two\" \\n\n\")");
  EXPECT_EQ(A("a = <<EOF\nEOF\n"), "(tpl)");
  EXPECT_EQ(A("a = <<EOF\n  ${x}\n  EOF\nb = 1\n"), "(tpl \"  \" ${x} \"\n\")");
  EXPECT_EQ(A("a = <<EOF\nEOFX\nEOF"), "(tpl \"EOFX\n\")");
  absl::StatusOr<HclFile> file =
      ParseHclFile("a = <<EOT\nx\nEOT\nb = 2\n", "main.tf");
  ASSERT_OK(file);
  EXPECT_EQ(At(file->body.Find("b")->location), "4:1");
  EXPECT_EQ(At(file->body.Find("a")->expression->template_parts[0].location),
            "2:1");
}

TEST(HclTemplateTest, IndentedHeredocsLoseTheCommonIndentation) {
  EXPECT_EQ(A("a = <<-EOT\n    one\n      two\n\n    three\n    EOT\n"),
            "(tpl \"one\n  two\n\nthree\n\")");
  EXPECT_EQ(A("a = <<-EOT\n\t\tx ${y}\n\t\t  z\n\tEOT\n"),
            "(tpl \"x \" ${y} \"\n  z\n\")");
  EXPECT_EQ(A("a = <<-EOT\n  a\n${b}\n  EOT\n"), "(tpl \"  a\n\" ${b} \"\n\")");
}

TEST(HclTemplateTest, UnclosedStringsAndHeredocsAreReportedWhereTheyOpen) {
  EXPECT_EQ(A("a = 1\nb = \"abc\nc = 2\n"),
            "error 2:5: unclosed string: expected a closing \"\\\"\" before "
            "end of line (a quoted string cannot span lines; use a heredoc)");
  EXPECT_EQ(A("a = \"abc"),
            "error 1:5: unclosed string: expected a closing \"\\\"\" before "
            "end of file");
  EXPECT_EQ(A("a = <<EOT\nabc\n EOTX\n"),
            "error 1:5: unclosed heredoc: expected \"EOT\" on a line of its "
            "own before end of file");
  EXPECT_EQ(A("a = \"${x\"\n"),
            "error 1:9: expected \"}\" to close \"${\" opened at 1:6, found "
            "string");
  EXPECT_EQ(A("a = \"${x"),
            "error 1:6: unclosed \"${\": expected \"}\" before end of file");
  EXPECT_EQ(A("a = \"%{ if x }a\""),
            "error 1:6: unclosed %{ if }: expected \"%{ endif }\" before the "
            "end of the template");
}

TEST(HclTemplateTest, MismatchedDirectivesAreErrors) {
  EXPECT_EQ(A("a = \"%{ endif }\""),
            "error 1:6: expected template text or a directive, found %{ endif "
            "}");
  EXPECT_EQ(A("a = \"%{ for x in y }%{ endif }\""),
            "error 1:21: expected \"%{ endfor }\" to close %{ for } opened at "
            "1:6, found %{ endif }");
  EXPECT_EQ(A("a = \"%{ if x }%{ else }%{ else }%{ endif }\""),
            "error 1:24: expected \"%{ endif }\" to close %{ if } opened at "
            "1:6, found %{ else }");
  EXPECT_EQ(A("a = \"%{ while x }\""),
            "error 1:9: expected \"if\", \"for\", \"else\", \"endif\" or "
            "\"endfor\" after \"%{\", found identifier \"while\"");
  EXPECT_EQ(A("a = \"${x ~ }\""),
            "error 1:12: expected \"}\" right after the strip marker \"~\", "
            "found \"}\"");
}

TEST(HclTemplateTest, BareTemplates) {
  EXPECT_EQ(T("Hello \"${name}\" \\n\n%{ if admin }!%{ endif }"),
            "\"Hello \"\" ${name} \"\" \\n\n\" (%if admin [\"!\"] [])");
  EXPECT_EQ(T(""), "");
  EXPECT_EQ(T("$${literal}"), "\"${literal}\"");
  EXPECT_EQ(T("a\n${b"),
            "error 2:1: unclosed \"${\": expected \"}\" before "
            "end of file");
  HclParseOptions options;
  options.max_depth = 3;
  EXPECT_THAT(ErrorReason(ParseHclTemplate(
                              "%{if a}%{if b}%{if c}%{if d}%{endif}%{endif}"
                              "%{endif}%{endif}",
                              "t", options)
                              .status()),
              ::testing::HasSubstr("nesting deeper than the limit of 3"));
}

}  // namespace
}  // namespace polygraph::terraform
