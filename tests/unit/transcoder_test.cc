// JSON over HTTP as data: path templates, routes from the google.api.http
// rules of the real API, requests built from paths, bodies and queries, and
// errors as google.rpc.Status JSON.
#include "services/gateway/transcoder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "services/common/error_info.h"
#include "services/common/field_violations.h"
#include "vendormatch/v1/key_service.pb.h"
#include "vendormatch/v1/matching_service.pb.h"
#include "vendormatch/v1/registry_service.pb.h"

namespace vendormatch::gateway {
namespace {

namespace v1 = ::vendormatch::v1;
using ::testing::HasSubstr;

TEST(PathTemplateTest, MatchesLiteralsVariablesAndVerbs) {
  auto t = PathTemplate::Parse("/v1/{name=providers/*}:activate");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->verb(), "activate");
  auto bound = t->Match("/v1/providers/acme:activate");
  ASSERT_TRUE(bound.has_value());
  EXPECT_EQ(*bound, PathTemplate::Bindings({{"name", "providers/acme"}}));
  EXPECT_FALSE(t->Match("/v1/providers/acme").has_value());
  EXPECT_FALSE(t->Match("/v1/profiles/acme:activate").has_value());
  EXPECT_FALSE(t->Match("/v1/providers/:activate").has_value());  // an empty id
  EXPECT_FALSE(t->Match("/v1/providers/a/b:activate").has_value());

  auto plain = PathTemplate::Parse("/v1/{parent}/things/**");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain->Match("/v1/p/things/a/b"), PathTemplate::Bindings({{"parent", "p"}}));
  auto free = PathTemplate::Parse("/v1:matchProviders");
  ASSERT_TRUE(free.ok());
  EXPECT_TRUE(free->Match("/v1:matchProviders").has_value());
  EXPECT_FALSE(free->Match("/v1/matchProviders").has_value());
}

TEST(PathTemplateTest, RefusesBadTemplatesNamingThem) {
  for (const char* bad : {"v1/x", "/v1/{name", "/v1/x}", "/v1/{=x}", "/v1/**/x", "/v1/{a={b}}"}) {
    auto t = PathTemplate::Parse(bad);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_THAT(t.status().message(), HasSubstr(bad));
  }
}

class TranscoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t =
        Transcoder::ForServices({"vendormatch.v1.RegistryService", "vendormatch.v1.MatchingService",
                                 "vendormatch.v1.KeyService"});
    ASSERT_TRUE(t.ok()) << t.status();
    transcoder_ = std::move(*t);
  }

  template <typename T>
  T Request(const HttpRequest& http, const std::string& method) {
    auto call = transcoder_.Transcode(http);
    EXPECT_TRUE(call.ok()) << call.status();
    if (!call.ok()) return T();
    EXPECT_EQ(call->method->name(), method);
    T out;
    out.CopyFrom(*call->request);
    return out;
  }

  Transcoder transcoder_;
};

TEST_F(TranscoderTest, EveryUnaryMethodHasARoute) {
  std::set<std::string> routed;
  for (const Route& r : transcoder_.routes()) routed.insert(GrpcPath(*r.method));
  int methods = 0;
  for (const char* name : {"vendormatch.v1.RegistryService", "vendormatch.v1.MatchingService",
                           "vendormatch.v1.KeyService"}) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    ASSERT_NE(service, nullptr);
    for (int i = 0; i < service->method_count(); ++i, ++methods) {
      EXPECT_TRUE(routed.contains(absl::StrCat("/", name, "/", service->method(i)->name())))
          << service->method(i)->full_name() << " has no google.api.http rule";
    }
  }
  EXPECT_EQ(static_cast<int>(routed.size()), methods);
}

