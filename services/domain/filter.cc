#include "services/domain/filter.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/common/field_violations.h"
#include "services/common/status_macros.h"
#include "services/domain/catalog.h"
#include "services/domain/code_kinds.h"
#include "services/domain/reference_data.h"

namespace vendormatch {
namespace {

constexpr int kMaxFilterChars = 2000;
constexpr size_t kMaxComparisons = 50;
constexpr int kMaxDisplayNameChars = 200;
// Longest stretch of a user's value echoed back in an error message.
constexpr int kMaxQuotedChars = 64;

// ---------------------------------------------------------------------------
// UTF-8 helpers. Positions and lengths are counted in characters (code
// points), not bytes, so that they match what a user sees in an editor.

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Number of characters in `s` (a byte that does not continue a sequence
// starts a character).
int CharCount(absl::string_view s) {
  int count = 0;
  for (char c : s) count += IsContinuationByte(c) ? 0 : 1;
  return count;
}

// Length in bytes of the well-formed UTF-8 sequence starting at s[i]
// (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF), or 0 when
// the bytes there are not one.
size_t Utf8SequenceLength(absl::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return 1;
  size_t length;
  uint32_t code_point;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if (!IsContinuationByte(s[i + k])) return 0;
    code_point = (code_point << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
    return 0;
  }
  if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return length;
}

// `s` in double quotes for an error message: control characters escaped,
// UTF-8 kept, cut (on a character boundary) after kMaxQuotedChars characters.
std::string Quote(absl::string_view s) {
  size_t end = 0;
  int chars = 0;
  while (end < s.size() && chars < kMaxQuotedChars) {
    ++end;
    while (end < s.size() && IsContinuationByte(s[end])) ++end;
    ++chars;
  }
  const bool cut = end < s.size();
  return absl::StrCat("\"", absl::Utf8SafeCEscape(s.substr(0, end)), cut ? "...\"" : "\"");
}

// ---------------------------------------------------------------------------
// Fields.

// How a field's value is checked and normalized: kCode for the list fields
// of vendormatch/provider_fields.inc, by their CodeKind.
enum class ValueKind {
  kStatus,
  kServiceModel,
  kCountry,
  kDeliveryModel,
  kDisplayName,
  kCode,
};

struct FieldSpec {
  absl::string_view name;  // As written in a filter.
  ValueKind kind;
  sdk::CodeKind code = sdk::CodeKind::kCatalogService;  // with kCode
};

// The record's own fields, then one per list field (as error messages list
// them).
constexpr FieldSpec kFields[] = {
    {"status", ValueKind::kStatus},
    {"service_model", ValueKind::kServiceModel},
    {"country", ValueKind::kCountry},
    {"delivery_country", ValueKind::kCountry},
    {"delivery_model", ValueKind::kDeliveryModel},
    {"display_name", ValueKind::kDisplayName},
#define VM_CODE_LIST(name, filter, index, kind) {filter, ValueKind::kCode, sdk::CodeKind::kind},
#define VM_DATED_LIST(name, filter, index, kind) {filter, ValueKind::kCode, sdk::CodeKind::kind},
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
};

const FieldSpec* FindField(absl::string_view name) {
  for (const FieldSpec& field : kFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// Every field, in the order filter.h documents them; list fields added to
// provider_fields.inc since come last, in its order.
std::string KnownFieldNames() {
  static const auto* names = [] {
    constexpr absl::string_view kDocumented[] = {
        "status",        "service_model", "service",  "country",        "delivery_country",
        "certification", "language",      "industry", "delivery_model", "display_name"};
    auto* out = new std::vector<std::string>(std::begin(kDocumented), std::end(kDocumented));
    for (const FieldSpec& field : kFields) {
      if (std::find(out->begin(), out->end(), field.name) == out->end()) {
        out->emplace_back(field.name);
      }
    }
    return out;
  }();
  return absl::StrJoin(*names, ", ");
}

// ---------------------------------------------------------------------------
// Value normalization: each Normalize* function returns the normalized value, or an
// INVALID_ARGUMENT whose message (without the position) says why not.

constexpr absl::string_view kStatuses[] = {"PENDING", "ACTIVE", "SUSPENDED", "OFFBOARDED"};
constexpr absl::string_view kServiceModels[] = {"BPO", "KPO"};
constexpr absl::string_view kDeliveryModels[] = {"ONSHORE", "NEARSHORE", "OFFSHORE"};

// Accepts a short name ("ACTIVE") or the proto enum name ("STATUS_ACTIVE"),
// in any case; gives the short upper-case name.
absl::StatusOr<std::string> NormalizeEnum(absl::string_view what, absl::string_view prefix,
                                          std::span<const absl::string_view> names,
                                          absl::string_view raw) {
  const std::string upper = absl::AsciiStrToUpper(raw);
  absl::string_view name = upper;
  absl::ConsumePrefix(&name, prefix);
  for (absl::string_view candidate : names) {
    if (candidate == name) return std::string(candidate);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown ", what, " ", Quote(raw),
                                                 "; expected one of ", absl::StrJoin(names, ", ")));
}

// Upper-cases `raw` and accepts it when `known` finds it in a reference table.
template <typename Lookup>
absl::StatusOr<std::string> NormalizeCode(absl::string_view what, absl::string_view hint,
                                          Lookup known, absl::string_view raw) {
  std::string upper = absl::AsciiStrToUpper(raw);
  if (known(upper)) return upper;
  return absl::InvalidArgumentError(absl::StrCat("unknown ", what, " ", Quote(raw), "; ", hint));
}

absl::StatusOr<std::string> NormalizeLanguage(absl::string_view raw) {
  if (IsValidLanguageTag(raw)) return absl::AsciiStrToLower(raw);
  return absl::InvalidArgumentError(absl::StrCat("invalid language tag ", Quote(raw),
                                                 "; expected a BCP 47 tag such as en or es-MX"));
}

absl::StatusOr<std::string> NormalizeDisplayName(absl::string_view raw) {
  if (CharCount(raw) > kMaxDisplayNameChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("display name is longer than ", kMaxDisplayNameChars, " characters"));
  }
  return std::string(raw);
}

absl::StatusOr<std::string> NormalizeValue(const FieldSpec& field, absl::string_view raw) {
  switch (field.kind) {
    case ValueKind::kStatus:
      return NormalizeEnum("status", "STATUS_", kStatuses, raw);
    case ValueKind::kServiceModel:
      return NormalizeEnum("service model", "SERVICE_MODEL_", kServiceModels, raw);
    case ValueKind::kDeliveryModel:
      return NormalizeEnum("delivery model", "DELIVERY_MODEL_", kDeliveryModels, raw);
    case ValueKind::kCountry:
      return NormalizeCode(
          "country", "expected an ISO 3166-1 alpha-2 code such as US",
          [](absl::string_view code) { return FindCountry(code).has_value(); }, raw);
    case ValueKind::kDisplayName:
      return NormalizeDisplayName(raw);
    case ValueKind::kCode:
      break;
  }
  if (field.code == sdk::CodeKind::kLanguageTag) return NormalizeLanguage(raw);
  const CodeKindInfo& info = InfoOf(field.code);
  return NormalizeCode(info.what, info.hint, info.known, raw);
}

// ---------------------------------------------------------------------------
// Tokens.

enum class TokenKind { kEnd, kWord, kString, kEqual, kNotEqual, kHas };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;   // Bare word as written, or the unescaped string.
  size_t offset = 0;  // Byte offset in the filter.
};

bool IsWord(const Token& token, absl::string_view word) {
  return token.kind == TokenKind::kWord && token.text == word;
}

bool IsOperator(const Token& token) {
  return token.kind == TokenKind::kEqual || token.kind == TokenKind::kNotEqual ||
         token.kind == TokenKind::kHas;
}

absl::string_view OperatorText(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEqual:
      return "=";
    case TokenKind::kNotEqual:
      return "!=";
    case TokenKind::kHas:
      return ":";
    default:
      return "";
  }
}

// What a token is, for "found ..." in error messages.
std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "end of filter";
    case TokenKind::kWord:
      if (token.text == "AND" || token.text == "OR" || token.text == "NOT") return token.text;
      return Quote(token.text);
    case TokenKind::kString:
      return absl::StrCat("quoted string ", Quote(token.text));
    default:
      return absl::StrCat("'", OperatorText(token.kind), "'");
  }
}

