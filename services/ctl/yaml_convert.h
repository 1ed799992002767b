// Internal to vm_provider_io: YAML (and JSON, which is parsed as YAML for its
// line numbers) to the JSON that google::protobuf::util::JsonStringToMessage
// reads, guided by the target message's descriptor.
#pragma once

#include <google/protobuf/descriptor.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch::ctl::internal {

// How many YAML values the conversions of one text may visit in all. An
// alias names its anchor's node again without repeating its text, so a few
// hundred bytes can stand for billions of values ("billion laughs"); the
// budget keeps the work, and the JSON built, linear in the text's size.
class ValueBudget {
 public:
  explicit ValueBudget(size_t text_size)
      : limit_(kValuesPerByte * text_size + kMinimumValues), left_(limit_) {}
  // False once the budget is spent.
  bool Take() {
    if (left_ == 0) return false;
    --left_;
    return true;
  }
  size_t limit() const { return limit_; }

  // A file without aliases holds well under one value per byte.
  static constexpr size_t kValuesPerByte = 4;
  static constexpr size_t kMinimumValues = 10'000;

 private:
  size_t limit_;
  size_t left_;
};

// Converts `node`, which stands for one message of type `descriptor`, to a
// JSON object keyed by proto field names (snake_case) in source order.
//
// Keys may be proto names or lowerCamel JSON names. Each scalar is read by
// the type of its field: strings keep the scalar's text verbatim (`no`,
// `0800` and `1e3` stay strings), integers accept decimal and integral
// exponent forms, doubles accept YAML's .inf/.nan, booleans accept
// true/false/yes/no/on/off in any case, enums accept value names or numbers.
// A YAML null (`~`, `null`, empty) becomes JSON null (the field's default).
// Well-known google.protobuf types (Timestamp, ...) are passed through with
// plain YAML typing.
//
// Every value visited (an alias's node each time it is named) takes one from
// `budget`; when it runs out the conversion fails ("... expands to more than
// N values").
//
// `line_offset` is added to reported line numbers (for a node parsed from one
// line of a larger file). `extra_string_keys` are top-level keys that are not fields but are kept
// as JSON strings (the `id` extension of provider files).
//
// Errors: INVALID_ARGUMENT "<source> line L, column C: <path>: <problem>",
// for unknown fields, fields given twice, wrong shapes and bad scalars.
absl::StatusOr<nlohmann::ordered_json> YamlToProtoJson(
    const YAML::Node& node, const google::protobuf::Descriptor& descriptor,
    absl::string_view source, absl::string_view path_prefix, ValueBudget& budget,
    int line_offset = 0, const std::vector<std::string>& extra_string_keys = {});

// "<source> line L, column C" for a mark (1-based, L plus `line_offset`), or
// just "<source>" when the mark is null.
std::string Locate(absl::string_view source, const YAML::Mark& mark, int line_offset = 0);

// Rewrites JSON "\uD83D\uDE00" surrogate-pair escapes inside strings to raw
// UTF-8, which yaml-cpp does not decode. Other text, including newlines, is
// unchanged, so line numbers stay valid.
std::string DecodeSurrogatePairs(absl::string_view json);

}  // namespace vendormatch::ctl::internal
