#include "services/gateway/transcoder.h"

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/error_details.h"
#include "services/common/error_info.h"
#include "services/common/status_macros.h"

namespace vendormatch::gateway {
namespace {

namespace pb = google::protobuf;
using Json = nlohmann::json;

// The field `path` ("provider.name") names in `type`, by proto or JSON
// name, or nullptr.
const pb::FieldDescriptor* FieldOf(const pb::Descriptor* type, absl::string_view name) {
  const std::string n(name);
  const pb::FieldDescriptor* field = type->FindFieldByName(n);
  return field != nullptr ? field : type->FindFieldByCamelcaseName(n);
}

// The fields along `path`: every one but the last a singular message.
absl::StatusOr<std::vector<const pb::FieldDescriptor*>> FieldsAlong(const pb::Descriptor* type,
                                                                    absl::string_view path) {
  std::vector<const pb::FieldDescriptor*> fields;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (!fields.empty()) {
      const pb::FieldDescriptor* last = fields.back();
      if (last->is_repeated() || last->message_type() == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", path, "\": ", last->name(), " has no fields"));
      }
      type = last->message_type();
    }
    const pb::FieldDescriptor* field = FieldOf(type, part);
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", path, "\": ", type->full_name(), " has no field \"", part, "\""));
    }
    fields.push_back(field);
  }
  return fields;
}

absl::Status InvalidQuery(absl::string_view name, absl::string_view why) {
  return WithErrorInfo(
      absl::InvalidArgumentError(absl::StrCat("query parameter \"", name, "\": ", why)),
      "INVALID_QUERY_PARAMETER", {{"parameter", std::string(name)}});
}

bool IsWellKnownScalar(const pb::Descriptor* type) {
  // Message types whose JSON form is a string (or a number given as one).
  return type->file()->package() == "google.protobuf";
}

// Adds query parameter `name`=`value` to `json`, the request's JSON form.
absl::Status AddQueryParameter(const pb::Descriptor* type, const std::string& name,
                               const std::string& value, Json& json) {
  auto fields = FieldsAlong(type, name);
  if (!fields.ok()) return InvalidQuery(name, fields.status().message());
  Json* node = &json;
  for (const pb::FieldDescriptor* f : *fields) node = &(*node)[f->json_name()];
  const pb::FieldDescriptor* leaf = fields->back();
  if (leaf->is_map()) return InvalidQuery(name, "a map cannot be given in the query; use a body");
  if (leaf->message_type() != nullptr && !IsWellKnownScalar(leaf->message_type())) {
    return InvalidQuery(name, "give the fields of this message one by one (name.field=...)");
  }
  Json leaf_value = value;
  if (leaf->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
    const std::string v = absl::AsciiStrToLower(value);
    if (v != "true" && v != "false" && v != "1" && v != "0" && !v.empty()) {
      return InvalidQuery(name, "must be true or false");
    }
    leaf_value = v == "true" || v == "1" || v.empty();
  }
  if (leaf->is_repeated()) {
    if (!node->is_array()) *node = Json::array();
    node->push_back(std::move(leaf_value));
  } else {
    if (!node->is_null()) return InvalidQuery(name, "given twice");
    *node = std::move(leaf_value);
  }
  return absl::OkStatus();
}

absl::Status ParseJson(const std::string& json, pb::Message& message, absl::string_view what) {
  pb::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = pb::util::JsonStringToMessage(json, &message, options);
  if (status.ok()) return absl::OkStatus();
  return WithErrorInfo(absl::InvalidArgumentError(absl::StrCat(
                           what, " is not a JSON ", message.GetDescriptor()->full_name(), ": ",
                           std::string(status.message()))),
                       "INVALID_JSON");
}

absl::Status ApplyQuery(const HttpRequest& http, const Route& route, pb::Message& request) {
  Json json = Json::object();
  for (const auto& [name, value] : http.query) {
    if (name.starts_with('$')) continue;
    if (route.body == "*") return InvalidQuery(name, "the body holds the whole request");
    if (!route.body.empty() && (name == route.body || name.starts_with(route.body + "."))) {
      return InvalidQuery(name, "this field comes in the body");
    }
    VM_RETURN_IF_ERROR(AddQueryParameter(request.GetDescriptor(), name, value, json));
  }
  if (json.empty()) return absl::OkStatus();
  std::unique_ptr<pb::Message> from_query(request.New());
  VM_RETURN_IF_ERROR(ParseJson(json.dump(), *from_query, "the query"));
  request.MergeFrom(*from_query);
  return absl::OkStatus();
}

// Sets the string field at `path` of `message` to `value`.
void SetPathField(pb::Message& message, const std::vector<const pb::FieldDescriptor*>& path,
                  const std::string& value) {
  pb::Message* m = &message;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    m = m->GetReflection()->MutableMessage(m, path[i]);
  }
  m->GetReflection()->SetString(m, path.back(), value);
}