bool IsBareWordChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// Splits a filter into tokens, one at a time, so that the leftmost error is
// the one reported.
class Lexer {
 public:
  explicit Lexer(absl::string_view input) : input_(input) {}

  absl::StatusOr<Token> Next() {
    while (pos_ < input_.size() && absl::ascii_isspace(static_cast<unsigned char>(input_[pos_]))) {
      ++pos_;
    }
    if (pos_ == input_.size()) return Token{TokenKind::kEnd, "", pos_};
    const char c = input_[pos_];
    if (c == '"' || c == '\'') return LexString(c);
    if (IsBareWordChar(c)) return LexWord();
    if (c == '=') return LexOperator(TokenKind::kEqual, 1);
    if (c == ':') return LexOperator(TokenKind::kHas, 1);
    if (c == '!' && At(pos_ + 1) == '=') return LexOperator(TokenKind::kNotEqual, 2);
    return UnexpectedCharacter();
  }

  // 1-based column (in characters) of the byte at `offset`.
  int Column(size_t offset) const { return CharCount(input_.substr(0, offset)) + 1; }

  // INVALID_ARGUMENT on field "filter" saying "position N: <message>".
  absl::Status Error(size_t offset, absl::string_view message) const {
    return InvalidField("filter", absl::StrCat("position ", Column(offset), ": ", message));
  }

