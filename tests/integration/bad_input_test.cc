// Bad input across every RPC: each malformed request gets the right code
// and, for INVALID_ARGUMENT, a google.rpc.BadRequest naming the field; none
// changes the database. And hostile strings in every string field of a
// provider are either refused naming the field or stored and returned byte
// for byte.
#include <gtest/gtest.h>

#include <functional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/key_service.grpc.pb.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

using v1::Provider;

struct BadCase {
  std::string what;
  std::function<grpc::Status()> call;
  grpc::StatusCode code;
  std::string field;  // a violation's field must start with it ("" for no check)
};

using StringSetter = std::function<void(Provider&, const std::string&)>;

using S = v1::RegistryService::Stub;
using M = v1::MatchingService::Stub;
using K = v1::KeyService::Stub;
constexpr auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;

// Expects one of the violations in `status` to name `field` (or a field in it).
void ExpectViolationNamed(const grpc::Status& status, const std::string& field) {
  const std::vector<std::string> fields = ViolatedFields(status);
  bool named = false;
  for (const std::string& f : fields) named |= absl::StartsWith(f, field);
  EXPECT_TRUE(named) << "fields [" << absl::StrJoin(fields, ", ") << "], wanted " << field
                     << "; message: " << status.error_message();
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer(db_.url());
    ASSERT_NE(server_, nullptr);
    registry_ = RegistryStub(server_->port());
    matching_ = v1::MatchingService::NewStub(ChannelTo(server_->port()));
    keys_ = v1::KeyService::NewStub(ChannelTo(server_->port()));
    v1::CreateProviderRequest create;
    *create.mutable_provider() = ValidProvider("seed");
    create.mutable_provider()->set_status(Provider::STATUS_ACTIVE);
    v1::CreateProviderResponse created;
    grpc::ClientContext context;
    ASSERT_TRUE(registry_->CreateProvider(&context, create, &created).ok());
    seed_ = created.provider();
  }

  // Row counts of every table a request could write.
  std::string Counts() {
    return db_.Query(
        "SELECT concat_ws(',', (SELECT count(*) FROM providers), (SELECT count(*) FROM "
        "audit_events), (SELECT count(*) FROM create_requests), (SELECT count(*) FROM profiles), "
        "(SELECT count(*) FROM profile_audit_events), (SELECT count(*) FROM api_keys), "
        "(SELECT max(revision) FROM providers), (SELECT max(revision) FROM profiles))");
  }

  template <typename Request, typename Response, typename Stub, typename Method>
  static std::function<grpc::Status()> Rpc(Stub* stub, Method method, Request request) {
    return [stub, method, request] {
      Response response;
      grpc::ClientContext context;
      return (stub->*method)(&context, request, &response);
    };
  }

  std::function<grpc::Status()> Create(const std::function<void(v1::CreateProviderRequest&)>& f) {
    v1::CreateProviderRequest r;
    *r.mutable_provider() = ValidProvider("fresh");
    f(r);
    return Rpc<v1::CreateProviderRequest, v1::CreateProviderResponse>(
        registry_.get(), &v1::RegistryService::Stub::CreateProvider, r);
  }
  std::function<grpc::Status()> Update(const std::function<void(v1::UpdateProviderRequest&)>& f) {
    v1::UpdateProviderRequest r;
    *r.mutable_provider() = seed_;
    f(r);
    return Rpc<v1::UpdateProviderRequest, v1::UpdateProviderResponse>(
        registry_.get(), &v1::RegistryService::Stub::UpdateProvider, r);
  }
  std::function<grpc::Status()> List(const std::function<void(v1::ListProvidersRequest&)>& f) {
    v1::ListProvidersRequest r;
    f(r);
    return Rpc<v1::ListProvidersRequest, v1::ListProvidersResponse>(
        registry_.get(), &v1::RegistryService::Stub::ListProviders, r);
  }
  std::function<grpc::Status()> Import(const std::function<void(v1::ImportProvidersRequest&)>& f) {
    v1::ImportProvidersRequest r;
    *r.add_providers() = ValidProvider("imp-a");
    *r.add_providers() = ValidProvider("imp-b");
    f(r);
    return Rpc<v1::ImportProvidersRequest, v1::ImportProvidersResponse>(
        registry_.get(), &v1::RegistryService::Stub::ImportProviders, r);
  }
  std::function<grpc::Status()> Match(const std::function<void(v1::MatchProvidersRequest&)>& f) {
    v1::MatchProvidersRequest r;
    *r.mutable_requirement() = UsClient({"CUSTOMER_SUPPORT"});
    f(r);
    return Rpc<v1::MatchProvidersRequest, v1::MatchProvidersResponse>(
        matching_.get(), &v1::MatchingService::Stub::MatchProviders, r);
  }
  template <typename Request, typename Response, typename Method>
  std::function<grpc::Status()> Named(Method method, const std::string& name) {
    Request r;
    r.set_name(name);
    return Rpc<Request, Response>(registry_.get(), method, r);
  }
  std::function<grpc::Status()> CreateProfile(
      const std::function<void(v1::CreateProfileRequest&)>& f) {
    v1::CreateProfileRequest r;
    r.set_profile_id("mine");
    auto* s = r.mutable_profile()->add_plugins();
    s->set_plugin("services");
    s->set_filter_enabled(true);
    s->set_score_enabled(true);
    s->set_weight(1);
    f(r);
    return Rpc<v1::CreateProfileRequest, v1::CreateProfileResponse>(
        matching_.get(), &v1::MatchingService::Stub::CreateProfile, r);
  }

  // The malformed requests, one group of RPCs after the other (a data table).
  std::vector<BadCase> MalformedCases();
  std::vector<BadCase> ProviderFieldCases();
  std::vector<BadCase> CreateAndNameCases();
  std::vector<BadCase> ListAndUpdateCases();
  std::vector<BadCase> ImportAuditAndCatalogueCases();
  std::vector<BadCase> MatchCases();
  std::vector<BadCase> ProfileAndKeyCases();

  void ExpectRefusedNamingTheField(const grpc::Status& status, const std::string& field,
                                   const std::string& id);
  void ExpectReturnedByteForByte(const std::string& id, const StringSetter& set,
                                 const std::string& value);

  TestDatabase db_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::MatchingService::Stub> matching_;
  std::unique_ptr<v1::KeyService::Stub> keys_;
  Provider seed_;
};

