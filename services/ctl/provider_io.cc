#include "services/ctl/provider_io.h"

#include <google/protobuf/util/json_util.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/status_macros.h"
#include "services/ctl/csv.h"
#include "services/ctl/yaml_convert.h"

namespace vendormatch::ctl {
namespace {

using Json = nlohmann::ordered_json;
using vendormatch::v1::Provider;

constexpr absl::string_view kNamePrefix = "providers/";

absl::StatusOr<std::string> ReadFile(absl::string_view path) {
  std::ifstream in{std::string(path), std::ios::binary};
  if (!in) {
    const int error = errno;
    const std::string message = absl::StrCat("cannot read ", path, ": ", std::strerror(error));
    if (error == ENOENT) return absl::NotFoundError(message);
    if (error == EACCES) return absl::PermissionDeniedError(message);
    return absl::InvalidArgumentError(message);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  return std::move(text).str();
}

absl::string_view SkipLeadingSpace(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  return absl::StripLeadingAsciiWhitespace(text);
}

bool IsStrictJson(absl::string_view text) { return Json::accept(text.begin(), text.end()); }

Format Sniff(absl::string_view text) {
  const absl::string_view rest = SkipLeadingSpace(text);
  if (rest.empty() || (rest[0] != '{' && rest[0] != '[')) return Format::kYaml;
  if (rest[0] == '[' || IsStrictJson(rest)) return Format::kJson;
  return Format::kJsonLines;
}

// A provider object, already converted to proto-shaped JSON, to a message.
absl::StatusOr<ParsedProvider> FromProtoJson(Json object, std::string origin) {
  ParsedProvider parsed;
  parsed.origin = std::move(origin);
  if (auto id = object.find("id"); id != object.end()) {
    if (object.contains("name")) {
      return absl::InvalidArgumentError(
          absl::StrCat(parsed.origin, ": give either id or name, not both"));
    }
    const std::string name = ProviderName(id->get<std::string>());
    // Keep the key's position for `fields`: rebuild with "name" in place of "id".
    Json renamed = Json::object();
    for (auto& [key, value] : object.items()) {
      if (key == "id") {
        renamed["name"] = name;
      } else {
        renamed[key] = std::move(value);
      }
    }
    object = std::move(renamed);
  }
  for (const auto& [key, value] : object.items()) parsed.fields.push_back(key);
  const std::string text = object.dump(-1, ' ', false, Json::error_handler_t::replace);
  const auto status = google::protobuf::util::JsonStringToMessage(text, &parsed.provider);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(parsed.origin, ": ", std::string(status.message())));
  }
  return parsed;
}

// Collects providers from parsed YAML (or JSON) documents.
class DocumentReader {
 public:
  // `text_size`: the size of the text the documents come from (see
  // internal::ValueBudget).
  DocumentReader(absl::string_view source, int line_offset, size_t text_size)
      : source_(source), line_offset_(line_offset), budget_(text_size) {}