TEST_F(TranscoderTest, PathVariablesAndQueryFillTheRequest) {
  auto get = Request<v1::GetProviderRequest>({"GET", "/v1/providers/acme", {}, ""}, "GetProvider");
  EXPECT_EQ(get.name(), "providers/acme");

  auto list = Request<v1::ListProvidersRequest>({"GET",
                                                 "/v1/providers",
                                                 {{"pageSize", "5"},
                                                  {"filter", "country = IN"},
                                                  {"show_deleted", "true"},
                                                  {"$timeout", "2s"}},
                                                 ""},
                                                "ListProviders");
  EXPECT_EQ(list.page_size(), 5);
  EXPECT_EQ(list.filter(), "country = IN");
  EXPECT_TRUE(list.show_deleted());

  auto del = Request<v1::DeleteProviderRequest>(
      {"DELETE", "/v1/providers/acme", {{"etag", "W/\"3\""}, {"reason", "closed"}}, ""},
      "DeleteProvider");
  EXPECT_EQ(del.name(), "providers/acme");
  EXPECT_EQ(del.etag(), "W/\"3\"");

  auto audit = Request<v1::ListAuditEventsRequest>({"GET", "/v1/providers/-/auditEvents", {}, ""},
                                                   "ListAuditEvents");
  EXPECT_EQ(audit.parent(), "providers/-");
}

TEST_F(TranscoderTest, BodyFieldQueryAndPathTogether) {
  auto update = Request<v1::UpdateProviderRequest>(
      {"PATCH",
       "/v1/providers/acme",
       {{"updateMask", "description,displayName"}, {"validateOnly", "1"}},
       R"({"name": "providers/other", "description": "new", "display_name": "Acme"})"},
      "UpdateProvider");
  // The path names the resource, whatever the body says.
  EXPECT_EQ(update.provider().name(), "providers/acme");
  EXPECT_EQ(update.provider().description(), "new");
  EXPECT_EQ(update.provider().display_name(), "Acme");
  EXPECT_THAT(update.update_mask().paths(), ::testing::ElementsAre("description", "display_name"));
  EXPECT_TRUE(update.validate_only());

  auto create = Request<v1::CreateProviderRequest>(
      {"POST",
       "/v1/providers",
       {{"providerId", "acme"}},
       R"({"displayName": "Acme", "serviceModels": ["SERVICE_MODEL_BPO"]})"},
      "CreateProvider");
  EXPECT_EQ(create.provider_id(), "acme");
  EXPECT_EQ(create.provider().service_models(0), v1::SERVICE_MODEL_BPO);

  auto match = Request<v1::MatchProvidersRequest>(
      {"POST",
       "/v1:matchProviders",
       {},
       R"({"requirement": {"services": ["CUSTOMER_SUPPORT"]}, "topK": 3})"},
      "MatchProviders");
  EXPECT_EQ(match.top_k(), 3);
  EXPECT_EQ(match.requirement().services(0), "CUSTOMER_SUPPORT");

  auto revoke =
      Request<v1::RevokeApiKeyRequest>({"POST", "/v1/apiKeys/k1:revoke", {}, ""}, "RevokeApiKey");
  EXPECT_EQ(revoke.name(), "apiKeys/k1");
}

absl::Status TranscodeError(const Transcoder& t, const HttpRequest& http) {
  auto call = t.Transcode(http);
  return call.ok() ? absl::OkStatus() : call.status();
}

std::string ReasonOf(const absl::Status& status) {
  auto info = ErrorInfoOf(status);
  return info ? info->reason() : "";
}

TEST_F(TranscoderTest, UnknownPathsAndMethodsAreNamed) {
  absl::Status none = TranscodeError(transcoder_, {"GET", "/v1/nothing", {}, ""});
  EXPECT_EQ(none.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(none), "HTTP_ROUTE_NOT_FOUND");
  EXPECT_EQ(HttpStatusOf(none), 404);

  absl::Status method = TranscodeError(transcoder_, {"PUT", "/v1/providers/acme", {}, ""});
  EXPECT_EQ(ReasonOf(method), "HTTP_METHOD_NOT_ALLOWED");
  EXPECT_EQ(HttpStatusOf(method), 405);
  EXPECT_EQ(ErrorInfoOf(method)->metadata().at("allow"), "GET, PATCH, DELETE");
}