 private:
  char At(size_t i) const { return i < input_.size() ? input_[i] : '\0'; }

  Token LexOperator(TokenKind kind, size_t length) {
    Token token{kind, std::string(input_.substr(pos_, length)), pos_};
    pos_ += length;
    return token;
  }

  Token LexWord() {
    const size_t start = pos_;
    while (pos_ < input_.size() && IsBareWordChar(input_[pos_])) ++pos_;
    return Token{TokenKind::kWord, std::string(input_.substr(start, pos_ - start)), start};
  }

  // A string in `quote`s; inside, a backslash escapes ", ' or a backslash.
  absl::StatusOr<Token> LexString(char quote) {
    const size_t start = pos_++;
    std::string value;
    while (pos_ < input_.size()) {
      const char c = input_[pos_];
      if (c == quote) {
        ++pos_;
        return Token{TokenKind::kString, std::move(value), start};
      }
      if (c == '\\' && pos_ + 1 < input_.size()) {
        VM_RETURN_IF_ERROR(AppendEscaped(&value));
        continue;
      }
      if (absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
        return Error(pos_, absl::StrCat("control character ", Quote(absl::string_view(&c, 1)),
                                        " is not allowed in a string"));
      }
      const size_t length = Utf8SequenceLength(input_, pos_);
      if (length == 0) return Error(pos_, "invalid UTF-8 in string");
      value.append(input_.data() + pos_, length);
      pos_ += length;
    }
    return Error(start, absl::StrCat("unterminated string; expected a closing ",
                                     absl::string_view(&quote, 1), " before end of filter"));
  }

  // Appends the character escaped by the backslash at pos_.
  absl::Status AppendEscaped(std::string* value) {
    const char escaped = input_[pos_ + 1];
    if (escaped != '"' && escaped != '\'' && escaped != '\\') {
      return Error(pos_,
                   "unsupported escape sequence in string; only \\\", \\' and \\\\ are "
                   "allowed");
    }
    value->push_back(escaped);
    pos_ += 2;
    return absl::OkStatus();
  }

  absl::Status UnexpectedCharacter() const {
    const char c = input_[pos_];
    if (c == '(' || c == ')') {
      return Error(pos_,
                   "parentheses are not supported; join comparisons with AND and quote values "
                   "that contain parentheses");
    }
    if (c == '<' || c == '>') {
      const bool or_equal = At(pos_ + 1) == '=';
      return Error(pos_, absl::StrCat("operator '", absl::string_view(&c, 1), or_equal ? "=" : "",
                                      "' is not supported; use =, != or :"));
    }
    const size_t length = Utf8SequenceLength(input_, pos_);
    if (length == 0) return Error(pos_, "invalid UTF-8");
    const std::string shown = absl::Utf8SafeCEscape(input_.substr(pos_, length));
    return Error(pos_, absl::StrCat("unexpected character '", shown,
                                    "'; quote values that contain spaces or symbols"));
  }

  absl::string_view input_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// Parser: filter := comparison ( "AND" comparison )*.

class Parser {
 public:
  explicit Parser(absl::string_view filter) : filter_(filter), lexer_(filter) {}

  absl::StatusOr<std::vector<FilterComparison>> Parse() {
    VM_RETURN_IF_ERROR(CheckLength());
    std::vector<FilterComparison> comparisons;
    VM_ASSIGN_OR_RETURN(Token token, lexer_.Next());
    if (token.kind == TokenKind::kEnd) return comparisons;
    while (true) {
      if (comparisons.size() == kMaxComparisons) {
        return lexer_.Error(token.offset, absl::StrCat("too many comparisons; at most ",
                                                       kMaxComparisons, " are allowed"));
      }
      VM_ASSIGN_OR_RETURN(FilterComparison comparison,
                          ParseComparison(token, /*after_and=*/!comparisons.empty()));
      comparisons.push_back(std::move(comparison));
      VM_ASSIGN_OR_RETURN(token, lexer_.Next());
      if (token.kind == TokenKind::kEnd) return comparisons;
      VM_RETURN_IF_ERROR(ExpectAnd(token));
      VM_ASSIGN_OR_RETURN(token, lexer_.Next());
    }
  }

