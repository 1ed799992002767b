// The registry's logic over MemoryStorage: no database, no server. The
// PostgreSQL-backed integration tests check the same calls end to end; these
// check the rules themselves (etags, lifecycle, idempotency, all-or-nothing
// imports, paging) quickly and without a cluster.
#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/field_violations.h"
#include "services/domain/names.h"
#include "services/registry/registry.h"
#include "services/storage/memory_storage.h"
#include "tests/unit/matching_fixtures.h"

namespace vendormatch::testing {
namespace {

using v1::Provider;

class RegistryLogicTest : public ::testing::Test {
 protected:
  // A valid provider from the generator, without the fields the server sets.
  Provider Sample(int i) {
    static const std::vector<Provider> generated = Generate(60, 5, 1.0);
    Provider p = generated.at(i);
    p.clear_name();
    p.clear_status();
    p.clear_revision();
    p.clear_etag();
    p.clear_create_time();
    p.clear_update_time();
    return p;
  }

  Provider Create(int i, const std::string& id, const std::string& request_id = "") {
    v1::CreateProviderRequest request;
    *request.mutable_provider() = Sample(i);
    request.set_provider_id(id);
    request.set_request_id(request_id);
    auto created = registry_.Create(request, by_);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.value_or(Provider());
  }

  int64_t AuditCount(const std::string& id) {
    v1::ListAuditEventsRequest request;
    request.set_parent(absl::StrCat("providers/", id));
    request.set_page_size(1000);
    auto events = registry_.ListAuditEvents(request);
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? events->audit_events_size() : -1;
  }

  MemoryStorage storage_;
  Registry registry_{
      storage_,
      RegistryLimits{.default_page_size = 50, .max_page_size = 1000, .max_import_batch = 20}};
  CallContext by_{"tester", "k1"};
};

TEST_F(RegistryLogicTest, CreateStoresThePendingRecordWithItsAuditRow) {
  const Provider created = Create(0, "acme-one");
  EXPECT_EQ(created.name(), "providers/acme-one");
  EXPECT_EQ(created.status(), Provider::STATUS_PENDING);
  EXPECT_EQ(created.revision(), 1);
  v1::GetProviderRequest get;
  get.set_name("providers/acme-one");
  auto read = registry_.Get(get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->SerializeAsString(), created.SerializeAsString());
  EXPECT_EQ(AuditCount("acme-one"), 1);
}

TEST_F(RegistryLogicTest, ARepeatedRequestIdGivesTheFirstAnswerAndAnotherRequestIsRefused) {
  const Provider first = Create(0, "acme-one", "req-1");
  const Provider again = Create(0, "acme-one", "req-1");
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  v1::CreateProviderRequest other;
  *other.mutable_provider() = Sample(1);
  other.set_provider_id("acme-two");
  other.set_request_id("req-1");
  EXPECT_EQ(registry_.Create(other, by_).status().code(), absl::StatusCode::kAlreadyExists);
  v1::GetProviderRequest get;
  get.set_name("providers/acme-two");
  EXPECT_EQ(registry_.Get(get).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(AuditCount("acme-one"), 1);
}

TEST_F(RegistryLogicTest, AStaleEtagChangesNothing) {
  const Provider created = Create(0, "acme-one");
  v1::UpdateProviderRequest update;
  update.mutable_provider()->set_name(created.name());
  update.mutable_provider()->set_display_name("Renamed");
  update.mutable_provider()->set_etag(created.etag());
  update.mutable_update_mask()->add_paths("display_name");
  auto updated = registry_.Update(update, by_);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->revision(), 2);

  update.mutable_provider()->set_display_name("Lost");  // still the old etag
  EXPECT_EQ(registry_.Update(update, by_).status().code(), absl::StatusCode::kAborted);
  v1::GetProviderRequest get;
  get.set_name(created.name());
  EXPECT_EQ(registry_.Get(get)->display_name(), "Renamed");
  EXPECT_EQ(AuditCount("acme-one"), 2);
}

TEST_F(RegistryLogicTest, TheLifecycleAllowsOnlyItsTransitions) {
  const Provider created = Create(0, "acme-one");
  v1::SuspendProviderRequest suspend;
  suspend.set_name(created.name());
  EXPECT_EQ(registry_.Suspend(suspend, by_).status().code(),
            absl::StatusCode::kFailedPrecondition);  // pending cannot be suspended
  v1::ActivateProviderRequest activate;
  activate.set_name(created.name());
  ASSERT_TRUE(registry_.Activate(activate, by_).ok());
  ASSERT_TRUE(registry_.Suspend(suspend, by_).ok());
  v1::DeleteProviderRequest offboard;
  offboard.set_name(created.name());
  offboard.set_reason("contract ended");
  auto gone = registry_.Delete(offboard, by_);
  ASSERT_TRUE(gone.ok()) << gone.status();
  EXPECT_EQ(gone->status(), Provider::STATUS_OFFBOARDED);
  EXPECT_EQ(registry_.Activate(activate, by_).status().code(),
            absl::StatusCode::kFailedPrecondition);
  v1::UpdateProviderRequest update;
  update.mutable_provider()->set_name(created.name());
  update.mutable_provider()->set_display_name("Back");
  update.mutable_update_mask()->add_paths("display_name");
  EXPECT_EQ(registry_.Update(update, by_).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(AuditCount("acme-one"), 4);  // create, activate, suspend, offboard
}

TEST_F(RegistryLogicTest, AnImportWithOneBadRowWritesNothingAndNamesTheRow) {
  v1::ImportProvidersRequest request;
  for (int i = 0; i < 5; ++i) {
    Provider p = Sample(i);
    p.set_name(absl::StrCat("providers/row-", i));
    *request.add_providers() = p;
  }
  request.mutable_providers(3)->set_headquarters_country("ZZ");
  auto result = registry_.Import(request, by_);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& v : ViolationsOf(result.status())) fields.insert(v.field);
  EXPECT_TRUE(fields.contains("providers[3].headquarters_country")) << result.status();
  v1::ListProvidersRequest list;
  list.set_show_deleted(true);
  EXPECT_EQ(registry_.List(list)->providers_size(), 0);
}

TEST_F(RegistryLogicTest, ACreateImportOverAnExistingIdWritesNothing) {
  Create(0, "row-2");
  v1::ImportProvidersRequest request;
  for (int i = 0; i < 4; ++i) {
    Provider p = Sample(i + 10);
    p.set_name(absl::StrCat("providers/row-", i));
    *request.add_providers() = p;
  }
  auto result = registry_.Import(request, by_);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ViolationsOf(result.status()).at(0).field, "providers[2].name");
  v1::ListProvidersRequest list;
  EXPECT_EQ(registry_.List(list)->providers_size(), 1);
}

TEST_F(RegistryLogicTest, AnUpsertCountsCreatedUpdatedAndUnchangedRows) {
  const Provider kept = Create(0, "row-0");
  const Provider changed = Create(1, "row-1");
  v1::ImportProvidersRequest request;
  request.set_mode(v1::ImportProvidersRequest::MODE_UPSERT);
  Provider same = Sample(0);
  same.set_name(kept.name());
  Provider renamed = Sample(1);
  renamed.set_name(changed.name());
  renamed.set_display_name("Renamed by import");
  Provider fresh = Sample(2);
  fresh.set_name("providers/row-2");
  *request.add_providers() = same;
  *request.add_providers() = renamed;
  *request.add_providers() = fresh;
  auto result = registry_.Import(request, by_);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->created_count(), 1);
  EXPECT_EQ(result->updated_count(), 1);
  EXPECT_EQ(result->unchanged_count(), 1);
  EXPECT_EQ(std::vector<std::string>(result->names().begin(), result->names().end()),
            (std::vector<std::string>{"providers/row-0", "providers/row-1", "providers/row-2"}));
  EXPECT_EQ(AuditCount("row-0"), 1);
  EXPECT_EQ(AuditCount("row-1"), 2);
  EXPECT_EQ(AuditCount("row-2"), 1);
}

