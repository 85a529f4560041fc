// Bodies and expressions of the HCL2 native syntax (hcl_parser.h), by
// recursive descent with one token of lookahead (two where `for` or an
// object key needs it). Binary operators use precedence climbing in one
// function, so each nested parenthesis costs a handful of stack frames.

#include "terraform/hcl_parser.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/strings.h"
#include "polygraph/source_location.h"
#include "terraform/hcl_lexer.h"
#include "terraform/hcl_parser_internal.h"
#include "terraform/hcl_syntax.h"

namespace polygraph::terraform {
namespace internal {
namespace {

ExpressionPtr MakeExpression(Expression::Kind kind,
                             const SourceLocation& location) {
  auto expression = std::make_unique<Expression>();
  expression->kind = kind;
  expression->location = location;
  return expression;
}

ExpressionPtr MakeLiteral(Value::Kind kind, std::string_view text,
                          const SourceLocation& location) {
  ExpressionPtr expression =
      MakeExpression(Expression::Kind::kLiteral, location);
  expression->literal.kind = kind;
  expression->literal.text = std::string(text);
  expression->literal.boolean = text == "true";
  expression->literal.location = location;
  return expression;
}

// A binary operator's precedence (higher binds tighter), or 0.
int Precedence(HclTokenKind kind, BinaryOperator& op) {
  switch (kind) {
    case HclTokenKind::kOr:
      op = BinaryOperator::kOr;
      return 1;
    case HclTokenKind::kAnd:
      op = BinaryOperator::kAnd;
      return 2;
    case HclTokenKind::kEqual:
      op = BinaryOperator::kEqual;
      return 3;
    case HclTokenKind::kNotEqual:
      op = BinaryOperator::kNotEqual;
      return 3;
    case HclTokenKind::kLess:
      op = BinaryOperator::kLess;
      return 4;
    case HclTokenKind::kLessOrEqual:
      op = BinaryOperator::kLessOrEqual;
      return 4;
    case HclTokenKind::kGreater:
      op = BinaryOperator::kGreater;
      return 4;
    case HclTokenKind::kGreaterOrEqual:
      op = BinaryOperator::kGreaterOrEqual;
      return 4;
    case HclTokenKind::kPlus:
      op = BinaryOperator::kAdd;
      return 5;
    case HclTokenKind::kMinus:
      op = BinaryOperator::kSubtract;
      return 5;
    case HclTokenKind::kStar:
      op = BinaryOperator::kMultiply;
      return 6;
    case HclTokenKind::kSlash:
      op = BinaryOperator::kDivide;
      return 6;
    case HclTokenKind::kPercent:
      op = BinaryOperator::kModulo;
      return 6;
    default:
      return 0;
  }
}

std::string Quote(std::string_view text) {
  return polygraph::internal::QuoteForMessage(text);
}

std::string At(const SourceLocation& location) {
  return Cat(location.line, ":", location.column);
}

}  // namespace

HclParser::HclParser(std::string_view text, std::string_view path,
                     int first_line, int first_column,
                     const HclParseOptions& options)
    : path_(path), options_(options), lexer_(text, first_line, first_column) {
  newlines_.push_back(true);
}

absl::Status HclParser::CheckInput() const {
  const std::string_view text = lexer_.text();
  const SourceLocation start = Location(lexer_.line(), lexer_.column());
  if (text.size() > options_.max_input_bytes) {
    return ErrorAt(start,
                   Cat("input of ", text.size(), " bytes exceeds the limit of ",
                       options_.max_input_bytes, " bytes"));
  }
  const std::optional<size_t> bad = polygraph::internal::FirstInvalidUtf8(text);
  if (!bad.has_value()) return absl::OkStatus();
  int line = start.line;
  size_t line_start = 0;
  for (size_t i = 0; i < *bad; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = static_cast<int>(*bad - line_start) + 1;
  if (line == start.line) column += start.column - 1;
  constexpr char kHex[] = "0123456789ABCDEF";
  const unsigned char byte = static_cast<unsigned char>(text[*bad]);
  return ErrorAt(Location(line, column),
                 Cat("invalid UTF-8: byte 0x", std::string(1, kHex[byte >> 4]),
                     std::string(1, kHex[byte & 15]),
                     " does not start or continue a valid sequence"));
}

const HclToken& HclParser::Peek() {
  if (!has_peek_) {
    peek_ = lexer_.Next();
    has_peek_ = true;
  }
  if (!newlines_.back()) {
    while (peek_.kind == HclTokenKind::kNewline) peek_ = lexer_.Next();
  }
  return peek_;
}

HclToken HclParser::Take() {
  Peek();
  has_peek_ = false;
  return peek_;
}

HclToken HclParser::PeekSecond() {
  Peek();
  const HclLexer::State saved = lexer_.state();
  HclToken token = lexer_.Next();
  if (!newlines_.back()) {
    while (token.kind == HclTokenKind::kNewline) token = lexer_.Next();
  }
  lexer_.set_state(saved);
  return token;
}

void HclParser::SkipNewlines() {
  while (Peek().kind == HclTokenKind::kNewline) Take();
}

SourceLocation HclParser::Location(int line, int column) const {
  SourceLocation location;
  location.file = std::string(path_);
  location.line = line;
  location.column = column;
  return location;
}

absl::Status HclParser::ErrorAt(const SourceLocation& location,
                                std::string_view message) const {
  return InputError(location, message);
}

absl::Status HclParser::Expected(std::string_view what,
                                 const HclToken& found) const {
  if (found.kind == HclTokenKind::kUnclosedComment) {
    return ErrorAt(found,
                   "unclosed comment: expected \"*/\" before end of file");
  }
  return ErrorAt(found,
                 Cat("expected ", what, ", found ", DescribeToken(found)));
}

absl::Status HclParser::ExpectClose(HclTokenKind kind, const HclToken& opener) {
  const HclToken& token = Peek();
  if (token.kind == kind) {
    Take();
    return absl::OkStatus();
  }
  const std::string close = Quote(TokenKindName(kind));
  if (token.kind == HclTokenKind::kEof) {
    return ErrorAt(opener, Cat("unclosed ", Quote(opener.text), ": expected ",
                               close, " before end of file"));
  }
  return Expected(Cat(close, " to close ", Quote(opener.text), " opened at ",
                      At(Location(opener))),
                  token);
}

absl::Status HclParser::Enter(const HclToken& at) {
  if (++depth_ > options_.max_depth) {
    return ErrorAt(
        at, Cat("nesting deeper than the limit of ", options_.max_depth));
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------- bodies

absl::Status HclParser::ParseFile(Body& body) {
  body.location = Location(lexer_.line(), lexer_.column());
  return ParseBody(body, nullptr);
}

absl::Status HclParser::ParseBody(Body& body, const HclToken* open_brace) {
  while (true) {
    const HclToken token = Peek();
    switch (token.kind) {
      case HclTokenKind::kNewline:
        Take();
        continue;
      case HclTokenKind::kEof:
        if (open_brace != nullptr) {
          return ErrorAt(*open_brace,
                         "unclosed \"{\" of a block body: expected \"}\" "
                         "before end of file");
        }
        return absl::OkStatus();
      case HclTokenKind::kRBrace:
        if (open_brace != nullptr) return absl::OkStatus();
        return Expected("an attribute name or block type", token);
      case HclTokenKind::kIdentifier: {
        Take();
        const HclToken& next = Peek();
        if (next.kind == HclTokenKind::kAssign) {
          POLYGRAPH_HCL_RETURN_IF_ERROR(
              ParseAttribute(token, body, open_brace));
        } else if (next.kind == HclTokenKind::kIdentifier ||
                   next.kind == HclTokenKind::kQuote ||
                   next.kind == HclTokenKind::kLBrace) {
          POLYGRAPH_HCL_RETURN_IF_ERROR(ParseBlock(token, body, open_brace));
        } else {
          return Expected(Cat("\"=\" or \"{\" after ", Quote(token.text)),
                          next);
        }
        continue;
      }
      default:
        return Expected("an attribute name or block type", token);
    }
  }
}

absl::Status HclParser::ParseAttribute(const HclToken& name, Body& body,
                                       const HclToken* open_brace) {
  Take();  // =
  absl::StatusOr<ExpressionPtr> value = ParseExpression();
  if (!value.ok()) return value.status();
  for (const Body::Attribute& existing : body.attributes) {
    if (existing.name == name.text) {
      return ErrorAt(
          name, Cat("attribute ", Quote(name.text), " is already defined at ",
                    At(existing.location)));
    }
  }
  Body::Attribute attribute;
  attribute.name = std::string(name.text);
  attribute.expression = std::move(*value);
  attribute.location = Location(name);
  body.attributes.push_back(std::move(attribute));
  return ExpectItemEnd(open_brace, Cat("the value of ", Quote(name.text)));
}

absl::Status HclParser::ParseBlock(const HclToken& type, Body& parent,
                                   const HclToken* open_brace) {
  Block block;
  block.type = std::string(type.text);
  block.location = Location(type);
  std::string_view last = type.text;
  while (Peek().kind != HclTokenKind::kLBrace) {
    const HclToken token = Take();
    if (token.kind == HclTokenKind::kIdentifier) {
      block.labels.push_back(std::string(token.text));
      block.label_locations.push_back(Location(token));
      last = token.text;
      continue;
    }
    if (token.kind != HclTokenKind::kQuote) {
      return Expected(Cat("a block label or \"{\" after ", Quote(last)), token);
    }
    absl::StatusOr<ExpressionPtr> label = ParseQuoted(token);
    if (!label.ok()) return label.status();
    const std::vector<TemplatePart>& parts = (*label)->template_parts;
    if (parts.size() > 1 ||
        (parts.size() == 1 && parts[0].kind != TemplatePart::Kind::kLiteral)) {
      return ErrorAt(token,
                     "a block label must be a plain string, without "
                     "interpolation or directives");
    }
    block.labels.push_back(parts.empty() ? std::string() : parts[0].text);
    block.label_locations.push_back(Location(token));
    last = block.labels.back();
  }
  const HclToken open = Take();
  POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(open));
  block.body.location = Location(open);
  PushNewlines(true);
  POLYGRAPH_HCL_RETURN_IF_ERROR(ParseBody(block.body, &open));
  Take();  // }
  PopNewlines();
  Leave();
  parent.blocks.push_back(std::move(block));
  return ExpectItemEnd(open_brace, Cat("the block ", Quote(type.text)));
}

absl::Status HclParser::ExpectItemEnd(const HclToken* open_brace,
                                      std::string_view after) {
  const HclToken& token = Peek();
  if (token.kind == HclTokenKind::kNewline) {
    Take();
    return absl::OkStatus();
  }
  if (token.kind == HclTokenKind::kEof ||
      (token.kind == HclTokenKind::kRBrace && open_brace != nullptr)) {
    return absl::OkStatus();
  }
  return Expected(Cat("a newline after ", after), token);
}

// ----------------------------------------------------------- expressions

absl::StatusOr<ExpressionPtr> HclParser::ParseWholeExpression() {
  SkipNewlines();
  absl::StatusOr<ExpressionPtr> expression = ParseExpression();
  if (!expression.ok()) return expression;
  SkipNewlines();
  const HclToken& token = Peek();
  if (token.kind != HclTokenKind::kEof) {
    return Expected("end of input after the expression", token);
  }
  return expression;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseExpression() {
  POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(Peek()));
  absl::StatusOr<ExpressionPtr> condition = ParseBinary(1);
  if (!condition.ok() || Peek().kind != HclTokenKind::kQuestion) {
    Leave();
    return condition;
  }
  Take();
  SkipNewlines();
  absl::StatusOr<ExpressionPtr> if_true = ParseExpression();
  if (!if_true.ok()) return if_true;
  SkipNewlines();
  const HclToken colon = Peek();
  if (colon.kind != HclTokenKind::kColon) {
    return Expected("\":\" after the true result of the conditional", colon);
  }
  Take();
  SkipNewlines();
  absl::StatusOr<ExpressionPtr> if_false = ParseExpression();
  if (!if_false.ok()) return if_false;
  ExpressionPtr result =
      MakeExpression(Expression::Kind::kConditional, (*condition)->location);
  result->operands.push_back(std::move(*condition));
  result->operands.push_back(std::move(*if_true));
  result->operands.push_back(std::move(*if_false));
  Leave();
  return result;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseBinary(int min_precedence) {
  absl::StatusOr<ExpressionPtr> left = ParseUnary();
  if (!left.ok()) return left;
  ExpressionPtr result = std::move(*left);
  const int saved_depth = depth_;
  while (true) {
    BinaryOperator op = BinaryOperator::kAdd;
    const HclToken token = Peek();
    const int precedence = Precedence(token.kind, op);
    if (precedence == 0 || precedence < min_precedence) break;
    Take();
    POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(token));
    SkipNewlines();
    absl::StatusOr<ExpressionPtr> right = ParseBinary(precedence + 1);
    if (!right.ok()) return right;
    ExpressionPtr binary =
        MakeExpression(Expression::Kind::kBinary, result->location);
    binary->binary_operator = op;
    binary->operands.push_back(std::move(result));
    binary->operands.push_back(std::move(*right));
    result = std::move(binary);
  }
  depth_ = saved_depth;
  return result;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseUnary() {
  const HclToken token = Peek();
  if (token.kind == HclTokenKind::kMinus || token.kind == HclTokenKind::kBang) {
    Take();
    POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(token));
    absl::StatusOr<ExpressionPtr> operand = ParseUnary();
    if (!operand.ok()) return operand;
    Leave();
    ExpressionPtr unary =
        MakeExpression(Expression::Kind::kUnary, Location(token));
    unary->unary_operator = token.kind == HclTokenKind::kMinus
                                ? UnaryOperator::kNegate
                                : UnaryOperator::kNot;
    unary->operands.push_back(std::move(*operand));
    return unary;
  }
  absl::StatusOr<ExpressionPtr> term = ParseTerm();
  if (!term.ok()) return term;
  return ParseTraversals(std::move(*term), /*in_full_splat=*/false);
}

absl::StatusOr<ExpressionPtr> HclParser::ParseTerm() {
  const HclToken token = Peek();
  switch (token.kind) {
    case HclTokenKind::kNumber:
      Take();
      return MakeLiteral(Value::Kind::kNumber, token.text, Location(token));
    case HclTokenKind::kIdentifier: {
      Take();
      const HclTokenKind next = Peek().kind;
      if (next == HclTokenKind::kLParen || next == HclTokenKind::kDoubleColon) {
        return ParseCall(token);
      }
      if (token.text == "null") {
        return MakeLiteral(Value::Kind::kNull, token.text, Location(token));
      }
      if (token.text == "true" || token.text == "false") {
        return MakeLiteral(Value::Kind::kBool, token.text, Location(token));
      }
      ExpressionPtr variable =
          MakeExpression(Expression::Kind::kVariable, Location(token));
      variable->name = std::string(token.text);
      return variable;
    }
    case HclTokenKind::kQuote:
      Take();
      return ParseQuoted(token);
    case HclTokenKind::kHeredoc:
      Take();
      return ParseHeredoc(token);
    case HclTokenKind::kLParen: {
      Take();
      POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(token));
      PushNewlines(false);
      absl::StatusOr<ExpressionPtr> inner = ParseExpression();
      if (!inner.ok()) return inner;
      POLYGRAPH_HCL_RETURN_IF_ERROR(ExpectClose(HclTokenKind::kRParen, token));
      PopNewlines();
      Leave();
      ExpressionPtr result =
          MakeExpression(Expression::Kind::kParenthesized, Location(token));
      result->operands.push_back(std::move(*inner));
      return result;
    }
    case HclTokenKind::kLBracket:
    case HclTokenKind::kLBrace: {
      Take();
      POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(token));
      PushNewlines(false);
      const HclToken& first = Peek();
      const bool is_for = first.kind == HclTokenKind::kIdentifier &&
                          first.text == "for" &&
                          PeekSecond().kind == HclTokenKind::kIdentifier;
      absl::StatusOr<ExpressionPtr> result;
      if (is_for) {
        result = ParseFor(token);
        PopNewlines();
      } else if (token.kind == HclTokenKind::kLBracket) {
        result = ParseTuple(token);
        PopNewlines();
      } else {
        PopNewlines();
        PushNewlines(true);
        result = ParseObject(token);
        PopNewlines();
      }
      if (!result.ok()) return result;
      Leave();
      return result;
    }
    default:
      return Expected("an expression", token);
  }
}

absl::StatusOr<ExpressionPtr> HclParser::ParseCall(const HclToken& first) {
  std::string name(first.text);
  while (Peek().kind == HclTokenKind::kDoubleColon) {
    Take();
    const HclToken part = Take();
    if (part.kind != HclTokenKind::kIdentifier) {
      return Expected(Cat("a name after ", Quote(name + "::")), part);
    }
    name += "::";
    name += part.text;
  }
  const HclToken open = Peek();
  if (open.kind != HclTokenKind::kLParen) {
    return Expected(Cat("\"(\" after the function name ", Quote(name)), open);
  }
  Take();
  POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(open));
  PushNewlines(false);
  ExpressionPtr call =
      MakeExpression(Expression::Kind::kFunctionCall, Location(first));
  call->name = std::move(name);
  while (Peek().kind != HclTokenKind::kRParen) {
    if (Peek().kind == HclTokenKind::kEof) break;  // reported below
    absl::StatusOr<ExpressionPtr> argument = ParseExpression();
    if (!argument.ok()) return argument;
    call->operands.push_back(std::move(*argument));
    const HclToken separator = Peek();
    if (separator.kind == HclTokenKind::kEllipsis) {
      Take();
      call->expand_final = true;
      break;
    }
    if (separator.kind == HclTokenKind::kComma) {
      Take();
      continue;
    }
    if (separator.kind != HclTokenKind::kRParen &&
        separator.kind != HclTokenKind::kEof) {
      return Expected(
          Cat("\",\" or \")\" after an argument of ", Quote(call->name)),
          separator);
    }
  }
  POLYGRAPH_HCL_RETURN_IF_ERROR(ExpectClose(HclTokenKind::kRParen, open));
  PopNewlines();
  Leave();
  return call;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseTuple(const HclToken& open) {
  ExpressionPtr tuple =
      MakeExpression(Expression::Kind::kTuple, Location(open));
  while (Peek().kind != HclTokenKind::kRBracket &&
         Peek().kind != HclTokenKind::kEof) {
    absl::StatusOr<ExpressionPtr> item = ParseExpression();
    if (!item.ok()) return item;
    tuple->operands.push_back(std::move(*item));
    const HclToken separator = Peek();
    if (separator.kind == HclTokenKind::kComma) {
      Take();
    } else if (separator.kind != HclTokenKind::kRBracket &&
               separator.kind != HclTokenKind::kEof) {
      return Expected("\",\" or \"]\" after a tuple element", separator);
    }
  }
  POLYGRAPH_HCL_RETURN_IF_ERROR(ExpectClose(HclTokenKind::kRBracket, open));
  return tuple;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseObject(const HclToken& open) {
  ExpressionPtr object =
      MakeExpression(Expression::Kind::kObject, Location(open));
  while (true) {
    const HclToken token = Peek();
    if (token.kind == HclTokenKind::kNewline) {
      Take();
      continue;
    }
    if (token.kind == HclTokenKind::kRBrace ||
        token.kind == HclTokenKind::kEof) {
      break;
    }
    ObjectItem item;
    const HclTokenKind after = token.kind == HclTokenKind::kIdentifier
                                   ? PeekSecond().kind
                                   : HclTokenKind::kEof;
    if (after == HclTokenKind::kAssign || after == HclTokenKind::kColon) {
      Take();
      item.key = MakeExpression(Expression::Kind::kLiteral, Location(token));
      item.key->literal.kind = Value::Kind::kString;
      item.key->literal.text = std::string(token.text);
      item.key->literal.location = item.key->location;
    } else {
      absl::StatusOr<ExpressionPtr> key = ParseExpression();
      if (!key.ok()) return key;
      item.key = std::move(*key);
    }
    const HclToken equals = Peek();
    if (equals.kind != HclTokenKind::kAssign &&
        equals.kind != HclTokenKind::kColon) {
      return Expected("\"=\" or \":\" after the object key", equals);
    }
    Take();
    SkipNewlines();
    absl::StatusOr<ExpressionPtr> value = ParseExpression();
    if (!value.ok()) return value;
    item.value = std::move(*value);
    object->object_items.push_back(std::move(item));
    const HclToken separator = Peek();
    if (separator.kind == HclTokenKind::kComma ||
        separator.kind == HclTokenKind::kNewline) {
      Take();
    } else if (separator.kind != HclTokenKind::kRBrace &&
               separator.kind != HclTokenKind::kEof) {
      return Expected("\",\", a newline or \"}\" after an object item",
                      separator);
    }
  }
  POLYGRAPH_HCL_RETURN_IF_ERROR(ExpectClose(HclTokenKind::kRBrace, open));
  return object;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseFor(const HclToken& open) {
  const bool is_object = open.kind == HclTokenKind::kLBrace;
  ExpressionPtr result = MakeExpression(
      is_object ? Expression::Kind::kForObject : Expression::Kind::kForTuple,
      Location(open));
  Take();                         // for
  const HclToken first = Take();  // an identifier, checked by the caller
  const HclToken comma = Peek();
  if (comma.kind == HclTokenKind::kComma) {
    Take();
    const HclToken second = Take();
    if (second.kind != HclTokenKind::kIdentifier) {
      return Expected("a value variable name after \",\" in the for expression",
                      second);
    }
    result->key_name = std::string(first.text);
    result->value_name = std::string(second.text);
  } else {
    result->value_name = std::string(first.text);
  }
  const HclToken in = Peek();
  if (in.kind != HclTokenKind::kIdentifier || in.text != "in") {
    return Expected("\"in\" after the for variable names", in);
  }
  Take();
  absl::StatusOr<ExpressionPtr> collection = ParseExpression();
  if (!collection.ok()) return collection;
  result->operands.push_back(std::move(*collection));
  const HclToken colon = Peek();
  if (colon.kind != HclTokenKind::kColon) {
    return Expected("\":\" after the collection of the for expression", colon);
  }
  Take();
  if (is_object) {
    absl::StatusOr<ExpressionPtr> key = ParseExpression();
    if (!key.ok()) return key;
    result->for_key = std::move(*key);
    const HclToken arrow = Peek();
    if (arrow.kind != HclTokenKind::kFatArrow) {
      return Expected("\"=>\" after the key of the for expression", arrow);
    }
    Take();
  }
  absl::StatusOr<ExpressionPtr> value = ParseExpression();
  if (!value.ok()) return value;
  result->operands.push_back(std::move(*value));
  if (is_object && Peek().kind == HclTokenKind::kEllipsis) {
    Take();
    result->grouping = true;
  }
  const HclToken& next = Peek();
  if (next.kind == HclTokenKind::kIdentifier && next.text == "if") {
    Take();
    absl::StatusOr<ExpressionPtr> condition = ParseExpression();
    if (!condition.ok()) return condition;
    result->for_condition = std::move(*condition);
  }
  const HclTokenKind close =
      is_object ? HclTokenKind::kRBrace : HclTokenKind::kRBracket;
  const HclToken& end = Peek();
  if (end.kind != close && end.kind != HclTokenKind::kEof) {
    return Expected(Cat("\"if\" or ", Quote(TokenKindName(close)),
                        " after the for expression's result"),
                    end);
  }
  POLYGRAPH_HCL_RETURN_IF_ERROR(ExpectClose(close, open));
  return result;
}

absl::StatusOr<ExpressionPtr> HclParser::ParseTraversals(ExpressionPtr from,
                                                         bool in_full_splat) {
  (void)in_full_splat;
  const int saved_depth = depth_;
  // Appends `.N` legacy index steps (a number token such as "0" or "0.1").
  auto legacy_index = [&](const HclToken& number,
                          ExpressionPtr& target) -> absl::Status {
    std::string_view text = number.text;
    int column = number.column;
    while (true) {
      const size_t dot = text.find('.');
      const std::string_view part = text.substr(0, dot);
      if (part.empty() ||
          part.find_first_not_of("0123456789") != std::string_view::npos) {
        return ErrorAt(number, Cat("expected an attribute name or "
                                   "index after \".\", found number ",
                                   Quote(number.text)));
      }
      ExpressionPtr index =
          MakeExpression(Expression::Kind::kIndex, target->location);
      index->operands.push_back(std::move(target));
      index->operands.push_back(MakeLiteral(Value::Kind::kNumber, part,
                                            Location(number.line, column)));
      target = std::move(index);
      if (dot == std::string_view::npos) return absl::OkStatus();
      column += static_cast<int>(dot) + 1;
      text.remove_prefix(dot + 1);
    }
  };
  while (true) {
    const HclToken token = Peek();
    if (token.kind == HclTokenKind::kDot) {
      Take();
      POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(token));
      const HclToken step = Take();
      if (step.kind == HclTokenKind::kIdentifier) {
        ExpressionPtr attribute =
            MakeExpression(Expression::Kind::kAttribute, from->location);
        attribute->name = std::string(step.text);
        attribute->operands.push_back(std::move(from));
        from = std::move(attribute);
      } else if (step.kind == HclTokenKind::kNumber) {
        POLYGRAPH_HCL_RETURN_IF_ERROR(legacy_index(step, from));
      } else if (step.kind == HclTokenKind::kStar) {
        // The attribute-only splat: only `.name` and `.N` steps follow it.
        ExpressionPtr each =
            MakeExpression(Expression::Kind::kSplatItem, Location(token));
        while (Peek().kind == HclTokenKind::kDot) {
          const HclTokenKind after = PeekSecond().kind;
          if (after != HclTokenKind::kIdentifier &&
              after != HclTokenKind::kNumber) {
            break;
          }
          POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(Take()));
          const HclToken name = Take();
          if (name.kind == HclTokenKind::kNumber) {
            POLYGRAPH_HCL_RETURN_IF_ERROR(legacy_index(name, each));
            continue;
          }
          ExpressionPtr attribute =
              MakeExpression(Expression::Kind::kAttribute, each->location);
          attribute->name = std::string(name.text);
          attribute->operands.push_back(std::move(each));
          each = std::move(attribute);
        }
        ExpressionPtr splat =
            MakeExpression(Expression::Kind::kSplat, from->location);
        splat->full_splat = false;
        splat->operands.push_back(std::move(from));
        splat->operands.push_back(std::move(each));
        from = std::move(splat);
      } else {
        return Expected("an attribute name, index or \"*\" after \".\"", step);
      }
      continue;
    }
    if (token.kind == HclTokenKind::kLBracket) {
      Take();
      POLYGRAPH_HCL_RETURN_IF_ERROR(Enter(token));
      PushNewlines(false);
      if (Peek().kind == HclTokenKind::kStar) {
        Take();
        POLYGRAPH_HCL_RETURN_IF_ERROR(
            ExpectClose(HclTokenKind::kRBracket, token));
        PopNewlines();
        // The full splat takes every following traversal step.
        absl::StatusOr<ExpressionPtr> each = ParseTraversals(
            MakeExpression(Expression::Kind::kSplatItem, Location(token)),
            /*in_full_splat=*/true);
        if (!each.ok()) return each;
        ExpressionPtr splat =
            MakeExpression(Expression::Kind::kSplat, from->location);
        splat->full_splat = true;
        splat->operands.push_back(std::move(from));
        splat->operands.push_back(std::move(*each));
        from = std::move(splat);
        continue;
      }
      absl::StatusOr<ExpressionPtr> key = ParseExpression();
      if (!key.ok()) return key;
      POLYGRAPH_HCL_RETURN_IF_ERROR(
          ExpectClose(HclTokenKind::kRBracket, token));
      PopNewlines();
      ExpressionPtr index =
          MakeExpression(Expression::Kind::kIndex, from->location);
      index->operands.push_back(std::move(from));
      index->operands.push_back(std::move(*key));
      from = std::move(index);
      continue;
    }
    break;
  }
  depth_ = saved_depth;
  return from;
}

}  // namespace internal

absl::StatusOr<HclFile> ParseHclFile(std::string_view text,
                                     std::string_view path,
                                     const HclParseOptions& options) {
  internal::HclParser parser(text, path, 1, 1, options);
  POLYGRAPH_HCL_RETURN_IF_ERROR(parser.CheckInput());
  HclFile file;
  file.path = std::string(path);
  POLYGRAPH_HCL_RETURN_IF_ERROR(parser.ParseFile(file.body));
  return file;
}

absl::StatusOr<ExpressionPtr> ParseHclExpression(
    std::string_view text, const SourceLocation& start,
    const HclParseOptions& options) {
  internal::HclParser parser(text, start.file, start.line > 0 ? start.line : 1,
                             start.column > 0 ? start.column : 1, options);
  POLYGRAPH_HCL_RETURN_IF_ERROR(parser.CheckInput());
  return parser.ParseWholeExpression();
}

absl::StatusOr<std::vector<TemplatePart>> ParseHclTemplate(
    std::string_view text, std::string_view path,
    const HclParseOptions& options) {
  internal::HclParser parser(text, path, 1, 1, options);
  POLYGRAPH_HCL_RETURN_IF_ERROR(parser.CheckInput());
  return parser.ParseBareTemplate();
}

}  // namespace polygraph::terraform