 private:
  absl::Status CheckLength() const {
    const int chars = CharCount(filter_);
    if (chars <= kMaxFilterChars) return absl::OkStatus();
    return InvalidField(
        "filter", absl::StrCat("position ", kMaxFilterChars + 1, ": filter is too long (", chars,
                               " characters); at most ", kMaxFilterChars, " are allowed"));
  }

  // comparison := field op value, where `field_token` is already read.
  absl::StatusOr<FilterComparison> ParseComparison(const Token& field_token, bool after_and) {
    VM_ASSIGN_OR_RETURN(const FieldSpec* field, ExpectField(field_token, after_and));
    VM_ASSIGN_OR_RETURN(Token op, lexer_.Next());
    if (!IsOperator(op)) {
      return lexer_.Error(op.offset, absl::StrCat("expected an operator (=, != or :) after ",
                                                  field->name, ", found ", Describe(op)));
    }
    VM_ASSIGN_OR_RETURN(Token value, lexer_.Next());
    VM_RETURN_IF_ERROR(CheckValueToken(op, value));
    if (value.text.empty()) {
      return lexer_.Error(value.offset, absl::StrCat("empty value for ", field->name));
    }
    absl::StatusOr<std::string> normalized = NormalizeValue(*field, value.text);
    if (!normalized.ok()) return lexer_.Error(value.offset, normalized.status().message());
    return FilterComparison{std::string(field->name), ToFilterOp(op.kind), *std::move(normalized),
                            lexer_.Column(field_token.offset)};
  }

  // The field name that starts a comparison; `after_and` when an AND came
  // just before it.
  absl::StatusOr<const FieldSpec*> ExpectField(const Token& token, bool after_and) const {
    if (token.kind == TokenKind::kWord && !IsWord(token, "AND")) {
      VM_RETURN_IF_ERROR(RejectUnsupportedKeyword(token));
      if (token.text.front() == '-') {
        return lexer_.Error(token.offset,
                            "negation with '-' is not supported; use != to negate a comparison");
      }
      if (const FieldSpec* field = FindField(token.text)) return field;
      return lexer_.Error(token.offset, absl::StrCat("unknown field ", Quote(token.text),
                                                     "; known fields: ", KnownFieldNames()));
    }
    return lexer_.Error(token.offset,
                        absl::StrCat("expected a field name", after_and ? " after AND" : "",
                                     ", found ", Describe(token)));
  }

  // A value is a bare word or a quoted string; a bare AND, OR or NOT is not.
  absl::Status CheckValueToken(const Token& op, const Token& value) const {
    const bool keyword = IsWord(value, "AND") || IsWord(value, "OR") || IsWord(value, "NOT");
    if (value.kind == TokenKind::kString || (value.kind == TokenKind::kWord && !keyword)) {
      return absl::OkStatus();
    }
    return lexer_.Error(
        value.offset,
        absl::StrCat("expected a value after '", OperatorText(op.kind), "', found ",
                     Describe(value), keyword ? "; quote it to use it as a value" : ""));
  }

  absl::Status ExpectAnd(const Token& token) const {
    if (IsWord(token, "AND")) return absl::OkStatus();
    VM_RETURN_IF_ERROR(RejectUnsupportedKeyword(token));
    const bool lower_and =
        token.kind == TokenKind::kWord && absl::AsciiStrToUpper(token.text) == "AND";
    return lexer_.Error(token.offset,
                        absl::StrCat("expected AND or end of filter, found ", Describe(token),
                                     lower_and ? "; AND must be upper case" : ""));
  }

  // OR and NOT are AIP-160 keywords this subset leaves out.
  absl::Status RejectUnsupportedKeyword(const Token& token) const {
    if (IsWord(token, "OR")) {
      return lexer_.Error(token.offset, "OR is not supported; only AND can join comparisons");
    }
    if (IsWord(token, "NOT")) {
      return lexer_.Error(token.offset, "NOT is not supported; use != to negate a comparison");
    }
    return absl::OkStatus();
  }

  static FilterOp ToFilterOp(TokenKind kind) {
    switch (kind) {
      case TokenKind::kNotEqual:
        return FilterOp::kNotEqual;
      case TokenKind::kHas:
        return FilterOp::kHas;
      default:
        return FilterOp::kEqual;
    }
  }

  absl::string_view filter_;
  Lexer lexer_;
};

}  // namespace

absl::StatusOr<std::vector<FilterComparison>> ParseProviderFilter(absl::string_view filter) {
  return Parser(filter).Parse();
}

}  // namespace vendormatch