std::vector<BadCase> BadInputTest::MalformedCases() {
  std::vector<BadCase> cases;
  for (auto group : {&BadInputTest::ProviderFieldCases, &BadInputTest::CreateAndNameCases,
                     &BadInputTest::ListAndUpdateCases, &BadInputTest::ImportAuditAndCatalogueCases,
                     &BadInputTest::MatchCases, &BadInputTest::ProfileAndKeyCases}) {
    for (BadCase& c : (this->*group)()) cases.push_back(std::move(c));
  }
  return cases;
}

// CreateProvider: a field of the provider is wrong.
std::vector<BadCase> BadInputTest::ProviderFieldCases() {
  return {
      {"no display name", Create([](auto& r) { r.mutable_provider()->clear_display_name(); }),
       kInvalid, "provider.display_name"},
      {"unknown HQ country",
       Create([](auto& r) { r.mutable_provider()->set_headquarters_country("XX"); }), kInvalid,
       "provider.headquarters_country"},
      {"no service model", Create([](auto& r) { r.mutable_provider()->clear_service_models(); }),
       kInvalid, "provider.service_models"},
      {"unknown service", Create([](auto& r) { r.mutable_provider()->set_services(0, "NOPE"); }),
       kInvalid, "provider.services[0]"},
      {"no services", Create([](auto& r) { r.mutable_provider()->clear_services(); }), kInvalid,
       "provider.services"},
      {"centre in no country", Create([](auto& r) {
         r.mutable_provider()->mutable_delivery_centers(0)->set_country_code("ZZ");
       }),
       kInvalid, "provider.delivery_centers[0].country_code"},
      {"centre on Mars", Create([](auto& r) {
         r.mutable_provider()->mutable_delivery_centers(0)->set_time_zone("Mars/Olympus_Mons");
       }),
       kInvalid, "provider.delivery_centers[0].time_zone"},
      {"negative headcount", Create([](auto& r) {
         r.mutable_provider()->mutable_delivery_centers(0)->set_headcount(-1);
       }),
       kInvalid, "provider.delivery_centers[0].headcount"},
      {"bad language tag", Create([](auto& r) { r.mutable_provider()->set_languages(0, "e n!"); }),
       kInvalid, "provider.languages[0]"},
      {"unknown currency", Create([](auto& r) {
         r.mutable_provider()->mutable_rate_card(0)->mutable_hourly_rate()->set_currency_code(
             "ABC");
       }),
       kInvalid, "provider.rate_card[0].hourly_rate.currency_code"},
      {"negative rate", Create([](auto& r) {
         r.mutable_provider()->mutable_rate_card(0)->mutable_hourly_rate()->set_minor_units(-5);
       }),
       kInvalid, "provider.rate_card[0].hourly_rate"},
      {"rating above 5",
       Create([](auto& r) { r.mutable_provider()->mutable_quality()->set_rating(7); }), kInvalid,
       "provider.quality.rating"},
      {"certificate without a code",
       Create([](auto& r) { r.mutable_provider()->add_certifications(); }), kInvalid,
       "provider.certifications[0]"},
  };
}