  absl::Status Document(const YAML::Node& doc, std::vector<ParsedProvider>& out) {
    if (doc.IsNull()) return absl::OkStatus();
    if (doc.IsSequence()) return List(doc, out);
    if (!doc.IsMap()) {
      return Error(doc, "expected a provider, a list of providers or a `providers:` list");
    }
    bool has_list = false;
    for (const auto& entry : doc) {
      has_list |= entry.first.IsScalar() && entry.first.Scalar() == "providers";
    }
    if (!has_list) return OneProvider(doc, "", out);
    for (const auto& entry : doc) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "nextPageToken" || key == "next_page_token") continue;
      if (key != "providers") {
        return Error(entry.first, absl::StrCat("unexpected key \"", key,
                                               "\" beside `providers` (expected only a list)"));
      }
      if (entry.second.IsNull()) continue;
      if (!entry.second.IsSequence()) return Error(entry.second, "`providers` must be a list");
      VM_RETURN_IF_ERROR(List(entry.second, out));
    }
    return absl::OkStatus();
  }

  absl::Status OneProvider(const YAML::Node& node, absl::string_view path,
                           std::vector<ParsedProvider>& out) {
    if (!node.IsMap()) return Error(node, "expected a provider (a mapping)");
    VM_ASSIGN_OR_RETURN(Json object,
                        internal::YamlToProtoJson(node, *Provider::descriptor(), source_, path,
                                                  budget_, line_offset_, {"id"}));
    const std::string origin = absl::StrCat(source_, " line ", node.Mark().line + 1 + line_offset_);
    VM_ASSIGN_OR_RETURN(ParsedProvider parsed, FromProtoJson(std::move(object), origin));
    out.push_back(std::move(parsed));
    return absl::OkStatus();
  }

 private:
  absl::Status List(const YAML::Node& list, std::vector<ParsedProvider>& out) {
    for (const auto& element : list) {
      VM_RETURN_IF_ERROR(OneProvider(element, absl::StrCat("providers[", out.size(), "]"), out));
    }
    return absl::OkStatus();
  }

  absl::Status Error(const YAML::Node& node, absl::string_view problem) {
    return absl::InvalidArgumentError(
        absl::StrCat(internal::Locate(source_, node.Mark(), line_offset_), ": ", problem));
  }

  std::string source_;
  int line_offset_;
  internal::ValueBudget budget_;
};

absl::Status YamlError(const YAML::Exception& e, absl::string_view source, int line_offset) {
  return absl::InvalidArgumentError(
      absl::StrCat(internal::Locate(source, e.mark, line_offset), ": ", e.msg));
}

// Notes where each document starts, building nothing.
class DocumentStarts : public YAML::EventHandler {
 public:
  // False when a document started where the one before it did.
  bool moved_on() const { return moved_on_; }
  const YAML::Mark& last() const { return last_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    moved_on_ = first_ || mark.pos != last_.pos;
    first_ = false;
    last_ = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  bool first_ = true;
  bool moved_on_ = true;
  YAML::Mark last_ = YAML::Mark::null_mark();
};

// The documents of `text`: YAML::LoadAll, after a pass that builds nothing
// and checks that the parser moves on. yaml-cpp 0.7's LoadAll never returns
// on a stray ',' outside any flow collection ("[a],", "- x\n,"): its parser
// starts an empty document at the same place again and again, and LoadAll
// collects them until memory runs out.
std::vector<YAML::Node> LoadAllDocuments(absl::string_view text) {
  const std::string copy(text);
  {
    std::istringstream in(copy);
    YAML::Parser parser(in);
    DocumentStarts starts;
    while (parser.HandleNextDocument(starts)) {
      if (starts.moved_on()) continue;
      const YAML::Mark& at = starts.last();
      const char c = at.pos >= 0 && static_cast<size_t>(at.pos) < text.size() ? text[at.pos] : ' ';
      throw YAML::ParserException(at, absl::StrCat("unexpected '", absl::string_view(&c, 1),
                                                   "' outside a flow collection (not valid YAML)"));
    }
  }
  return YAML::LoadAll(copy);
}

absl::StatusOr<std::vector<ParsedProvider>> ParseYaml(absl::string_view text,
                                                      absl::string_view source) {
  std::vector<ParsedProvider> out;
  DocumentReader reader(source, 0, text.size());
  try {
    for (const YAML::Node& doc : LoadAllDocuments(text)) {
      VM_RETURN_IF_ERROR(reader.Document(doc, out));
    }
  } catch (const YAML::Exception& e) {
    return YamlError(e, source, 0);
  }
  return out;
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
absl::Status JsonSyntaxError(const nlohmann::json::exception& e, absl::string_view source,
                             int line_offset) {
  absl::string_view message = e.what();
  if (const size_t end = message.find("] ");
      absl::StartsWith(message, "[") && end != message.npos) {
    message.remove_prefix(end + 2);
  }
  if (line_offset == 0) return absl::InvalidArgumentError(absl::StrCat(source, ": ", message));
  return absl::InvalidArgumentError(absl::StrCat(source, " line ", line_offset + 1, ": ", message));
}

// JSON is read in two ways. The fast way hands each provider object to
// protobuf's JSON parser. When that fails, the document is read again as YAML
// (a superset of JSON) by the typed converter, which either accepts it (it is
// more lenient: "yes" for a bool, `id`) or reports the error with its line
// and column.

// Parses strict JSON; INVALID_ARGUMENT with nlohmann's located message.
absl::StatusOr<Json> ParseStrictJson(absl::string_view text, absl::string_view source,
                                     int line_offset) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    return JsonSyntaxError(e, source, line_offset);
  }
}

