#include "iam/compiled_pattern.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"

namespace polygraph::iam::internal {
namespace {

using Part = PolicyVariableText::Part;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// One piece of a pattern with its variables resolved.
struct Piece {
  enum class Kind : unsigned char { kText, kStar, kQuestion };
  Kind kind;
  std::string_view text;
};

bool SameChar(char a, char b, bool fold) {
  return fold ? Lower(a) == Lower(b) : a == b;
}

// Glob matching over pieces: '*' pieces match any run, '?' one byte, text
// pieces themselves. Greedy with one backtrack point: O(|pattern| * |text|)
// worst case, no recursion.
bool MatchPieces(const Piece* pieces, size_t n, std::string_view text,
                 bool fold) {
  size_t pi = 0, po = 0, t = 0;
  bool have_star = false;
  size_t star_pi = 0, star_t = 0;
  while (t < text.size()) {
    while (pi < n && pieces[pi].kind == Piece::Kind::kText &&
           po == pieces[pi].text.size()) {
      ++pi;
      po = 0;
    }
    if (pi < n) {
      const Piece& p = pieces[pi];
      if (p.kind == Piece::Kind::kStar) {
        have_star = true;
        star_pi = ++pi;
        po = 0;
        star_t = t;
        continue;
      }
      if (p.kind == Piece::Kind::kQuestion) {
        ++pi;
        ++t;
        continue;
      }
      if (SameChar(p.text[po], text[t], fold)) {
        ++po;
        ++t;
        continue;
      }
    }
    if (!have_star) return false;
    t = ++star_t;
    pi = star_pi;
    po = 0;
  }
  for (; pi < n; ++pi, po = 0) {
    if (pieces[pi].kind == Piece::Kind::kStar) continue;
    if (pieces[pi].kind == Piece::Kind::kText && po == pieces[pi].text.size()) {
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<PolicyVariableText> SplitPolicyText(std::string_view text,
                                                   bool substitute) {
  if (substitute) return PolicyVariableText::Parse(text);
  PolicyVariableText literal;
  if (!text.empty()) {
    literal.parts.push_back(
        Part{Part::Kind::kLiteral, std::string(text), std::nullopt});
  }
  return literal;
}

TextPattern::TextPattern(const std::vector<Part>& parts, bool wildcards,
                         PatternCase case_mode)
    : fold_(case_mode == PatternCase::kInsensitive) {
  for (const Part& part : parts) {
    switch (part.kind) {
      case Part::Kind::kLiteral:
        if (!wildcards) {
          AddLiteral(part.text);
          break;
        }
        {
          size_t start = 0;
          for (size_t i = 0; i < part.text.size(); ++i) {
            char c = part.text[i];
            if (c != '*' && c != '?') continue;
            AddLiteral(std::string_view(part.text).substr(start, i - start));
            Token wildcard;
            wildcard.kind =
                c == '*' ? Token::Kind::kStar : Token::Kind::kQuestion;
            tokens_.push_back(std::move(wildcard));
            has_wildcards_ = true;
            start = i + 1;
          }
          AddLiteral(std::string_view(part.text).substr(start));
        }
        break;
      case Part::Kind::kEscapedWildcard:
        AddLiteral(part.text);
        break;
      case Part::Kind::kVariable: {
        Token variable;
        variable.kind = Token::Kind::kVariable;
        variable.text = part.text;
        variable.default_value = part.default_value;
        tokens_.push_back(std::move(variable));
        has_variables_ = true;
        break;
      }
    }
  }
  star_only_ = tokens_.size() == 1 && tokens_[0].kind == Token::Kind::kStar;
}

void TextPattern::AddLiteral(std::string_view text) {
  if (text.empty()) return;
  if (tokens_.empty() || tokens_.back().kind != Token::Kind::kLiteral) {
    tokens_.push_back(Token{});
  }
  std::string& literal = tokens_.back().text;
  for (char c : text) literal.push_back(fold_ ? Lower(c) : c);
}

bool TextPattern::ends_with_star() const {
  return !tokens_.empty() && tokens_.back().kind == Token::Kind::kStar;
}

void TextPattern::AppendVariableKeys(
    std::vector<const std::string*>& keys) const {
  for (const Token& token : tokens_) {
    if (token.kind == Token::Kind::kVariable) keys.push_back(&token.text);
  }
}

bool TextPattern::Matches(std::string_view text,
                          const RequestContext* context) const {
  if (star_only_) return true;
  if (!has_wildcards_ && !has_variables_) {
    // One literal token (or none): plain comparison.
    std::string_view literal = tokens_.empty()
                                   ? std::string_view()
                                   : std::string_view(tokens_[0].text);
    if (literal.size() != text.size()) return false;
    if (!fold_) return literal == text;
    for (size_t i = 0; i < text.size(); ++i) {
      if (literal[i] != Lower(text[i])) return false;
    }
    return true;
  }
  absl::InlinedVector<Piece, 16> pieces;
  for (const Token& token : tokens_) {
    switch (token.kind) {
      case Token::Kind::kLiteral:
        pieces.push_back(Piece{Piece::Kind::kText, token.text});
        break;
      case Token::Kind::kStar:
        pieces.push_back(Piece{Piece::Kind::kStar, {}});
        break;
      case Token::Kind::kQuestion:
        pieces.push_back(Piece{Piece::Kind::kQuestion, {}});
        break;
      case Token::Kind::kVariable: {
        std::optional<std::string_view> value;
        if (context != nullptr) value = context->Variable(token.text);
        if (!value.has_value()) {
          if (!token.default_value.has_value()) return false;
          value = *token.default_value;
        }
        pieces.push_back(Piece{Piece::Kind::kText, *value});
        break;
      }
    }
  }
  return MatchPieces(pieces.data(), pieces.size(), text, fold_);
}

ArnPattern::ArnPattern(const PolicyVariableText& text) {
  if (text.parts.size() == 1 && text.parts[0].kind == Part::Kind::kLiteral &&
      text.parts[0].text == "*") {
    all_ = true;
    return;
  }
  // Split literal parts at the first five ':'.
  std::vector<std::vector<Part>> segments(1);
  for (const Part& part : text.parts) {
    if (part.kind != Part::Kind::kLiteral) {
      segments.back().push_back(part);
      continue;
    }
    std::string_view rest = part.text;
    while (true) {
      size_t colon =
          segments.size() < 6 ? rest.find(':') : std::string_view::npos;
      std::string_view piece = rest.substr(0, colon);
      if (!piece.empty()) {
        segments.back().push_back(
            Part{Part::Kind::kLiteral, std::string(piece), std::nullopt});
      }
      if (colon == std::string_view::npos) break;
      segments.emplace_back();
      rest.remove_prefix(colon + 1);
    }
  }
  for (const std::vector<Part>& segment : segments) {
    parts_.emplace_back(segment, /*wildcards=*/true, PatternCase::kSensitive);
  }
}

bool ArnPattern::has_variables() const {
  for (const TextPattern& part : parts_) {
    if (part.has_variables()) return true;
  }
  return false;
}

void ArnPattern::AppendVariableKeys(
    std::vector<const std::string*>& keys) const {
  for (const TextPattern& part : parts_) part.AppendVariableKeys(keys);
}

bool ArnPattern::Matches(const ArnView& arn,
                         const RequestContext* context) const {
  if (all_) return true;
  size_t n = parts_.size();
  if (n == 6) {
    if (arn.count != 6) return false;
    for (size_t i = 0; i < 6; ++i) {
      if (!parts_[i].Matches(arn.parts[i], context)) return false;
    }
    return true;
  }
  // A short pattern: its last part must end in '*' and takes the rest.
  if (n == 0 || !parts_[n - 1].ends_with_star() || arn.count < n) return false;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (!parts_[i].Matches(arn.parts[i], context)) return false;
  }
  return parts_[n - 1].Matches(arn.text.substr(arn.offsets[n - 1]), context);
}

}  // namespace polygraph::iam::internal