// CreateProvider: the request is wrong; then the calls by name.
std::vector<BadCase> BadInputTest::CreateAndNameCases() {
  return {
      {"bad provider id", Create([](auto& r) { r.set_provider_id("Bad Id!"); }), kInvalid,
       "provider_id"},
      {"unknown status value",
       Create([](auto& r) { r.mutable_provider()->set_status(static_cast<Provider::Status>(42)); }),
       kInvalid, "provider.status"},
      {"name and id disagree", Create([](auto& r) {
         r.set_provider_id("one");
         r.mutable_provider()->set_name("providers/two");
       }),
       kInvalid, "provider.name"},
      {"already exists", Create([&](auto& r) { r.mutable_provider()->set_name("providers/seed"); }),
       grpc::StatusCode::ALREADY_EXISTS, ""},
      // GetProvider, DeleteProvider, ActivateProvider, SuspendProvider.
      {"get: empty name",
       Named<v1::GetProviderRequest, v1::GetProviderResponse>(&S::GetProvider, ""), kInvalid,
       "name"},
      {"get: wrong collection",
       Named<v1::GetProviderRequest, v1::GetProviderResponse>(&S::GetProvider, "vendors/seed"),
       kInvalid, "name"},
      {"get: unknown",
       Named<v1::GetProviderRequest, v1::GetProviderResponse>(&S::GetProvider, "providers/nope"),
       grpc::StatusCode::NOT_FOUND, ""},
      {"delete: bad name",
       Named<v1::DeleteProviderRequest, v1::DeleteProviderResponse>(&S::DeleteProvider,
                                                                    "providers/"),
       kInvalid, "name"},
      {"delete: unknown",
       Named<v1::DeleteProviderRequest, v1::DeleteProviderResponse>(&S::DeleteProvider,
                                                                    "providers/nope"),
       grpc::StatusCode::NOT_FOUND, ""},
      {"activate: already active",
       Named<v1::ActivateProviderRequest, v1::ActivateProviderResponse>(&S::ActivateProvider,
                                                                        "providers/seed"),
       grpc::StatusCode::FAILED_PRECONDITION, ""},
      {"activate: bad name",
       Named<v1::ActivateProviderRequest, v1::ActivateProviderResponse>(&S::ActivateProvider,
                                                                        "providers/A B"),
       kInvalid, "name"},
      {"suspend: unknown",
       Named<v1::SuspendProviderRequest, v1::SuspendProviderResponse>(&S::SuspendProvider,
                                                                      "providers/nope"),
       grpc::StatusCode::NOT_FOUND, ""},
  };
}