// The canonical top-level field names of a provider object, in order ("id"
// counts as "name"); nullopt when a key is not a Provider field or a field is
// given twice.
std::optional<std::vector<std::string>> CanonicalFields(const Json& object) {
  const google::protobuf::Descriptor& descriptor = *Provider::descriptor();
  std::vector<std::string> fields;
  for (const auto& [key, value] : object.items()) {
    const google::protobuf::FieldDescriptor* field = descriptor.FindFieldByName(key);
    if (field == nullptr) field = descriptor.FindFieldByCamelcaseName(key);
    if (field == nullptr && key != "id") return std::nullopt;
    const std::string name = field != nullptr ? field->name() : "name";
    if (std::find(fields.begin(), fields.end(), name) != fields.end()) return std::nullopt;
    fields.push_back(name);
  }
  return fields;
}

// The fast way for one provider object; nullopt when protobuf rejects it.
// `text` is the object's source text when it is at hand (JSON Lines).
std::optional<ParsedProvider> FastProvider(Json object, std::string origin,
                                           const absl::string_view* text) {
  if (!object.is_object()) return std::nullopt;
  std::optional<std::vector<std::string>> fields = CanonicalFields(object);
  if (!fields) return std::nullopt;
  ParsedProvider parsed;
  parsed.origin = std::move(origin);
  parsed.fields = *std::move(fields);
  std::string rewritten;
  if (auto id = object.find("id"); id != object.end()) {
    if (!id->is_string()) return std::nullopt;
    const std::string name = ProviderName(id->get<std::string>());
    object.erase("id");
    object["name"] = name;
    text = nullptr;
  }
  if (text == nullptr) rewritten = object.dump(-1, ' ', false, Json::error_handler_t::replace);
  const absl::string_view json = text != nullptr ? *text : absl::string_view(rewritten);
  const google::protobuf::StringPiece piece(json.data(), json.size());
  if (!google::protobuf::util::JsonStringToMessage(piece, &parsed.provider).ok()) {
    return std::nullopt;
  }
  return parsed;
}

// The provider objects of a JSON document, or nullopt for a shape the slow
// way must judge.
std::optional<std::vector<Json*>> ProviderObjects(Json& doc) {
  std::vector<Json*> objects;
  if (doc.is_array()) {
    for (Json& element : doc) objects.push_back(&element);
    return objects;
  }
  if (!doc.is_object()) return std::nullopt;
  if (!doc.contains("providers")) return std::vector<Json*>{&doc};
  for (auto& [key, value] : doc.items()) {
    if (key == "providers" && value.is_array()) {
      for (Json& element : value) objects.push_back(&element);
    } else if (key != "nextPageToken" && key != "next_page_token") {
      return std::nullopt;
    }
  }
  return objects;
}

// The slow way: the text as YAML through the typed converter.
absl::StatusOr<std::vector<ParsedProvider>> SlowJson(absl::string_view text,
                                                     absl::string_view source, int line_offset,
                                                     bool one_provider) {
  std::vector<ParsedProvider> out;
  DocumentReader reader(source, line_offset, text.size());
  try {
    const YAML::Node doc = YAML::Load(internal::DecodeSurrogatePairs(text));
    VM_RETURN_IF_ERROR(one_provider ? reader.OneProvider(doc, "", out) : reader.Document(doc, out));
  } catch (const YAML::Exception& e) {
    return YamlError(e, source, line_offset);
  }
  return out;
}

