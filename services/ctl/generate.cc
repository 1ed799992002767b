// The `generate` command: synthetic providers, or the sample registry, as
// JSON Lines or YAML.
//
// The YAML is laid out for people to read and for diffs to stay small: the
// fields of each provider in proto order (set fields only), a list or
// mapping on one line in flow style when it fits in 100 columns, the rows
// of rate cards and shifts one per line always, strings plain unless YAML
// would read them as something else. deploy/local/sample/providers.yaml is
// this output, byte for byte (a test compares them).
#include <charconv>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/ctl/commands.h"
#include "services/ctl/format.h"
#include "services/registry/generator.h"

namespace vendormatch::ctl {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

constexpr size_t kYamlWidth = 100;

// Printed as lists of flow mappings, one per line, however short.
bool IsRowList(const FieldDescriptor& field) {
  return field.name() == "rate_card" || field.name() == "shifts";
}

// Characters, not bytes: UTF-8 continuation bytes do not count.
size_t Width(absl::string_view line) {
  size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsWordByte(unsigned char c) { return absl::ascii_isalnum(c) || c == '_' || c >= 0x80; }

// Strings YAML would read as null, a boolean or a number.
bool LooksTyped(absl::string_view s) {
  const std::string lower = absl::AsciiStrToLower(s);
  for (absl::string_view word : {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}) {
    if (lower == word) return true;
  }
  if (absl::string_view("-+.0123456789").find(lower[0]) == absl::string_view::npos) return false;
  return lower.find_first_not_of("-+.0123456789e_:") == std::string::npos;
}

// A letter or digit first, then letters, digits and a few safe punctuation
// marks (no ',' inside flow collections); not ending in a space.
bool IsPlain(absl::string_view s, bool in_flow) {
  if (s.empty() || !IsWordByte(s[0]) || s[0] == '_' || s.back() == ' ') return false;
  const absl::string_view punctuation = in_flow ? " .&()'/+-" : " .,&()'/+-";
  for (unsigned char c : s) {
    if (!IsWordByte(c) && punctuation.find(static_cast<char>(c)) == absl::string_view::npos) {
      return false;
    }
  }
  return !LooksTyped(s);
}

std::string Quoted(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\\' || c == '"') {
      absl::StrAppend(&out, "\\", std::string(1, c));
    } else if (static_cast<unsigned char>(c) < 0x20) {
      const char* hex = "0123456789abcdef";
      absl::StrAppend(&out, "\\x", std::string(1, hex[c >> 4]), std::string(1, hex[c & 15]));
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string ShortestDouble(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// One scalar value of `field` (element `index` of a repeated field).
std::string Scalar(const Message& m, const FieldDescriptor& f, int index, bool in_flow) {
  const Reflection& r = *m.GetReflection();
  const bool rep = f.is_repeated();
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r.GetRepeatedBool(m, &f, index) : r.GetBool(m, &f)) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r.GetRepeatedInt32(m, &f, index) : r.GetInt32(m, &f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r.GetRepeatedInt64(m, &f, index) : r.GetInt64(m, &f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r.GetRepeatedUInt32(m, &f, index) : r.GetUInt32(m, &f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r.GetRepeatedUInt64(m, &f, index) : r.GetUInt64(m, &f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return ShortestDouble(rep ? r.GetRepeatedDouble(m, &f, index) : r.GetDouble(m, &f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return ShortestDouble(rep ? r.GetRepeatedFloat(m, &f, index) : r.GetFloat(m, &f));
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number = rep ? r.GetRepeatedEnumValue(m, &f, index) : r.GetEnumValue(m, &f);
      const auto* value = f.enum_type()->FindValueByNumber(number);
      return value != nullptr ? value->name() : absl::StrCat(number);
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string s = rep ? r.GetRepeatedString(m, &f, index) : r.GetString(m, &f);
      return IsPlain(s, in_flow) ? s : Quoted(s);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

std::vector<const FieldDescriptor*> SetFields(const Message& m) {
  std::vector<const FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);  // In field-number order.
  return fields;
}

std::string FlowMessage(const Message& m);

// Element `index` (or the value, -1) of `f` in flow style.
std::string FlowValue(const Message& m, const FieldDescriptor& f, int index) {
  if (f.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return Scalar(m, f, index, true);
  const Reflection& r = *m.GetReflection();
  return FlowMessage(index < 0 ? r.GetMessage(m, &f) : r.GetRepeatedMessage(m, &f, index));
}

std::string FlowField(const Message& m, const FieldDescriptor& f) {
  if (!f.is_repeated()) return FlowValue(m, f, -1);
  std::string out = "[";
  const int n = m.GetReflection()->FieldSize(m, &f);
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, i > 0 ? ", " : "", FlowValue(m, f, i));
  return out + "]";
}

std::string FlowMessage(const Message& m) {
  std::string out = "{";
  bool first = true;
  for (const FieldDescriptor* f : SetFields(m)) {
    absl::StrAppend(&out, first ? "" : ", ", f->name(), ": ", FlowField(m, *f));
    first = false;
  }
  return out + "}";
}

class YamlWriter {
 public:
  explicit YamlWriter(std::string& out) : out_(out) {}

  // A mapping at `indent`; its first line starts with `first_lead` instead
  // of the indent when that is not empty ("  - " for list items).
  void Mapping(const Message& m, size_t indent, absl::string_view first_lead = "") {
    bool first = true;
    for (const FieldDescriptor* f : SetFields(m)) {
      const std::string lead =
          first && !first_lead.empty() ? std::string(first_lead) : std::string(indent, ' ');
      Entry(lead, m, *f, indent);
      first = false;
    }
  }

 private:
  void Line(absl::string_view text) { absl::StrAppend(&out_, text, "\n"); }

  void Entry(const std::string& lead, const Message& m, const FieldDescriptor& f, size_t indent) {
    const bool collection = f.is_repeated() || f.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (!collection) {
      Line(absl::StrCat(lead, f.name(), ": ", Scalar(m, f, -1, false)));
      return;
    }
    const std::string one_line = absl::StrCat(lead, f.name(), ": ", FlowField(m, f));
    if (Width(one_line) <= kYamlWidth && !IsRowList(f)) {
      Line(one_line);
      return;
    }
    Line(absl::StrCat(lead, f.name(), ":"));
    const Reflection& r = *m.GetReflection();
    if (!f.is_repeated()) {
      Mapping(r.GetMessage(m, &f), indent + 2);
      return;
    }
    const std::string item_lead = std::string(indent + 2, ' ') + "- ";
    for (int i = 0; i < r.FieldSize(m, &f); ++i) {
      if (f.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
        Line(item_lead + Scalar(m, f, i, false));
      } else if (IsRowList(f)) {
        Line(item_lead + FlowMessage(r.GetRepeatedMessage(m, &f, i)));
      } else {
        Mapping(r.GetRepeatedMessage(m, &f, i), indent + 4, item_lead);
      }
    }
  }

  std::string& out_;
};

std::string YamlHeader(const GenerateOptions& options, uint64_t seed) {
  std::string command = absl::StrCat("vendormatchctl generate --preset=", options.preset);
  if (options.seed.has_value()) absl::StrAppend(&command, " --seed=", seed);
  if (options.count >= 0) absl::StrAppend(&command, " --count=", options.count);
  absl::StrAppend(&command, " --format=yaml");
  if (options.preset != "sample") {
    return absl::StrCat("# ", options.count, " synthetic providers (seed ", seed, "): ", command,
                        "\nproviders:\n");
  }
  return absl::StrCat(
      "# Sample provider registry for local development: invented BPO and KPO\n"
      "# providers (names are made up; cities, time zones and rate levels are\n"
      "# realistic). Load it into a fresh server with\n"
      "#   vendormatchctl import --mode upsert deploy/local/sample/providers.yaml\n"
      "# Written by the generator (services/registry/generator.h); change that, not\n"
      "# this file, and write it again with\n"
      "#   ",
      command, " --out deploy/local/sample/providers.yaml\nproviders:\n");
}

// Writes the providers to `out` in the chosen format; the number written,
// or -1 with `error` set.
int64_t WriteProviders(const GenerateOptions& options, std::ostream& out, std::string& error) {
  const bool sample = options.preset == "sample";
  const uint64_t seed = options.seed.value_or(sample ? kSampleSeed : 1);
  std::vector<v1::Provider> registry;
  int64_t count = options.count;
  if (sample) {
    registry = GenerateSampleRegistry(seed);
    const int64_t size = static_cast<int64_t>(registry.size());
    if (count > size) {
      error = absl::StrCat("the sample registry has ", size, " providers, not ", count);
      return -1;
    }
    if (count < 0) count = size;
  }
  const bool yaml = options.format == "yaml";
  if (yaml) out << YamlHeader(options, seed);
  std::string text;
  const auto write = [&](const v1::Provider& provider) {
    if (!yaml) {
      out << ToJson(provider, /*pretty=*/false);
      return;
    }
    text.clear();
    YamlWriter(text).Mapping(provider, 4, "  - ");
    out << text;
  };
  if (sample) {
    for (int64_t i = 0; i < count; ++i) write(registry[i]);
  } else {
    GeneratorOptions generator;
    generator.seed = seed;
    GenerateProviders(count, generator, [&](int64_t, v1::Provider& p) { write(p); });
  }
  return count;
}

}  // namespace

int WriteGeneratedProviders(CommandContext& ctx, const GenerateOptions& options) {
  std::ofstream file;
  std::ostream* out = ctx.out;
  if (!options.out_file.empty()) {
    file.open(options.out_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      *ctx.err << "vendormatchctl: cannot write " << options.out_file << "\n";
      return kExitFailure;
    }
    out = &file;
  }
  std::string error;
  const int64_t written = WriteProviders(options, *out, error);
  if (written < 0) {
    *ctx.err << "vendormatchctl: " << error << "\n";
    return kExitFailure;
  }
  out->flush();
  if (!*out) {
    *ctx.err << "vendormatchctl: writing "
             << (options.out_file.empty() ? "the output" : options.out_file) << " failed\n";
    return kExitFailure;
  }
  if (!options.out_file.empty()) {
    *ctx.err << "wrote " << written << " providers to " << options.out_file << "\n";
  }
  return kExitOk;
}

}  // namespace vendormatch::ctl