// ListProviders, UpdateProvider.
std::vector<BadCase> BadInputTest::ListAndUpdateCases() {
  return {
      {"list: negative page size", List([](auto& r) { r.set_page_size(-1); }), kInvalid,
       "page_size"},
      {"list: unfinished filter", List([](auto& r) { r.set_filter("status = "); }), kInvalid,
       "filter"},
      {"list: unknown filter field", List([](auto& r) { r.set_filter("nope = 1"); }), kInvalid,
       "filter"},
      {"list: SQL in the filter",
       List([](auto& r) { r.set_filter("status = ACTIVE; DROP TABLE providers"); }), kInvalid,
       "filter"},
      {"list: unknown order", List([](auto& r) { r.set_order_by("nope"); }), kInvalid, "order_by"},
      {"list: forged page token", List([](auto& r) { r.set_page_token("garbage"); }), kInvalid,
       "page_token"},
      // UpdateProvider.
      {"update: no name", Update([](auto& r) { r.mutable_provider()->clear_name(); }), kInvalid,
       "provider.name"},
      {"update: unknown mask path",
       Update([](auto& r) { r.mutable_update_mask()->add_paths("nope"); }), kInvalid,
       "update_mask"},
      {"update: output-only path",
       Update([](auto& r) { r.mutable_update_mask()->add_paths("revision"); }), kInvalid,
       "update_mask"},
      {"update: invalid value", Update([](auto& r) {
         r.mutable_provider()->set_headquarters_country("XX");
         r.mutable_update_mask()->add_paths("headquarters_country");
       }),
       kInvalid, "provider.headquarters_country"},
      {"update: stale etag", Update([](auto& r) {
         r.mutable_provider()->set_etag("1-stale");
         r.mutable_provider()->set_display_name("Changed");
         r.mutable_update_mask()->add_paths("display_name");
       }),
       grpc::StatusCode::ABORTED, ""},
      {"update: unknown provider", Update([](auto& r) {
         r.mutable_provider()->set_name("providers/nope");
         r.mutable_provider()->clear_etag();
         r.mutable_update_mask()->add_paths("display_name");
       }),
       grpc::StatusCode::NOT_FOUND, ""},
  };
}

// ImportProviders, ListAuditEvents, ListCatalogEntries.
std::vector<BadCase> BadInputTest::ImportAuditAndCatalogueCases() {
  return {
      {"import: nothing", Import([](auto& r) { r.clear_providers(); }), kInvalid, "providers"},
      {"import: one bad among good",
       Import([](auto& r) { r.mutable_providers(1)->set_headquarters_country("XX"); }), kInvalid,
       "providers[1].headquarters_country"},
      {"import: duplicate names",
       Import([](auto& r) { r.mutable_providers(1)->set_name("providers/imp-a"); }), kInvalid,
       "providers[1].name"},
      {"import: upsert without names", Import([](auto& r) {
         r.set_mode(v1::ImportProvidersRequest::MODE_UPSERT);
         r.mutable_providers(0)->clear_name();
       }),
       kInvalid, "providers[0].name"},
      {"import: create over an existing one",
       Import([](auto& r) { r.mutable_providers(0)->set_name("providers/seed"); }),
       grpc::StatusCode::ALREADY_EXISTS, "providers[0].name"},
      // ListAuditEvents, ListCatalogEntries.
      {"audit: no parent",
       Rpc<v1::ListAuditEventsRequest, v1::ListAuditEventsResponse>(
           registry_.get(), &S::ListAuditEvents, v1::ListAuditEventsRequest()),
       kInvalid, "parent"},
      {"catalogue: bad filter",
       [&] {
         v1::ListCatalogEntriesRequest r;
         r.set_filter("code = X");
         return Rpc<v1::ListCatalogEntriesRequest, v1::ListCatalogEntriesResponse>(
             registry_.get(), &S::ListCatalogEntries, r)();
       },
       kInvalid, "filter"},
  };
}