TEST_F(TranscoderTest, BadBodiesAndQueriesNameTheField) {
  absl::Status field = TranscodeError(
      transcoder_, {"POST", "/v1:matchProviders", {}, R"({"requirement": {"servics": []}})"});
  EXPECT_EQ(field.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(field), "INVALID_JSON");
  EXPECT_THAT(field.message(), HasSubstr("servics"));

  absl::Status syntax = TranscodeError(transcoder_, {"POST", "/v1:matchProviders", {}, "{"});
  EXPECT_EQ(ReasonOf(syntax), "INVALID_JSON");

  absl::Status enum_value = TranscodeError(
      transcoder_, {"POST", "/v1/providers", {}, R"({"serviceModels": ["SERVICE_MODEL_XPO"]})"});
  EXPECT_THAT(enum_value.message(), HasSubstr("SERVICE_MODEL_XPO"));

  absl::Status query =
      TranscodeError(transcoder_, {"GET", "/v1/providers", {{"pageSiz", "5"}}, ""});
  EXPECT_EQ(ReasonOf(query), "INVALID_QUERY_PARAMETER");
  EXPECT_THAT(query.message(), HasSubstr("pageSiz"));
  EXPECT_EQ(ErrorInfoOf(query)->metadata().at("parameter"), "pageSiz");

  absl::Status number =
      TranscodeError(transcoder_, {"GET", "/v1/providers", {{"pageSize", "five"}}, ""});
  EXPECT_EQ(ReasonOf(number), "INVALID_JSON");
  absl::Status boolean =
      TranscodeError(transcoder_, {"GET", "/v1/providers", {{"showDeleted", "maybe"}}, ""});
  EXPECT_THAT(boolean.message(), HasSubstr("showDeleted"));
  absl::Status twice =
      TranscodeError(transcoder_, {"GET", "/v1/providers", {{"filter", "a"}, {"filter", "b"}}, ""});
  EXPECT_THAT(twice.message(), HasSubstr("given twice"));
  // The whole request is the body: nothing in the query.
  absl::Status whole =
      TranscodeError(transcoder_, {"POST", "/v1:matchProviders", {{"topK", "3"}}, "{}"});
  EXPECT_EQ(ReasonOf(whole), "INVALID_QUERY_PARAMETER");
  // GET takes no body.
  absl::Status body = TranscodeError(transcoder_, {"GET", "/v1/providers", {}, "{}"});
  EXPECT_EQ(body.code(), absl::StatusCode::kInvalidArgument);
}

TEST(HttpErrorTest, StatusJsonCarriesEveryDetailAndTheCode) {
  absl::Status status = InvalidField("provider.display_name", "required");
  status = WithErrorInfo(status, "INVALID_FIELD", {{"field", "provider.display_name"}});
  const auto json = nlohmann::json::parse(StatusJson(status));
  EXPECT_EQ(json["code"], 3);
  EXPECT_THAT(json["message"].get<std::string>(), HasSubstr("provider.display_name"));
  ASSERT_EQ(json["details"].size(), 2u);
  std::set<std::string> types;
  for (const auto& d : json["details"]) types.insert(d["@type"].get<std::string>());
  EXPECT_TRUE(types.contains("type.googleapis.com/google.rpc.ErrorInfo"));
  EXPECT_TRUE(types.contains("type.googleapis.com/google.rpc.BadRequest"));
  EXPECT_EQ(HttpStatusOf(status), 400);
  EXPECT_EQ(HttpStatusOf(absl::UnavailableError("x")), 503);
  EXPECT_EQ(HttpStatusOf(absl::AbortedError("x")), 409);
  EXPECT_EQ(HttpStatusOf(absl::UnauthenticatedError("x")), 401);
  EXPECT_EQ(HttpStatusOf(absl::DeadlineExceededError("x")), 504);
}

TEST(HttpJsonTest, ResponsesUseTheJsonMapping) {
  v1::ImportProvidersResponse response;
  response.set_created_count(2);
  const auto json = nlohmann::json::parse(ToJson(response));
  EXPECT_EQ(json["createdCount"], 2);
  EXPECT_EQ(json["updatedCount"], 0);  // fields at their defaults are shown
  EXPECT_TRUE(json["names"].is_array());
}

}  // namespace
}  // namespace vendormatch::gateway
