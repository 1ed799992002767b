// The registry through a real gRPC channel against a real PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "google/protobuf/util/message_differencer.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/common/field_violations.h"
#include "services/common/grpc_status.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using v1::Provider;

class RegistryApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer(db_.url());
    ASSERT_NE(server_, nullptr);
    stub_ = RegistryStub(server_->port());
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("vendormatch-actor", "alice");
    return context;
  }

  grpc::Status Create(const Provider& p, Provider* out = nullptr,
                      const std::string& request_id = "") {
    v1::CreateProviderRequest request;
    *request.mutable_provider() = p;
    request.set_request_id(request_id);
    v1::CreateProviderResponse response;
    grpc::Status status = stub_->CreateProvider(Context().get(), request, &response);
    if (out) *out = response.provider();
    return status;
  }

  Provider Get(const std::string& name) {
    v1::GetProviderRequest request;
    request.set_name(name);
    v1::GetProviderResponse response;
    grpc::Status status = stub_->GetProvider(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.provider();
  }

  v1::ListProvidersResponse List(const std::string& filter, int page_size = 0,
                                 const std::string& token = "", const std::string& order = "",
                                 grpc::Status* status_out = nullptr) {
    v1::ListProvidersRequest request;
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(token);
    request.set_order_by(order);
    v1::ListProvidersResponse response;
    grpc::Status status = stub_->ListProviders(Context().get(), request, &response);
    if (status_out) {
      *status_out = status;
    } else {
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return response;
  }

  std::vector<std::string> Names(const v1::ListProvidersResponse& r) {
    std::vector<std::string> names;
    for (const auto& p : r.providers()) names.push_back(p.name());
    return names;
  }

  std::vector<v1::AuditEvent> Audit(const std::string& parent) {
    v1::ListAuditEventsRequest request;
    request.set_parent(parent);
    request.set_page_size(1000);
    v1::ListAuditEventsResponse response;
    EXPECT_TRUE(stub_->ListAuditEvents(Context().get(), request, &response).ok());
    return {response.audit_events().begin(), response.audit_events().end()};
  }

  TestDatabase db_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_F(RegistryApiTest, CreateThenGetReturnsTheStoredProvider) {
  Provider created;
  ASSERT_TRUE(Create(ValidProvider("manila-one"), &created).ok());
  EXPECT_EQ(created.name(), "providers/manila-one");
  EXPECT_EQ(created.status(), Provider::STATUS_PENDING);
  EXPECT_EQ(created.revision(), 1);
  EXPECT_FALSE(created.etag().empty());
  EXPECT_GT(created.create_time().seconds(), 0);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(Get(created.name()), created));
}

TEST_F(RegistryApiTest, CreateWithoutIdGetsARandomOne) {
  Provider p = ValidProvider("ignored");
  p.clear_name();
  Provider created;
  ASSERT_TRUE(Create(p, &created).ok());
  EXPECT_THAT(created.name(), ::testing::StartsWith("providers/p-"));
}

TEST_F(RegistryApiTest, InvalidProviderIsRejectedNamingEveryFieldAndNothingIsWritten) {
  Provider p = ValidProvider("bad-one");
  p.set_headquarters_country("XX");
  p.mutable_delivery_centers(0)->set_time_zone("Mars/Olympus");
  p.mutable_rate_card(0)->mutable_hourly_rate()->set_minor_units(-5);
  p.mutable_rate_card(0)->mutable_hourly_rate()->set_currency_code("ZZZ");
  p.add_languages("english");
  p.add_services("CUSTOMER_SUPPORT");
  grpc::Status status = Create(p);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto fields = ViolatedFields(status);
  EXPECT_THAT(fields, Contains("provider.headquarters_country"));
  EXPECT_THAT(fields, Contains("provider.delivery_centers[0].time_zone"));
  EXPECT_THAT(fields, Contains("provider.rate_card[0].hourly_rate.minor_units"));
  EXPECT_THAT(fields, Contains("provider.rate_card[0].hourly_rate.currency_code"));
  EXPECT_THAT(fields, Contains("provider.languages[2]"));
  EXPECT_THAT(fields, Contains("provider.services[1]"));
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "0");
}

TEST_F(RegistryApiTest, SameRequestIdReturnsTheFirstResult) {
  Provider p = ValidProvider("idem");
  p.clear_name();  // A random id each time, unless the request_id is honoured.
  Provider first, second;
  ASSERT_TRUE(Create(p, &first, "req-1").ok());
  ASSERT_TRUE(Create(p, &second, "req-1").ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.etag(), second.etag());
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), "1");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "1");

  p.set_display_name("Something else");
  grpc::Status reused = Create(p, nullptr, "req-1");
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(reused.error_message(), HasSubstr("request_id"));
}