absl::StatusOr<std::vector<ParsedProvider>> ParseJson(absl::string_view text,
                                                      absl::string_view source) {
  VM_ASSIGN_OR_RETURN(Json doc, ParseStrictJson(text, source, 0));
  const std::optional<std::vector<Json*>> objects = ProviderObjects(doc);
  if (!objects) return SlowJson(text, source, 0, /*one_provider=*/false);
  const bool single = objects->size() == 1 && (*objects)[0] == &doc;
  std::vector<ParsedProvider> out;
  for (Json* object : *objects) {
    std::string origin =
        single ? std::string(source) : absl::StrCat(source, " providers[", out.size(), "]");
    std::optional<ParsedProvider> parsed =
        FastProvider(std::move(*object), std::move(origin), nullptr);
    if (!parsed) return SlowJson(text, source, 0, /*one_provider=*/false);
    out.push_back(*std::move(parsed));
  }
  return out;
}

absl::StatusOr<std::vector<ParsedProvider>> ParseJsonLines(absl::string_view text,
                                                           absl::string_view source) {
  std::vector<ParsedProvider> out;
  int line_index = -1;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_index;
    if (line_index == 0) absl::ConsumePrefix(&line, "\xEF\xBB\xBF");
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    VM_ASSIGN_OR_RETURN(Json object, ParseStrictJson(line, source, line_index));
    std::optional<ParsedProvider> parsed =
        FastProvider(std::move(object), absl::StrCat(source, " line ", line_index + 1), &line);
    if (parsed) {
      out.push_back(*std::move(parsed));
      continue;
    }
    VM_ASSIGN_OR_RETURN(std::vector<ParsedProvider> slow,
                        SlowJson(line, source, line_index, /*one_provider=*/true));
    for (ParsedProvider& p : slow) out.push_back(std::move(p));
  }
  return out;
}

// One message from a single YAML (or JSON) document.
absl::Status MessageFromYaml(absl::string_view text, absl::string_view source,
                             google::protobuf::Message& message, std::vector<std::string>* fields) {
  const std::string& type = message.GetDescriptor()->name();
  std::vector<YAML::Node> docs;
  try {
    for (YAML::Node& doc : LoadAllDocuments(text)) {
      if (!doc.IsNull()) docs.push_back(std::move(doc));
    }
  } catch (const YAML::Exception& e) {
    return YamlError(e, source, 0);
  }
  if (docs.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": empty; expected a ", type));
  }
  if (docs.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, " holds ", docs.size(), " documents; expected one ", type));
  }
  const YAML::Node& doc = docs.front();
  if (!doc.IsMap()) {
    return absl::InvalidArgumentError(
        absl::StrCat(internal::Locate(source, doc.Mark()), ": expected a ", type, " (a mapping)"));
  }
  internal::ValueBudget budget(text.size());
  VM_ASSIGN_OR_RETURN(Json object,
                      internal::YamlToProtoJson(doc, *message.GetDescriptor(), source, "", budget));
  if (fields != nullptr) {
    fields->clear();
    for (const auto& [key, value] : object.items()) fields->push_back(key);
  }
  const std::string json = object.dump(-1, ' ', false, Json::error_handler_t::replace);
  message.Clear();
  const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", std::string(status.message())));
  }
  return absl::OkStatus();
}

std::vector<Provider> ProvidersOf(std::vector<ParsedProvider> parsed) {
  std::vector<Provider> providers;
  providers.reserve(parsed.size());
  for (ParsedProvider& p : parsed) providers.push_back(std::move(p.provider));
  return providers;
}

}  // namespace