// MatchProviders, CompareProfiles, RecommendServiceModel.
std::vector<BadCase> BadInputTest::MatchCases() {
  return {
      {"match: no requirement", Match([](auto& r) { r.clear_requirement(); }), kInvalid,
       "requirement"},
      {"match: unknown service",
       Match([](auto& r) { r.mutable_requirement()->set_services(0, "NOPE"); }), kInvalid,
       "requirement.services[0]"},
      {"match: unknown client country",
       Match([](auto& r) { r.mutable_requirement()->set_client_country("XX"); }), kInvalid,
       "requirement.client_country"},
      {"match: no client zone",
       Match([](auto& r) { r.mutable_requirement()->clear_client_time_zone(); }), kInvalid,
       "requirement.client_time_zone"},
      {"match: start in the past",
       Match([](auto& r) { r.mutable_requirement()->mutable_start_date()->set_year(2001); }),
       kInvalid, "requirement.start_date"},
      {"match: bad ceiling currency", Match([](auto& r) {
         r.mutable_requirement()->mutable_rate_ceiling()->set_currency_code("ZZZ");
       }),
       kInvalid, "requirement.rate_ceiling"},
      {"match: top_k too large", Match([](auto& r) { r.set_top_k(1000); }), kInvalid, "top_k"},
      {"match: weight of an unknown plugin",
       Match([](auto& r) { (*r.mutable_weights())["nope"] = 1; }), kInvalid, "weights[nope]"},
      {"match: unknown profile", Match([](auto& r) { r.set_profile("profiles/nope"); }), kInvalid,
       "profile"},
      {"compare: unknown profile",
       [&] {
         v1::CompareProfilesRequest r;
         *r.mutable_requirement() = UsClient({"CUSTOMER_SUPPORT"});
         r.set_profile_a("profiles/balanced");
         r.set_profile_b("profiles/nope");
         return Rpc<v1::CompareProfilesRequest, v1::CompareProfilesResponse>(
             matching_.get(), &M::CompareProfiles, r)();
       },
       kInvalid, "profile_b"},
      {"advisor: no work described",
       Rpc<v1::RecommendServiceModelRequest, v1::RecommendServiceModelResponse>(
           matching_.get(), &M::RecommendServiceModel, v1::RecommendServiceModelRequest()),
       kInvalid, "work"},
  };
}

// Profiles and keys.
std::vector<BadCase> BadInputTest::ProfileAndKeyCases() {
  return {
      {"get profile: bad name",
       [&] {
         v1::GetProfileRequest r;
         r.set_name("profile/x");
         return Rpc<v1::GetProfileRequest, v1::GetProfileResponse>(matching_.get(), &M::GetProfile,
                                                                   r)();
       },
       kInvalid, "name"},
      {"create profile: bad id", CreateProfile([](auto& r) { r.set_profile_id("X y"); }), kInvalid,
       "profile_id"},
      {"create profile: no plugins",
       CreateProfile([](auto& r) { r.mutable_profile()->clear_plugins(); }), kInvalid,
       "profile.plugins"},
      {"create profile: unknown plugin",
       CreateProfile([](auto& r) { r.mutable_profile()->mutable_plugins(0)->set_plugin("nope"); }),
       kInvalid, "profile.plugins[0]"},
      {"create profile: negative weight",
       CreateProfile([](auto& r) { r.mutable_profile()->mutable_plugins(0)->set_weight(-3); }),
       kInvalid, "profile.plugins[0]"},
      {"create profile: exists", CreateProfile([](auto& r) { r.set_profile_id("balanced"); }),
       grpc::StatusCode::ALREADY_EXISTS, ""},
      {"update profile: unknown mask path",
       [&] {
         v1::UpdateProfileRequest r;
         r.mutable_profile()->set_name("profiles/balanced");
         r.mutable_update_mask()->add_paths("nope");
         return Rpc<v1::UpdateProfileRequest, v1::UpdateProfileResponse>(matching_.get(),
                                                                         &M::UpdateProfile, r)();
       },
       kInvalid, "update_mask"},
      // Keys.
      {"key: no role or label",
       Rpc<v1::CreateApiKeyRequest, v1::CreateApiKeyResponse>(keys_.get(), &K::CreateApiKey,
                                                              v1::CreateApiKeyRequest()),
       kInvalid, "api_key.role"},
      {"revoke: bad name",
       [&] {
         v1::RevokeApiKeyRequest r;
         r.set_name("keys/x");
         return Rpc<v1::RevokeApiKeyRequest, v1::RevokeApiKeyResponse>(keys_.get(),
                                                                       &K::RevokeApiKey, r)();
       },
       kInvalid, "name"},
  };
}

// Each case also carries the machine-readable details of AIP-193
// (ExpectMachineReadable): the reason, and the detail its code calls for.
TEST_F(BadInputTest, MalformedRequestsGetTheRightCodeNameTheFieldAndWriteNothing) {
  const std::vector<BadCase> cases = MalformedCases();
  ASSERT_GE(cases.size(), 50u);
  const std::string before = Counts();
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.what);
    const grpc::Status status = c.call();
    EXPECT_EQ(status.error_code(), c.code) << status.error_message();
    if (!c.field.empty()) ExpectViolationNamed(status, c.field);
    const std::string reason = ExpectMachineReadable(status);
    if (!c.field.empty() && c.code == kInvalid) {
      EXPECT_EQ(reason, "INVALID_FIELD");
    }
    EXPECT_EQ(Counts(), before) << "the database changed";
  }
}