TEST_F(RegistryApiTest, ExistingIdIsAlreadyExists) {
  ASSERT_TRUE(Create(ValidProvider("twice")).ok());
  EXPECT_EQ(Create(ValidProvider("twice")).error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(RegistryApiTest, UnknownProviderIsNotFoundAndBadNameInvalid) {
  v1::GetProviderRequest request;
  v1::GetProviderResponse response;
  request.set_name("providers/nobody-here");
  EXPECT_EQ(stub_->GetProvider(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_name("vendors/x");
  grpc::Status bad = stub_->GetProvider(Context().get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("name"));
}

TEST_F(RegistryApiTest, UpdateChangesOnlyMaskedFieldsAndChecksTheEtag) {
  Provider created;
  ASSERT_TRUE(Create(ValidProvider("upd"), &created).ok());

  v1::UpdateProviderRequest request;
  request.mutable_provider()->set_name(created.name());
  request.mutable_provider()->set_etag(created.etag());
  request.mutable_provider()->set_display_name("Renamed BPO");
  request.mutable_provider()->set_legal_name("must not change");
  request.mutable_update_mask()->add_paths("display_name");
  v1::UpdateProviderResponse response;
  ASSERT_TRUE(stub_->UpdateProvider(Context().get(), request, &response).ok());
  EXPECT_EQ(response.provider().display_name(), "Renamed BPO");
  EXPECT_EQ(response.provider().legal_name(), created.legal_name());
  EXPECT_EQ(response.provider().revision(), 2);
  EXPECT_NE(response.provider().etag(), created.etag());

  // The old etag is stale now: ABORTED, and nothing changes.
  request.mutable_provider()->set_display_name("Lost update");
  grpc::Status stale = stub_->UpdateProvider(Context().get(), request, &response);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Get(created.name()).display_name(), "Renamed BPO");

  auto events = Audit(created.name());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action(), v1::AuditEvent::ACTION_UPDATE);
  EXPECT_EQ(events[0].actor(), "alice");
  EXPECT_EQ(events[0].old_revision(), 1);
  EXPECT_EQ(events[0].new_revision(), 2);
  EXPECT_THAT(events[0].changed_fields(), ElementsAre("display_name"));
}

TEST_F(RegistryApiTest, UpdateOfNestedFieldAndInvalidResult) {
  Provider created;
  ASSERT_TRUE(Create(ValidProvider("nested"), &created).ok());
  v1::UpdateProviderRequest request;
  request.mutable_provider()->set_name(created.name());
  request.mutable_provider()->mutable_quality()->set_rating(4.8);
  request.mutable_update_mask()->add_paths("quality.rating");
  v1::UpdateProviderResponse response;
  ASSERT_TRUE(stub_->UpdateProvider(Context().get(), request, &response).ok());
  EXPECT_DOUBLE_EQ(response.provider().quality().rating(), 4.8);
  EXPECT_EQ(response.provider().quality().review_count(), 30);

  request.mutable_provider()->mutable_quality()->set_rating(7);
  grpc::Status bad = stub_->UpdateProvider(Context().get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("provider.quality.rating"));
  EXPECT_EQ(Get(created.name()).revision(), 2);
}

TEST_F(RegistryApiTest, UpdateMaskMustNameWritableFields) {
  ASSERT_TRUE(Create(ValidProvider("masks")).ok());
  v1::UpdateProviderRequest request;
  request.mutable_provider()->set_name("providers/masks");
  request.mutable_update_mask()->add_paths("colour");
  request.mutable_update_mask()->add_paths("revision");
  v1::UpdateProviderResponse response;
  grpc::Status bad = stub_->UpdateProvider(Context().get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("update_mask.paths[0]", "update_mask.paths[1]"));

  request.mutable_update_mask()->Clear();
  request.mutable_update_mask()->add_paths("status");
  request.mutable_provider()->set_status(Provider::STATUS_ACTIVE);
  bad = stub_->UpdateProvider(Context().get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("provider.status"));
}

TEST_F(RegistryApiTest, LifecycleFollowsTheAllowedTransitions) {
  Provider p;
  ASSERT_TRUE(Create(ValidProvider("life"), &p).ok());
  auto suspend = [&](const std::string& etag = "") {
    v1::SuspendProviderRequest r;
    r.set_name("providers/life");
    r.set_etag(etag);
    r.set_reason("quality review");
    v1::SuspendProviderResponse out;
    grpc::Status s = stub_->SuspendProvider(Context().get(), r, &out);
    if (s.ok()) p = out.provider();
    return s.error_code();
  };
  auto activate = [&]() {
    v1::ActivateProviderRequest r;
    r.set_name("providers/life");
    v1::ActivateProviderResponse out;
    grpc::Status s = stub_->ActivateProvider(Context().get(), r, &out);
    if (s.ok()) p = out.provider();
    return s.error_code();
  };
  EXPECT_EQ(suspend(), grpc::StatusCode::FAILED_PRECONDITION);  // pending
  EXPECT_EQ(activate(), grpc::StatusCode::OK);
  EXPECT_EQ(activate(), grpc::StatusCode::FAILED_PRECONDITION);  // already active
  EXPECT_EQ(suspend("1-stale"), grpc::StatusCode::ABORTED);
  EXPECT_EQ(suspend(p.etag()), grpc::StatusCode::OK);
  EXPECT_EQ(p.status(), Provider::STATUS_SUSPENDED);
  EXPECT_EQ(activate(), grpc::StatusCode::OK);

  v1::DeleteProviderRequest del;
  del.set_name("providers/life");
  del.set_etag(p.etag());
  v1::DeleteProviderResponse deleted;
  ASSERT_TRUE(stub_->DeleteProvider(Context().get(), del, &deleted).ok());
  EXPECT_EQ(deleted.provider().status(), Provider::STATUS_OFFBOARDED);
  EXPECT_EQ(Get("providers/life").status(), Provider::STATUS_OFFBOARDED);  // soft delete
  EXPECT_EQ(activate(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::UpdateProviderRequest update;
  *update.mutable_provider() = ValidProvider("life");
  v1::UpdateProviderResponse updated;
  EXPECT_EQ(stub_->UpdateProvider(Context().get(), update, &updated).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  EXPECT_TRUE(List("").providers().empty());
  v1::ListProvidersRequest with_deleted;
  with_deleted.set_show_deleted(true);
  v1::ListProvidersResponse all;
  ASSERT_TRUE(stub_->ListProviders(Context().get(), with_deleted, &all).ok());
  EXPECT_EQ(all.providers_size(), 1);
  EXPECT_EQ(List("status = OFFBOARDED").providers_size(), 1);

  std::vector<v1::AuditEvent::Action> actions;
  for (const auto& e : Audit("providers/life")) actions.push_back(e.action());
  EXPECT_THAT(actions, ElementsAre(v1::AuditEvent::ACTION_OFFBOARD, v1::AuditEvent::ACTION_ACTIVATE,
                                   v1::AuditEvent::ACTION_SUSPEND, v1::AuditEvent::ACTION_ACTIVATE,
                                   v1::AuditEvent::ACTION_CREATE));
  EXPECT_EQ(Audit("providers/life")[2].reason(), "quality review");
}

// Three kinds of provider for the filter tests.
void ImportMix(v1::RegistryService::Stub& stub, int count) {
  v1::ImportProvidersRequest request;
  for (int i = 0; i < count; ++i) {
    Provider p = ValidProvider(absl::StrCat("mix-", 100 + i));
    p.set_display_name(absl::StrCat("Mix ", 100 + i));
    p.set_status(Provider::STATUS_ACTIVE);
    if (i % 3 == 1) {  // KPO legal research from India, certified.
      p.clear_service_models();
      p.add_service_models(v1::SERVICE_MODEL_KPO);
      p.clear_services();
      p.add_services("LEGAL_PROCESS_OUTSOURCING");
      p.add_services("MARKET_RESEARCH");
      p.set_headquarters_country("IN");
      p.mutable_delivery_centers(0)->set_country_code("IN");
      p.mutable_delivery_centers(0)->set_city("Pune");
      p.mutable_delivery_centers(0)->set_time_zone("Asia/Kolkata");
      p.mutable_rate_card(0)->set_service("MARKET_RESEARCH");
      auto* cert = p.add_certifications();
      cert->set_code("ISO27001");
    } else if (i % 3 == 2) {  // Nearshore Spanish-speaking BPO from Mexico.
      p.set_headquarters_country("MX");
      p.mutable_delivery_centers(0)->set_country_code("MX");
      p.mutable_delivery_centers(0)->set_city("Guadalajara");
      p.mutable_delivery_centers(0)->set_time_zone("America/Mexico_City");
      p.set_languages(1, "es-MX");
      p.clear_declared_delivery_models();
      p.add_declared_delivery_models(v1::DELIVERY_MODEL_NEARSHORE);
    }
    *request.add_providers() = p;
  }
  v1::ImportProvidersResponse response;
  grpc::ClientContext context;
  grpc::Status status = stub.ImportProviders(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.created_count(), count);
}

TEST_F(RegistryApiTest, ListPagesThroughEveryProviderOnce) {
  ImportMix(*stub_, 25);
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = List("", 10, token);
    for (const auto& n : Names(page)) seen.push_back(n);
    token = page.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25u);

  // Descending by display name, across pages.
  auto first = List("", 20, "", "display_name desc");
  auto second = List("", 20, first.next_page_token(), "display_name desc");
  EXPECT_EQ(first.providers(0).display_name(), "Mix 124");
  EXPECT_EQ(second.providers_size(), 5);
  EXPECT_EQ(second.providers(4).display_name(), "Mix 100");
  EXPECT_TRUE(second.next_page_token().empty());

  // A token only fits the query it came from.
  grpc::Status status;
  List("service_model = KPO", 10, first.next_page_token(), "display_name desc", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("page_token"));
}

TEST_F(RegistryApiTest, FiltersSelectTheRightProviders) {
  ImportMix(*stub_, 9);
  EXPECT_EQ(List("service_model = KPO").providers_size(), 3);
  EXPECT_EQ(List("service_model = \"BPO\"").providers_size(), 6);
  EXPECT_EQ(List("service = LEGAL_PROCESS_OUTSOURCING").providers_size(), 3);
  EXPECT_EQ(List("country = MX").providers_size(), 3);
  EXPECT_EQ(List("delivery_country = IN AND certification = ISO27001").providers_size(), 3);
  EXPECT_EQ(List("language = es").providers_size(), 3);  // matches es-MX
  EXPECT_EQ(List("language = es-MX").providers_size(), 3);
  EXPECT_EQ(List("delivery_model = NEARSHORE").providers_size(), 3);
  EXPECT_EQ(List("status = ACTIVE AND service_model = BPO AND country != MX").providers_size(), 3);
  EXPECT_EQ(List("status = PENDING").providers_size(), 0);
  EXPECT_THAT(Names(List("display_name = \"Mix 104\"")), ElementsAre("providers/mix-104"));

  grpc::Status status;
  List("service_model = KPO AND", 0, "", "", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("position 24"));
  List("colour = red", 0, "", "", &status);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("filter"));
  List("", 0, "", "rating", &status);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("order_by"));
  List("", -1, "", "", &status);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("page_size"));
}

TEST_F(RegistryApiTest, ImportWithBadRowsWritesNothingAndNamesEachRow) {
  v1::ImportProvidersRequest request;
  for (int i = 0; i < 5; ++i) *request.add_providers() = ValidProvider(absl::StrCat("row-", i));
  request.mutable_providers(1)->mutable_delivery_centers(0)->set_country_code("ZZ");
  request.mutable_providers(3)->set_display_name("");
  request.mutable_providers(4)->set_name("providers/row-0");  // duplicate id
  v1::ImportProvidersResponse response;
  grpc::Status status = stub_->ImportProviders(Context().get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("providers[1].delivery_centers[0].country_code",
                                   "providers[3].display_name", "providers[4].name"));
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), "0");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM audit_events"), "0");
}

