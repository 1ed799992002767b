#include "services/ctl/yaml_convert.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/common/status_macros.h"
#include "services/common/suggest.h"

namespace vendormatch::ctl::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::ordered_json;

// True for a plain (unquoted, untagged) scalar, which YAML types by content.
bool IsPlain(const YAML::Node& node) { return node.Tag() == "?"; }

const char* KindName(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  if (node.IsNull()) return "null";
  return "a scalar";
}

std::optional<bool> ParseYamlBool(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

// An integer of type T from a decimal or an integral exponent form ("1e3").
template <typename T>
std::optional<T> ParseInteger(absl::string_view text) {
  T value;
  if (absl::SimpleAtoi(text, &value)) return value;
  double d;
  if (!absl::SimpleAtod(text, &d) || !std::isfinite(d) || d != std::floor(d)) return std::nullopt;
  // min() (0 or -2^k) and max() + 1 (2^k) are exact doubles.
  const double low = static_cast<double>(std::numeric_limits<T>::min());
  const double high = std::ldexp(1.0, std::numeric_limits<T>::digits);
  if (d < low || d >= high) return std::nullopt;
  return static_cast<T>(d);
}

std::optional<Json> ParseDouble(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == ".inf" || lower == "+.inf" || lower == "infinity") return Json("Infinity");
  if (lower == "-.inf" || lower == "-infinity") return Json("-Infinity");
  if (lower == ".nan" || lower == "nan") return Json("NaN");
  double d;
  if (!absl::SimpleAtod(text, &d) || !std::isfinite(d)) return std::nullopt;
  return Json(d);
}

class Converter {
 public:
  Converter(absl::string_view source, int line_offset, ValueBudget& budget)
      : source_(source), line_offset_(line_offset), budget_(budget) {}