absl::StatusOr<std::unique_ptr<pb::Message>> BuildRequest(const HttpRequest& http,
                                                          const Route& route,
                                                          const PathTemplate::Bindings& bindings) {
  const pb::Descriptor* type = route.method->input_type();
  std::unique_ptr<pb::Message> request(
      pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (!absl::StripAsciiWhitespace(http.body).empty()) {
    if (route.body.empty()) {
      return WithErrorInfo(
          absl::InvalidArgumentError(absl::StrCat(http.method, " ", route.path.text(),
                                                  " takes no body; give fields in the query")),
          "INVALID_JSON");
    }
    pb::Message* target = request.get();
    if (route.body != "*") {
      target = request->GetReflection()->MutableMessage(request.get(), FieldOf(type, route.body));
    }
    VM_RETURN_IF_ERROR(ParseJson(http.body, *target, "the body"));
  }
  VM_RETURN_IF_ERROR(ApplyQuery(http, route, *request));
  for (const auto& [field_path, value] : bindings) {
    VM_ASSIGN_OR_RETURN(auto fields, FieldsAlong(type, field_path));
    SetPathField(*request, fields, value);
  }
  return request;
}

// The HTTP method and template of `rule`.
std::pair<std::string, std::string> PatternOf(const google::api::HttpRule& rule) {
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      return {"GET", rule.get()};
    case google::api::HttpRule::kPut:
      return {"PUT", rule.put()};
    case google::api::HttpRule::kPost:
      return {"POST", rule.post()};
    case google::api::HttpRule::kDelete:
      return {"DELETE", rule.delete_()};
    case google::api::HttpRule::kPatch:
      return {"PATCH", rule.patch()};
    case google::api::HttpRule::kCustom:
      return {rule.custom().kind(), rule.custom().path()};
    default:
      return {"", ""};
  }
}

absl::StatusOr<Route> RouteOf(const pb::MethodDescriptor* method,
                              const google::api::HttpRule& rule) {
  Route route;
  route.method = method;
  const auto [http_method, path] = PatternOf(rule);
  route.http_method = http_method;
  route.body = rule.body();
  const std::string where = absl::StrCat(method->full_name(), " http rule: ");
  if (http_method.empty()) return absl::InvalidArgumentError(where + "no pattern");
  VM_ASSIGN_OR_RETURN(route.path, PathTemplate::Parse(path));
  if (!route.body.empty() && route.body != "*") {
    const pb::FieldDescriptor* body = FieldOf(method->input_type(), route.body);
    if (body == nullptr || body->message_type() == nullptr || body->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "body \"", route.body, "\" is not a message field"));
    }
  }
  for (const std::string& field : route.path.field_paths()) {
    auto fields = FieldsAlong(method->input_type(), field);
    if (!fields.ok() || fields->back()->type() != pb::FieldDescriptor::TYPE_STRING ||
        fields->back()->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "variable \"", field, "\" is not a string field"));
    }
  }
  return route;
}

}  // namespace

std::string GrpcPath(const pb::MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

absl::StatusOr<Transcoder> Transcoder::ForServices(const std::vector<std::string>& services) {
  Transcoder transcoder;
  const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const pb::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) return absl::InvalidArgumentError("unknown service " + name);
    for (int i = 0; i < service->method_count(); ++i) {
      const pb::MethodDescriptor* method = service->method(i);
      if (!method->options().HasExtension(google::api::http)) continue;
      if (method->client_streaming() || method->server_streaming()) {
        return absl::InvalidArgumentError(method->full_name() + " streams: no http rule");
      }
      const google::api::HttpRule& rule = method->options().GetExtension(google::api::http);
      VM_ASSIGN_OR_RETURN(Route route, RouteOf(method, rule));
      transcoder.routes_.push_back(std::move(route));
      for (const auto& extra : rule.additional_bindings()) {
        VM_ASSIGN_OR_RETURN(Route more, RouteOf(method, extra));
        transcoder.routes_.push_back(std::move(more));
      }
    }
  }
  return transcoder;
}

absl::StatusOr<Call> Transcoder::Transcode(const HttpRequest& request) const {
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    std::optional<PathTemplate::Bindings> bindings = route.path.Match(request.path);
    if (!bindings) continue;
    if (route.http_method != request.method) {
      allowed.push_back(route.http_method);
      continue;
    }
    VM_ASSIGN_OR_RETURN(auto message, BuildRequest(request, route, *bindings));
    return Call{route.method, std::move(message)};
  }
  if (allowed.empty()) {
    return WithErrorInfo(
        absl::NotFoundError(absl::StrCat("no API method at ", request.path, "; see /openapi.json")),
        "HTTP_ROUTE_NOT_FOUND", {{"path", request.path}});
  }
  const std::string allow = absl::StrJoin(allowed, ", ");
  return WithErrorInfo(absl::UnimplementedError(
                           absl::StrCat(request.path, " takes ", allow, ", not ", request.method)),
                       "HTTP_METHOD_NOT_ALLOWED", {{"allow", allow}});
}

std::string ToJson(const pb::Message& message) {
  pb::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)pb::util::MessageToJsonString(message, &json, options);
  return json;
}

int HttpStatusOf(const absl::Status& status) {
  if (auto info = ErrorInfoOf(status)) {
    if (info->reason() == "HTTP_METHOD_NOT_ALLOWED") return 405;
    if (info->reason() == "REQUEST_TOO_LARGE") return 413;
  }
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

std::string StatusJson(const absl::Status& status) {
  google::rpc::Status rpc = ToRpcStatus(WithDefaultDetails(status));
  std::string json;
  if (pb::util::MessageToJsonString(rpc, &json).ok()) return json;
  rpc.clear_details();  // a detail of a type this process does not know
  (void)pb::util::MessageToJsonString(rpc, &json);
  return json;
}

}  // namespace vendormatch::gateway