TEST_F(RegistryLogicTest, ListPagesThroughEveryMatchOnceInOrder) {
  for (int i = 0; i < 25; ++i) Create(i, absl::StrFormat("prov-%02d", i));
  v1::DeleteProviderRequest offboard;
  offboard.set_name("providers/prov-07");
  ASSERT_TRUE(registry_.Delete(offboard, by_).ok());
  for (const bool descending : {false, true}) {
    v1::ListProvidersRequest request;
    request.set_page_size(4);
    request.set_order_by(descending ? "display_name desc" : "display_name");
    std::vector<std::string> seen;
    std::string last_name;
    do {
      auto page = registry_.List(request);
      ASSERT_TRUE(page.ok()) << page.status();
      for (const Provider& p : page->providers()) {
        if (!seen.empty()) {
          EXPECT_TRUE(descending ? p.display_name() <= last_name : p.display_name() >= last_name);
        }
        last_name = p.display_name();
        seen.push_back(ProviderId(p));
      }
      request.set_page_token(page->next_page_token());
    } while (!request.page_token().empty());
    EXPECT_EQ(seen.size(), 24u);  // the offboarded one is hidden
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 24u);
  }
}

TEST_F(RegistryLogicTest, AFilterSelectsWhatItNamesAndStatusShowsTheOffboarded) {
  for (int i = 0; i < 12; ++i) Create(i, absl::StrFormat("prov-%02d", i));
  v1::DeleteProviderRequest offboard;
  offboard.set_name("providers/prov-03");
  ASSERT_TRUE(registry_.Delete(offboard, by_).ok());
  v1::ListProvidersRequest request;
  request.set_page_size(100);
  request.set_filter("status = OFFBOARDED");
  auto offboarded = registry_.List(request);
  ASSERT_TRUE(offboarded.ok()) << offboarded.status();
  ASSERT_EQ(offboarded->providers_size(), 1);
  EXPECT_EQ(offboarded->providers(0).name(), "providers/prov-03");

  const std::string country = Sample(0).headquarters_country();
  request.set_filter(absl::StrCat("country = ", country));
  auto by_country = registry_.List(request);
  ASSERT_TRUE(by_country.ok());
  int expected = 0;
  for (int i = 0; i < 12; ++i) expected += i != 3 && Sample(i).headquarters_country() == country;
  EXPECT_EQ(by_country->providers_size(), expected);
  for (const Provider& p : by_country->providers()) EXPECT_EQ(p.headquarters_country(), country);
}

}  // namespace
}  // namespace vendormatch::testing