  absl::StatusOr<Json> Message(const YAML::Node& node, const Descriptor& descriptor,
                               const std::string& path,
                               const std::vector<std::string>& extra_string_keys) {
    VM_RETURN_IF_ERROR(Spend(node, path));
    const Nesting nesting(depth_);
    VM_RETURN_IF_ERROR(CheckDepth(node, path));
    if (descriptor.file()->package() == "google.protobuf") return Untyped(node, path);
    if (!node.IsMap())
      return Error(node, path, absl::StrCat("expected a mapping, got ", KindName(node)));
    Json out = Json::object();
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) return Error(key, path, "mapping keys must be field names");
      const std::string& name = key.Scalar();
      std::string field_path = path.empty() ? name : absl::StrCat(path, ".", name);
      const FieldDescriptor* field = FindField(descriptor, name);
      std::string canonical = field != nullptr ? field->name() : name;
      if (out.contains(canonical)) {
        return Error(key, field_path,
                     field != nullptr && canonical != name
                         ? absl::StrCat("given twice (as ", canonical, " too)")
                         : "given twice");
      }
      if (field == nullptr) {
        if (!IsExtraKey(name, extra_string_keys)) {
          return Error(key, path.empty() ? "" : path, UnknownField(name, descriptor));
        }
        if (!entry.second.IsScalar()) return Error(entry.second, field_path, "expected a string");
        out[name] = entry.second.Scalar();
        continue;
      }
      field_path = path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
      VM_ASSIGN_OR_RETURN(out[canonical], Field(entry.second, *field, field_path));
    }
    return out;
  }

 private:
  static bool IsExtraKey(const std::string& name, const std::vector<std::string>& extra) {
    for (const auto& key : extra) {
      if (key == name) return true;
    }
    return false;
  }

  // "unknown field "country" in vendormatch.v1.DeliveryCenter (did you mean
  // "country_code"?); its fields: city, country_code, …".
  static std::string UnknownField(const std::string& name, const Descriptor& descriptor) {
    std::vector<std::string> names;
    for (int i = 0; i < descriptor.field_count(); ++i) names.push_back(descriptor.field(i)->name());
    return absl::StrCat("unknown field \"", name, "\" in ", descriptor.full_name(),
                        DidYouMean(name, names), "; its fields: ", absl::StrJoin(names, ", "));
  }

  static const FieldDescriptor* FindField(const Descriptor& descriptor, const std::string& name) {
    if (const FieldDescriptor* field = descriptor.FindFieldByName(name)) return field;
    for (int i = 0; i < descriptor.field_count(); ++i) {
      if (descriptor.field(i)->json_name() == name) return descriptor.field(i);
    }
    return nullptr;
  }

  absl::StatusOr<Json> Field(const YAML::Node& node, const FieldDescriptor& field,
                             const std::string& path) {
    if (node.IsNull()) return Json(nullptr);
    if (field.is_map()) return Map(node, field, path);
    if (!field.is_repeated()) return Value(node, field, path);
    if (!node.IsSequence())
      return Error(node, path, absl::StrCat("expected a list, got ", KindName(node)));
    Json out = Json::array();
    int index = 0;
    for (const auto& element : node) {
      VM_ASSIGN_OR_RETURN(Json value, Value(element, field, absl::StrCat(path, "[", index++, "]")));
      out.push_back(std::move(value));
    }
    return out;
  }

  absl::StatusOr<Json> Map(const YAML::Node& node, const FieldDescriptor& field,
                           const std::string& path) {
    if (!node.IsMap())
      return Error(node, path, absl::StrCat("expected a mapping, got ", KindName(node)));
    const FieldDescriptor& value_field = *field.message_type()->map_value();
    Json out = Json::object();
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) return Error(entry.first, path, "map keys must be scalars");
      const std::string& key = entry.first.Scalar();
      VM_ASSIGN_OR_RETURN(out[key],
                          Value(entry.second, value_field, absl::StrCat(path, "[\"", key, "\"]")));
    }
    return out;
  }

  absl::StatusOr<Json> Value(const YAML::Node& node, const FieldDescriptor& field,
                             const std::string& path) {
    VM_RETURN_IF_ERROR(Spend(node, path));
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (node.IsNull()) return Json(nullptr);
      return Message(node, *field.message_type(), path, {});
    }
    if (node.IsNull()) return Json(nullptr);
    if (!node.IsScalar()) {
      return Error(node, path, absl::StrCat("expected a single value, got ", KindName(node)));
    }
    const std::string& text = node.Scalar();
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return Json(text);
      case FieldDescriptor::CPPTYPE_BOOL:
        if (auto b = ParseYamlBool(text)) return Json(*b);
        return Error(node, path, absl::StrCat("expected true or false, got \"", text, "\""));
      case FieldDescriptor::CPPTYPE_ENUM:
        return Enum(node, field, path);
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        if (auto d = ParseDouble(text)) return *d;
        return Error(node, path, absl::StrCat("expected a number, got \"", text, "\""));
      default:
        return Integer(node, field, path);
    }
  }

  absl::StatusOr<Json> Integer(const YAML::Node& node, const FieldDescriptor& field,
                               const std::string& path) {
    const std::string& text = node.Scalar();
    std::optional<Json> value;
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        if (auto v = ParseInteger<int32_t>(text)) value = Json(*v);
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        if (auto v = ParseInteger<uint32_t>(text)) value = Json(*v);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        if (auto v = ParseInteger<int64_t>(text)) value = Json(*v);
        break;
      default:
        if (auto v = ParseInteger<uint64_t>(text)) value = Json(*v);
        break;
    }
    if (value) return *std::move(value);
    return Error(
        node, path,
        absl::StrCat("expected an integer (", field.cpp_type_name(), "), got \"", text, "\""));
  }

  absl::StatusOr<Json> Enum(const YAML::Node& node, const FieldDescriptor& field,
                            const std::string& path) {
    const std::string& text = node.Scalar();
    const google::protobuf::EnumDescriptor& type = *field.enum_type();
    if (type.FindValueByName(text) != nullptr) return Json(text);
    int number;
    if (absl::SimpleAtoi(text, &number) && type.FindValueByNumber(number) != nullptr) {
      return Json(number);
    }
    // The short name CSV and flags take: "BPO" or "bpo" for SERVICE_MODEL_BPO.
    const std::string prefix = EnumPrefix(type);
    const std::string full = absl::StrCat(prefix, absl::AsciiStrToUpper(text));
    if (type.FindValueByName(full) != nullptr) return Json(full);
    std::vector<std::string> names;
    for (int i = 0; i < type.value_count(); ++i) {
      if (!absl::EndsWith(type.value(i)->name(), "_UNSPECIFIED")) {
        names.push_back(type.value(i)->name().substr(prefix.size()));
      }
    }
    return Error(
        node, path,
        absl::StrCat("unknown value \"", text, "\" for enum ", type.full_name(),
                     DidYouMean(absl::StripPrefix(absl::AsciiStrToUpper(text), prefix), names),
                     "; its values: ", absl::StrJoin(names, ", ")));
  }

  // "SERVICE_MODEL_": what every value's name of `type` starts with, up to
  // and including an underscore.
  static std::string EnumPrefix(const google::protobuf::EnumDescriptor& type) {
    std::string prefix = type.value(0)->name();
    for (int i = 1; i < type.value_count(); ++i) {
      const std::string& name = type.value(i)->name();
      size_t n = 0;
      while (n < prefix.size() && n < name.size() && prefix[n] == name[n]) ++n;
      prefix.resize(n);
    }
    const size_t underscore = prefix.rfind('_');
    return underscore == std::string::npos ? "" : prefix.substr(0, underscore + 1);
  }

  // Plain YAML typing, for well-known types whose JSON form is their own.
  absl::StatusOr<Json> Untyped(const YAML::Node& node, const std::string& path) {
    const Nesting nesting(depth_);
    VM_RETURN_IF_ERROR(CheckDepth(node, path));
    if (node.IsNull()) return Json(nullptr);
    if (node.IsSequence()) {
      Json out = Json::array();
      for (const auto& element : node) {
        VM_RETURN_IF_ERROR(Spend(element, path));
        VM_ASSIGN_OR_RETURN(Json value, Untyped(element, path));
        out.push_back(std::move(value));
      }
      return out;
    }
    if (node.IsMap()) {
      Json out = Json::object();
      for (const auto& entry : node) {
        VM_RETURN_IF_ERROR(Spend(entry.second, path));
        VM_ASSIGN_OR_RETURN(out[entry.first.Scalar()], Untyped(entry.second, path));
      }
      return out;
    }
    const std::string& text = node.Scalar();
    if (!IsPlain(node)) return Json(text);
    if (text == "true" || text == "false") return Json(text == "true");
    int64_t i;
    if (absl::SimpleAtoi(text, &i)) return Json(i);
    double d;
    if (absl::SimpleAtod(text, &d) && std::isfinite(d)) return Json(d);
    return Json(text);
  }

  // Message and Untyped call themselves for what a node holds: counts the
  // levels while one runs.
  struct Nesting {
    explicit Nesting(int& depth) : depth_(++depth) {}
    ~Nesting() { --depth_; }
    int& depth_;
  };

  // An alias inside its own anchor ("&a [*a]") makes a node that holds
  // itself, so nesting is limited; as deep as protobuf's JSON parser goes.
  absl::Status CheckDepth(const YAML::Node& node, absl::string_view path) {
    if (depth_ <= kMaxDepth) return absl::OkStatus();
    return Error(node, path,
                 absl::StrCat("nested more than ", kMaxDepth,
                              " levels deep (does an alias refer to its own anchor?)"));
  }
  static constexpr int kMaxDepth = 100;

  // Takes one value from the budget, or fails naming where it ran out.
  absl::Status Spend(const YAML::Node& node, absl::string_view path) {
    if (budget_.Take()) return absl::OkStatus();
    return Error(node, path,
                 absl::StrCat("the document expands to more than ", budget_.limit(),
                              " values (aliases repeat too much)"));
  }

  absl::Status Error(const YAML::Node& node, absl::string_view path, absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat(Locate(source_, node.Mark(), line_offset_), ": ",
                                                   path, path.empty() ? "" : ": ", problem));
  }

  std::string source_;
  int line_offset_;
  ValueBudget& budget_;
  int depth_ = 0;
};

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The value of a "\uXXXX" escape at text[pos], or nullopt.
std::optional<uint32_t> UnicodeEscapeAt(absl::string_view text, size_t pos) {
  if (pos + 6 > text.size() || text[pos] != '\\' || text[pos + 1] != 'u') return std::nullopt;
  uint32_t value = 0;
  for (size_t i = pos + 2; i < pos + 6; ++i) {
    const char c = text[i];
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 16 + static_cast<uint32_t>(absl::ascii_isdigit(static_cast<unsigned char>(c))
                                                   ? c - '0'
                                                   : absl::ascii_tolower(c) - 'a' + 10);
  }
  return value;
}

}  // namespace