// Strings that have broken programs before.
std::vector<std::string> HostileStrings() {
  return {
      "O'Brien \"quoted\" `back`",
      "'); DROP TABLE providers; --",
      "1 OR 1=1 /* */ UNION SELECT body FROM providers",
      "Zürich 東京 🚀 ñ",
      std::string("nul\0inside", 10),
      "tab\tnew\nline\rcr\x01\x7f",
      std::string(20000, 'x'),
      "%s%n%x {0} ${HOME} $(rm -rf /)",
      "<script>alert(1)</script>",
  };
}

// Every string field a provider has, and a setter for it.
std::vector<std::pair<std::string, StringSetter>> ProviderStringFields() {
  return {
      {"display_name", [](Provider& p, const std::string& v) { p.set_display_name(v); }},
      {"legal_name", [](Provider& p, const std::string& v) { p.set_legal_name(v); }},
      {"description", [](Provider& p, const std::string& v) { p.set_description(v); }},
      {"delivery_centers[0].city",
       [](Provider& p, const std::string& v) { p.mutable_delivery_centers(0)->set_city(v); }},
      {"services[0]", [](Provider& p, const std::string& v) { p.set_services(0, v); }},
      {"languages[0]", [](Provider& p, const std::string& v) { p.set_languages(0, v); }},
      {"headquarters_country",
       [](Provider& p, const std::string& v) { p.set_headquarters_country(v); }},
  };
}

// The refusal of `id` with `field` set to a hostile value: INVALID_ARGUMENT
// naming the field, and nothing stored.
void BadInputTest::ExpectRefusedNamingTheField(const grpc::Status& status, const std::string& field,
                                               const std::string& id) {
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ExpectMachineReadable(status), "INVALID_FIELD");
  bool named = false;
  for (const std::string& f : ViolatedFields(status)) {
    named |= absl::StartsWith(f, absl::StrCat("provider.", field));
  }
  EXPECT_TRUE(named) << status.error_message();
  EXPECT_EQ(db_.Query(absl::StrCat("SELECT count(*) FROM providers WHERE id = '", id, "'")), "0");
}

// `id`, stored with `set` applied to `value`, reads back byte for byte.
void BadInputTest::ExpectReturnedByteForByte(const std::string& id, const StringSetter& set,
                                             const std::string& value) {
  v1::GetProviderRequest get;
  get.set_name(absl::StrCat("providers/", id));
  v1::GetProviderResponse got;
  grpc::ClientContext get_context;
  ASSERT_TRUE(registry_->GetProvider(&get_context, get, &got).ok());
  Provider expected = got.provider();
  set(expected, value);
  EXPECT_EQ(got.provider().SerializeAsString(), expected.SerializeAsString())
      << "not returned byte for byte";
}

TEST_F(BadInputTest, HostileStringsAreRefusedNamingTheFieldOrKeptByteForByte) {
  const std::vector<std::string> hostile = HostileStrings();
  const std::vector<std::pair<std::string, StringSetter>> fields = ProviderStringFields();
  int stored = 0, refused = 0, n = 0;
  for (const auto& [field, set] : fields) {
    for (const std::string& value : hostile) {
      SCOPED_TRACE(absl::StrCat(field, " = ", value.substr(0, 40)));
      const std::string id = absl::StrCat("hostile-", n++);
      v1::CreateProviderRequest request;
      *request.mutable_provider() = ValidProvider(id);
      set(*request.mutable_provider(), value);
      v1::CreateProviderResponse created;
      grpc::ClientContext context;
      const grpc::Status status = registry_->CreateProvider(&context, request, &created);
      if (status.ok()) {
        ++stored;
        ASSERT_NO_FATAL_FAILURE(ExpectReturnedByteForByte(id, set, value));
      } else {
        ++refused;
        ExpectRefusedNamingTheField(status, field, id);
      }
    }
  }
  // The tables are all still there and hold what they should.
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), absl::StrCat(1 + stored));
  std::cout << "hostile strings: " << stored << " stored and returned byte for byte, " << refused
            << " refused naming the field\n";
}

}  // namespace
}  // namespace vendormatch::testing