absl::StatusOr<Format> ParseFormatName(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "auto") return Format::kAuto;
  if (lower == "yaml" || lower == "yml") return Format::kYaml;
  if (lower == "json") return Format::kJson;
  if (lower == "jsonl" || lower == "ndjson") return Format::kJsonLines;
  if (lower == "csv") return Format::kCsv;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format \"", name, "\" (expected yaml, json, jsonl, csv or auto)"));
}

Format FormatFromPath(absl::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == path.npos || (slash != path.npos && dot < slash)) return Format::kAuto;
  const std::string extension = absl::AsciiStrToLower(path.substr(dot + 1));
  if (extension == "yaml" || extension == "yml") return Format::kYaml;
  if (extension == "json") return Format::kJson;
  if (extension == "jsonl" || extension == "ndjson") return Format::kJsonLines;
  if (extension == "csv") return Format::kCsv;
  return Format::kAuto;
}

absl::StatusOr<std::vector<ParsedProvider>> ParseProvidersTextDetailed(absl::string_view text,
                                                                       Format format,
                                                                       absl::string_view source) {
  switch (format == Format::kAuto ? Sniff(text) : format) {
    case Format::kJson:
      return ParseJson(text, source);
    case Format::kJsonLines:
      return ParseJsonLines(text, source);
    case Format::kCsv:
      return internal::ParseCsvProviders(text, source);
    default:
      return ParseYaml(text, source);
  }
}

absl::StatusOr<std::vector<ParsedProvider>> ParseProvidersFileDetailed(absl::string_view path,
                                                                       Format format) {
  VM_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  return ParseProvidersTextDetailed(text, format == Format::kAuto ? FormatFromPath(path) : format,
                                    path);
}

absl::StatusOr<std::vector<Provider>> ParseProvidersText(absl::string_view text, Format format,
                                                         absl::string_view source) {
  VM_ASSIGN_OR_RETURN(std::vector<ParsedProvider> parsed,
                      ParseProvidersTextDetailed(text, format, source));
  return ProvidersOf(std::move(parsed));
}

absl::StatusOr<std::vector<Provider>> ParseProvidersFile(absl::string_view path, Format format) {
  VM_ASSIGN_OR_RETURN(std::vector<ParsedProvider> parsed, ParseProvidersFileDetailed(path, format));
  return ProvidersOf(std::move(parsed));
}

absl::Status ParseMessageText(absl::string_view text, Format format, absl::string_view source,
                              google::protobuf::Message& message,
                              std::vector<std::string>* fields) {
  if (format == Format::kAuto) format = Sniff(text);
  switch (format) {
    case Format::kJsonLines:
      if (SkipLeadingSpace(text).empty() || SkipLeadingSpace(text)[0] != '{') break;
      [[fallthrough]];
    case Format::kJson: {
      // Syntax errors in nlohmann's words; the content by the YAML rules.
      VM_RETURN_IF_ERROR(ParseStrictJson(text, source, 0).status());
      return MessageFromYaml(internal::DecodeSurrogatePairs(text), source, message, fields);
    }
    case Format::kCsv:
      return absl::InvalidArgumentError(absl::StrCat(
          source, ": a ", message.GetDescriptor()->name(), " is read from YAML or JSON, not CSV"));
    default:
      return MessageFromYaml(text, source, message, fields);
  }
  return absl::InvalidArgumentError(absl::StrCat(source, ": a ", message.GetDescriptor()->name(),
                                                 " is one YAML or JSON document, not JSON Lines"));
}

absl::Status ParseMessageFile(absl::string_view path, Format format,
                              google::protobuf::Message& message,
                              std::vector<std::string>* fields) {
  VM_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  return ParseMessageText(text, format == Format::kAuto ? FormatFromPath(path) : format, path,
                          message, fields);
}

std::string ProviderName(absl::string_view name_or_id) {
  if (name_or_id.empty() || absl::StartsWith(name_or_id, kNamePrefix)) {
    return std::string(name_or_id);
  }
  return absl::StrCat(kNamePrefix, name_or_id);
}

}  // namespace vendormatch::ctl