TEST_F(RegistryApiTest, ImportWithManyBadRowsStillDeliversItsDetails) {
  v1::ImportProvidersRequest request;
  for (int i = 0; i < 300; ++i) {
    Provider p = ValidProvider(absl::StrCat("many-bad-rows-provider-", i));
    p.mutable_delivery_centers(0)->set_time_zone("Not/A_Real_Zone_Name_At_All");
    p.mutable_delivery_centers(0)->set_country_code("QQ");
    *request.add_providers() = p;
  }
  v1::ImportProvidersResponse response;
  grpc::Status status = stub_->ImportProviders(Context().get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("600 violations"));
  auto fields = ViolatedFields(status);
  EXPECT_EQ(fields.size(), FieldViolations::kMaxReportedViolations);
  EXPECT_EQ(fields[0], "providers[0].delivery_centers[0].country_code");
}

TEST_F(RegistryApiTest, ImportCreateModeRefusesExistingAndUpsertReplaces) {
  ASSERT_TRUE(Create(ValidProvider("existing")).ok());
  v1::ImportProvidersRequest request;
  *request.add_providers() = ValidProvider("fresh");
  *request.add_providers() = ValidProvider("existing");
  request.mutable_providers(1)->set_display_name("Existing, renamed");
  v1::ImportProvidersResponse response;
  grpc::Status status = stub_->ImportProviders(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("providers[1].name"));
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), "1");

  request.set_mode(v1::ImportProvidersRequest::MODE_UPSERT);
  *request.add_providers() = ValidProvider("fresh-two");
  status = stub_->ImportProviders(Context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created_count(), 2);
  EXPECT_EQ(response.updated_count(), 1);
  EXPECT_EQ(Get("providers/existing").display_name(), "Existing, renamed");
  EXPECT_EQ(Get("providers/existing").revision(), 2);

  // The same file again changes nothing.
  ASSERT_TRUE(stub_->ImportProviders(Context().get(), request, &response).ok());
  EXPECT_EQ(response.unchanged_count(), 3);
  EXPECT_EQ(Get("providers/existing").revision(), 2);
}