absl::StatusOr<nlohmann::ordered_json> YamlToProtoJson(
    const YAML::Node& node, const google::protobuf::Descriptor& descriptor,
    absl::string_view source, absl::string_view path_prefix, ValueBudget& budget, int line_offset,
    const std::vector<std::string>& extra_string_keys) {
  Converter converter(source, line_offset, budget);
  return converter.Message(node, descriptor, std::string(path_prefix), extra_string_keys);
}

std::string Locate(absl::string_view source, const YAML::Mark& mark, int line_offset) {
  if (mark.is_null()) return std::string(source);
  return absl::StrCat(source, " line ", mark.line + 1 + line_offset, ", column ", mark.column + 1);
}

std::string DecodeSurrogatePairs(absl::string_view json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (!in_string) {
      in_string = c == '"';
      out += c;
      continue;
    }
    if (c == '"') {
      in_string = false;
      out += c;
      continue;
    }
    if (c != '\\' || i + 1 >= json.size()) {
      out += c;
      continue;
    }
    const auto high = UnicodeEscapeAt(json, i);
    const auto low = high ? UnicodeEscapeAt(json, i + 6) : std::nullopt;
    if (high && *high >= 0xD800 && *high <= 0xDBFF && low && *low >= 0xDC00 && *low <= 0xDFFF) {
      AppendUtf8(0x10000 + ((*high - 0xD800) << 10) + (*low - 0xDC00), out);
      i += 11;
      continue;
    }
    out += c;  // Any other escape: copy both characters.
    out += json[++i];
  }
  return out;
}

}  // namespace vendormatch::ctl::internal