TEST_F(RegistryApiTest, AuditEventsPageNewestFirstAcrossProviders) {
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(Create(ValidProvider(absl::StrCat("aud-", i))).ok());
  v1::ListAuditEventsRequest request;
  request.set_parent("providers/-");
  request.set_page_size(3);
  v1::ListAuditEventsResponse page1, page2;
  ASSERT_TRUE(stub_->ListAuditEvents(Context().get(), request, &page1).ok());
  ASSERT_EQ(page1.audit_events_size(), 3);
  EXPECT_EQ(page1.audit_events(0).provider(), "providers/aud-3");
  EXPECT_EQ(page1.audit_events(0).actor(), "alice");
  EXPECT_THAT(page1.audit_events(0).changed_fields(), Contains("display_name"));
  request.set_page_token(page1.next_page_token());
  ASSERT_TRUE(stub_->ListAuditEvents(Context().get(), request, &page2).ok());
  ASSERT_EQ(page2.audit_events_size(), 1);
  EXPECT_EQ(page2.audit_events(0).provider(), "providers/aud-0");
  EXPECT_TRUE(page2.next_page_token().empty());

  request.set_parent("providers/nobody");
  request.clear_page_token();
  EXPECT_EQ(stub_->ListAuditEvents(Context().get(), request, &page1).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegistryApiTest, CatalogueListsBothServiceModels) {
  v1::ListCatalogEntriesRequest request;
  v1::ListCatalogEntriesResponse all, kpo;
  ASSERT_TRUE(stub_->ListCatalogEntries(Context().get(), request, &all).ok());
  EXPECT_GE(all.catalog_entries_size(), 30);
  request.set_filter("service_model = KPO");
  ASSERT_TRUE(stub_->ListCatalogEntries(Context().get(), request, &kpo).ok());
  EXPECT_GT(kpo.catalog_entries_size(), 10);
  EXPECT_LT(kpo.catalog_entries_size(), all.catalog_entries_size());
  for (const auto& e : kpo.catalog_entries()) EXPECT_EQ(e.service_model(), v1::SERVICE_MODEL_KPO);
  EXPECT_THAT(kpo.catalog_entries(),
              Contains(::testing::Property(&v1::CatalogEntry::code, "LEGAL_PROCESS_OUTSOURCING")));
}

TEST_F(RegistryApiTest, HealthIsServing) {
  auto health = grpc::health::v1::Health::NewStub(ChannelTo(server_->port(), ""));
  for (const char* service : {"", "vendormatch.v1.RegistryService"}) {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(health->Check(&context, request, &response).ok()) << service;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
}

TEST(RegistryRestartTest, DataSurvivesARestartAndMigrationsRunOnce) {
  TestDatabase db;
  {
    auto server = StartServer(db.url());
    ASSERT_NE(server, nullptr);
    v1::CreateProviderRequest request;
    *request.mutable_provider() = ValidProvider("durable");
    v1::CreateProviderResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(RegistryStub(server->port())->CreateProvider(&context, request, &response).ok());
  }
  const std::string migrations = db.Query("SELECT count(*) FROM schema_migrations");
  auto server = StartServer(db.url());
  ASSERT_NE(server, nullptr);
  v1::GetProviderRequest request;
  request.set_name("providers/durable");
  v1::GetProviderResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(RegistryStub(server->port())->GetProvider(&context, request, &response).ok());
  EXPECT_EQ(response.provider().display_name(), "Provider durable");
  EXPECT_EQ(db.Query("SELECT count(*) FROM schema_migrations"), migrations);
}

}  // namespace
}  // namespace vendormatch::testing
