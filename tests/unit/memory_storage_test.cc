// MemoryStorage itself: transactions, the stores, the feed, subscriptions.
#include "services/storage/memory_storage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/domain/filter.h"
#include "services/domain/names.h"
#include "services/registry/generator.h"
#include "services/storage/deadline.h"

namespace vendormatch {
namespace {

using v1::Provider;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2026, 1, 2, 3, 4, 5), absl::UTCTimeZone());

google::protobuf::Timestamp At(absl::Duration after_t0) {
  const absl::Time t = kT0 + after_t0;
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  out.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(out.seconds()))));
  return out;
}

Provider MakeProvider(const std::string& id, Provider::Status status = Provider::STATUS_ACTIVE) {
  Provider p;
  p.set_name("providers/" + id);
  p.set_display_name("Provider " + id);
  p.set_headquarters_country("US");
  p.set_status(status);
  p.set_revision(1);
  *p.mutable_create_time() = At(absl::ZeroDuration());
  *p.mutable_update_time() = At(absl::ZeroDuration());
  return p;
}

std::vector<Provider> One(Provider p) { return {std::move(p)}; }

NewKey Key(const std::string& id, const std::string& secret_sha256, v1::Role role) {
  NewKey key;
  key.id = id;
  key.secret_sha256 = secret_sha256;
  key.role = role;
  key.label = "test";
  key.creator = "bootstrap";
  return key;
}

MemoryStorageOptions WithClock(std::function<absl::Time()> clock) {
  MemoryStorageOptions options;
  options.clock = std::move(clock);
  return options;
}

AuditRecord Audit(const std::string& id, v1::AuditEvent::Action action, int64_t old_revision,
                  int64_t new_revision) {
  AuditRecord r;
  r.provider_id = id;
  r.by = {"alice", "k1"};
  r.action = action;
  r.old_revision = old_revision;
  r.new_revision = new_revision;
  r.changed_fields = {"display_name", "", "services"};
  r.reason = "because";
  r.request_id = "req-" + id;
  return r;
}

// Inserts the providers and a CREATE audit row for each, in one transaction.
absl::Status Create(MemoryStorage& storage, const std::vector<Provider>& providers) {
  return storage.InTransaction([&](Transaction& txn) {
    if (absl::Status s = storage.providers().Insert(txn, providers); !s.ok()) return s;
    std::vector<AuditRecord> records;
    for (const Provider& p : providers) {
      records.push_back(Audit(ProviderId(p), v1::AuditEvent::ACTION_CREATE, 0, 1));
    }
    storage.audit().Append(txn, records);
    return absl::OkStatus();
  });
}

// Replaces the stored provider with `change` applied, revision + 1, with an
// audit row unless `audited` is false.
absl::Status Change(MemoryStorage& storage, const std::string& id,
                    const std::function<void(Provider&)>& change, bool audited = true) {
  return storage.InTransaction([&](Transaction& txn) {
    std::optional<Provider> p = storage.providers().Load(txn, id, /*for_update=*/true);
    if (!p) return absl::NotFoundError(id);
    const int64_t old_revision = p->revision();
    change(*p);
    p->set_revision(old_revision + 1);
    if (!storage.providers().Replace(txn, *p, old_revision)) return absl::AbortedError(id);
    if (audited) {
      const AuditRecord r = Audit(id, v1::AuditEvent::ACTION_UPDATE, old_revision, p->revision());
      storage.audit().Append(txn, {&r, 1});
    }
    return absl::OkStatus();
  });
}

std::optional<Provider> Get(MemoryStorage& storage, const std::string& id) {
  std::optional<Provider> out;
  EXPECT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    out = storage.providers().Load(txn, id, false);
                    return absl::OkStatus();
                  })
                  .ok());
  return out;
}

std::vector<ProviderRow> List(MemoryStorage& storage, const ProviderQuery& query) {
  std::vector<ProviderRow> rows;
  EXPECT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    rows = storage.providers().List(txn, query);
                    return absl::OkStatus();
                  })
                  .ok());
  return rows;
}

std::vector<std::string> Ids(const std::vector<ProviderRow>& rows) {
  std::vector<std::string> ids;
  for (const ProviderRow& row : rows) ids.push_back(ProviderId(row.provider));
  return ids;
}

std::vector<std::string> Ids(const std::vector<Provider>& providers) {
  std::vector<std::string> ids;
  for (const Provider& p : providers) ids.push_back(ProviderId(p));
  return ids;
}

std::vector<v1::AuditEvent> AuditList(MemoryStorage& storage, const std::string& provider_id,
                                      std::optional<int64_t> before_id, int limit) {
  std::vector<v1::AuditEvent> events;
  EXPECT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    events = storage.audit().List(txn, provider_id, before_id, limit);
                    return absl::OkStatus();
                  })
                  .ok());
  return events;
}

std::vector<std::string> Names(const std::vector<v1::AuditEvent>& events) {
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.name());
  return names;
}

// ---- transactions ----

TEST(MemoryStorageTest, AnErrorOrExceptionKeepsNothing) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, {MakeProvider("a")}).ok());
  const FeedPosition before = storage.feed().ReadChanges({}).value().position;

  absl::Status status = storage.InTransaction([&](Transaction& txn) {
    EXPECT_TRUE(storage.providers().Insert(txn, One(MakeProvider("b"))).ok());
    const AuditRecord r = Audit("b", v1::AuditEvent::ACTION_CREATE, 0, 1);
    storage.audit().Append(txn, {&r, 1});
    Provider a = MakeProvider("a");
    a.set_revision(2);
    EXPECT_TRUE(storage.providers().Replace(txn, a, 1));
    v1::Profile profile;
    profile.set_revision(1);
    EXPECT_TRUE(storage.profiles().Insert(txn, "p", profile, false).ok());
    EXPECT_TRUE(storage.keys().Insert(txn, Key("k", std::string(32, 'x'), v1::ROLE_ADMIN)).ok());
    EXPECT_TRUE(storage.requests().Insert(txn, "r", {"hash", MakeProvider("b")}).ok());
    EXPECT_TRUE(storage.providers().Exists(txn, "b"));  // the body sees its own writes
    return absl::AbortedError("changed my mind");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);

  status = storage.InTransaction([&](Transaction& txn) -> absl::Status {
    EXPECT_TRUE(storage.providers().Insert(txn, One(MakeProvider("c"))).ok());
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_NE(status.message().find("boom"), std::string::npos) << status;

  EXPECT_FALSE(Get(storage, "b"));
  EXPECT_FALSE(Get(storage, "c"));
  EXPECT_EQ(Get(storage, "a")->revision(), 1);
  EXPECT_EQ(AuditList(storage, "", std::nullopt, 10).size(), 1u);
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    EXPECT_TRUE(storage.profiles().LoadAll(txn).empty());
                    EXPECT_TRUE(storage.keys().List(txn, /*show_revoked=*/true).empty());
                    EXPECT_FALSE(storage.requests().Load(txn, "r"));
                    return absl::OkStatus();
                  })
                  .ok());
  const RegistryChanges changes = storage.feed().ReadChanges(before).value();
  EXPECT_TRUE(changes.changed.empty());
  EXPECT_EQ(changes.position.horizon, before.horizon);
}

TEST(MemoryStorageTest, DuplicateIdsAreAlreadyExistsAndAbortTheTransaction) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, {MakeProvider("a")}).ok());
  EXPECT_EQ(Create(storage, {MakeProvider("a")}).code(), absl::StatusCode::kAlreadyExists);
  // Twice in one batch: nothing of the batch is written.
  EXPECT_EQ(Create(storage, {MakeProvider("x"), MakeProvider("y"), MakeProvider("x")}).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_FALSE(Get(storage, "x"));
  EXPECT_FALSE(Get(storage, "y"));

  // As in PostgreSQL, a failed statement dooms the transaction even when the
  // body carries on and returns OK.
  absl::Status status = storage.InTransaction([&](Transaction& txn) {
    EXPECT_TRUE(storage.providers().Insert(txn, One(MakeProvider("z"))).ok());
    EXPECT_EQ(storage.providers().Insert(txn, One(MakeProvider("a"))).code(),
              absl::StatusCode::kAlreadyExists);
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_FALSE(Get(storage, "z"));

  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    return storage.requests().Insert(txn, "r1", {"h", MakeProvider("a")});
                  })
                  .ok());
  EXPECT_EQ(storage
                .InTransaction([&](Transaction& txn) {
                  return storage.requests().Insert(txn, "r1", {"other", MakeProvider("a")});
                })
                .code(),
            absl::StatusCode::kAlreadyExists);
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    EXPECT_EQ(storage.requests().Load(txn, "r1")->request_hash, "h");
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST(MemoryStorageTest, ReplaceNeedsTheStoredRevision) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, {MakeProvider("a")}).ok());
  ASSERT_TRUE(
      storage
          .InTransaction([&](Transaction& txn) {
            Provider next = MakeProvider("a");
            next.set_display_name("New name");
            next.set_revision(3);
            EXPECT_FALSE(storage.providers().Replace(txn, next, /*old_revision=*/2));
            EXPECT_FALSE(storage.providers().Replace(txn, MakeProvider("missing"), 1));
            EXPECT_EQ(storage.providers().Load(txn, "a", false)->display_name(), "Provider a");
            next.set_revision(2);
            EXPECT_TRUE(storage.providers().Replace(txn, next, /*old_revision=*/1));
            EXPECT_FALSE(storage.providers().Replace(txn, next, /*old_revision=*/1));  // now stale
            return absl::OkStatus();
          })
          .ok());
  EXPECT_EQ(Get(storage, "a")->display_name(), "New name");
  EXPECT_EQ(Get(storage, "a")->revision(), 2);
}

TEST(MemoryStorageTest, NestedTransactionsAreRefusedNotDeadlocked) {
  MemoryStorage storage;
  absl::Status inner;
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction&) {
                    inner = storage.InTransaction([](Transaction&) { return absl::OkStatus(); });
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(inner.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MemoryStorageTest, APassedDeadlineRunsNothing) {
  MemoryStorage storage;
  ScopedDeadline deadline(absl::Now() - absl::Seconds(1));
  bool ran = false;
  EXPECT_EQ(storage
                .InTransaction([&](Transaction&) {
                  ran = true;
                  return absl::OkStatus();
                })
                .code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(ran);
}

TEST(MemoryStorageTest, ConcurrentTransactionsAreSerialised) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, {MakeProvider("counter")}).ok());
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!Change(storage, "counter", [](Provider&) {}).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Get(storage, "counter")->revision(), 201);
  EXPECT_EQ(AuditList(storage, "counter", std::nullopt, 1000).size(), 201u);
}

// ---- List ----

// Eight visible providers with ties in every order column, and one
// offboarded one that List hides.
std::vector<Provider> PagingProviders() {
  const std::vector<std::tuple<std::string, std::string, int, int>> rows = {
      // id, display name, create ms after t0, update ms after t0
      {"p1", "Beta", 500, 9000},   {"p2", "alpha", 0, 8000},  {"p3", "Beta", 500, 7000},
      {"p4", "Gamma", 1500, 9000}, {"p5", "Beta", 250, 1},    {"p6", "Zeta", 1500, 6000},
      {"p7", "Éclair", 0, 8000},   {"p8", "Alpha", 99999, 0}, {"p9", "Beta", 10, 10},
  };
  std::vector<Provider> out;
  for (const auto& [id, name, create_ms, update_ms] : rows) {
    Provider p =
        MakeProvider(id, id == "p9" ? Provider::STATUS_OFFBOARDED : Provider::STATUS_ACTIVE);
    p.set_display_name(name);
    *p.mutable_create_time() = At(absl::Milliseconds(create_ms));
    *p.mutable_update_time() = At(absl::Milliseconds(update_ms));
    out.push_back(p);
  }
  return out;
}

TEST(MemoryStorageTest, ListPagesEveryOrderBothWaysGivingEachRowOnce) {
  MemoryStorage storage;
  const std::vector<Provider> providers = PagingProviders();
  ASSERT_TRUE(Create(storage, providers).ok());
  // Expected orders, written out: (key, id) ascending; bytes order names, so
  // upper case sorts before lower case and "É" after both.
  const std::map<ProviderOrder, std::vector<std::string>> expected = {
      {ProviderOrder::kId, {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"}},
      {ProviderOrder::kDisplayName, {"p8", "p1", "p3", "p5", "p4", "p6", "p2", "p7"}},
      {ProviderOrder::kCreateTime, {"p2", "p7", "p5", "p1", "p3", "p4", "p6", "p8"}},
      {ProviderOrder::kUpdateTime, {"p8", "p5", "p6", "p3", "p2", "p7", "p1", "p4"}},
  };
  for (const auto& [order, ascending] : expected) {
    for (bool descending : {false, true}) {
      std::vector<std::string> want = ascending;
      if (descending) std::reverse(want.begin(), want.end());
      ProviderQuery query;
      query.order = order;
      query.descending = descending;
      query.limit = 3;
      std::vector<std::string> seen;
      int pages = 0;
      while (true) {
        const std::vector<ProviderRow> rows = List(storage, query);
        ASSERT_LE(rows.size(), 3u);
        if (rows.empty()) break;
        ++pages;
        for (const std::string& id : Ids(rows)) seen.push_back(id);
        query.after_key = rows.back().sort_key;
        query.after_id = ProviderId(rows.back().provider);
      }
      EXPECT_EQ(seen, want) << "order " << static_cast<int>(order) << " desc " << descending;
      EXPECT_EQ(pages, 3) << "order " << static_cast<int>(order) << " desc " << descending;
    }
  }
}

TEST(MemoryStorageTest, SortKeysAreWhatPostgresPrints) {
  MemoryStorage storage;
  std::vector<Provider> providers;
  // (nanos after 03:04:05, expected timestamptz::text) as PostgreSQL 15 gives
  // them for the text TimeUtil::ToString writes.
  const std::vector<std::pair<int32_t, std::string>> cases = {
      {0, "2026-01-02 03:04:05+00"},
      {100'000'000, "2026-01-02 03:04:05.1+00"},
      {123'456'789, "2026-01-02 03:04:05.123457+00"},
      {999'999'600, "2026-01-02 03:04:06+00"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    Provider p = MakeProvider("t" + std::to_string(i));
    p.mutable_create_time()->set_nanos(cases[i].first);
    providers.push_back(p);
  }
  ASSERT_TRUE(Create(storage, providers).ok());
  ProviderQuery query;
  query.order = ProviderOrder::kCreateTime;
  std::vector<std::string> keys;
  for (const ProviderRow& row : List(storage, query)) keys.push_back(row.sort_key);
  EXPECT_EQ(keys, (std::vector<std::string>{cases[0].second, cases[1].second, cases[2].second,
                                            cases[3].second}));
  // The record itself keeps its nanoseconds.
  EXPECT_EQ(Get(storage, "t2")->create_time().nanos(), 123'456'789);
  query.order = ProviderOrder::kDisplayName;
  EXPECT_EQ(List(storage, query).front().sort_key, "Provider t0");
  query.order = ProviderOrder::kId;
  EXPECT_EQ(List(storage, query).front().sort_key, "t0");
}

// Four providers to filter; p4 is offboarded.
std::vector<Provider> FilterProviders() {
  Provider p1 = MakeProvider("p1");
  p1.set_display_name("Acme");
  p1.set_headquarters_country("PH");
  p1.add_service_models(v1::SERVICE_MODEL_BPO);
  p1.add_services("CUSTOMER_SUPPORT");
  p1.add_delivery_centers()->set_country_code("PH");
  p1.add_delivery_centers()->set_country_code("IN");
  p1.add_languages("en");
  p1.add_languages("es-MX");
  p1.add_certifications()->set_code("ISO27001");
  p1.add_industries("BANKING");
  p1.add_declared_delivery_models(v1::DELIVERY_MODEL_OFFSHORE);
  Provider p2 = MakeProvider("p2");
  p2.add_service_models(v1::SERVICE_MODEL_KPO);
  p2.add_services("DATA_ANALYTICS");
  p2.add_delivery_centers()->set_country_code("US");
  p2.add_languages("es");
  p2.add_industries("HEALTHCARE");
  p2.add_declared_delivery_models(v1::DELIVERY_MODEL_ONSHORE);
  Provider p3 = MakeProvider("p3", Provider::STATUS_SUSPENDED);
  p3.set_headquarters_country("PH");
  p3.add_service_models(v1::SERVICE_MODEL_BPO);
  p3.add_services("CUSTOMER_SUPPORT");
  p3.add_languages("en-GB");
  Provider p4 = MakeProvider("p4", Provider::STATUS_OFFBOARDED);
  p4.add_service_models(v1::SERVICE_MODEL_BPO);
  p4.add_services("CUSTOMER_SUPPORT");
  p4.add_languages("es-ES");
  return {p1, p2, p3, p4};
}

TEST(MemoryStorageTest, FiltersMatchAsTheSqlConditionDoes) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, FilterProviders()).ok());
  using Ids_ = std::vector<std::string>;
  const std::vector<std::tuple<std::string, bool, Ids_>> cases = {
      // filter, hide_offboarded, expected ids
      {"", true, {"p1", "p2", "p3"}},
      {"", false, {"p1", "p2", "p3", "p4"}},
      {"language = es", true, {"p1", "p2"}},  // "es" also matches "es-MX"
      {"language = es", false, {"p1", "p2", "p4"}},
      {"language: es-MX", true, {"p1"}},
      {"language = es-es", true, {}},
      {"language = en", true, {"p1", "p3"}},
      {"language != es", true, {"p3"}},
      {"service != CUSTOMER_SUPPORT", true, {"p2"}},
      {"service = customer_support", false, {"p1", "p3", "p4"}},
      {"service_model: KPO", true, {"p2"}},
      {"country = PH", true, {"p1", "p3"}},
      {"country != PH", true, {"p2"}},
      {"delivery_country = IN", true, {"p1"}},
      {"delivery_country != PH", true, {"p2", "p3"}},
      {"certification = ISO27001 AND industry = BANKING", true, {"p1"}},
      {"industry = BANKING AND country = US", true, {}},
      {"delivery_model = ONSHORE", true, {"p2"}},
      {"display_name = \"Acme\"", true, {"p1"}},
      {"display_name != Acme", true, {"p2", "p3"}},
      {"status = OFFBOARDED", true, {"p4"}},  // a status comparison shows offboarded
      {"status != ACTIVE", true, {"p3", "p4"}},
      {"status = ACTIVE AND language = es", true, {"p1", "p2"}},
  };
  for (const auto& [filter, hide, want] : cases) {
    auto comparisons = ParseProviderFilter(filter);
    ASSERT_TRUE(comparisons.ok()) << filter << ": " << comparisons.status();
    ProviderQuery query;
    query.filter = *comparisons;
    query.hide_offboarded = hide;
    EXPECT_EQ(Ids(List(storage, query)), want) << filter << " hide " << hide;
  }
  // A field ParseProviderFilter never makes matches nothing, whatever the op.
  ProviderQuery query;
  query.filter = {{"colour", FilterOp::kNotEqual, "red", 1}};
  EXPECT_TRUE(List(storage, query).empty());
}

// ---- the audit trail ----

TEST(MemoryStorageTest, AuditIdsAscendAndListIsNewestFirst) {
  absl::Time now = kT0 + absl::Nanoseconds(123'456'789);
  MemoryStorage storage(WithClock([&] { return now; }));
  ASSERT_TRUE(Create(storage, {MakeProvider("a"), MakeProvider("b")}).ok());  // ids 1, 2
  now += absl::Minutes(1);
  ASSERT_TRUE(Change(storage, "a", [](Provider&) {}).ok());  // 3
  ASSERT_TRUE(Change(storage, "b", [](Provider&) {}).ok());  // 4
  ASSERT_TRUE(Change(storage, "a", [](Provider&) {}).ok());  // 5

  EXPECT_EQ(Names(AuditList(storage, "", std::nullopt, 10)),
            (std::vector<std::string>{"providers/a/auditEvents/5", "providers/b/auditEvents/4",
                                      "providers/a/auditEvents/3", "providers/b/auditEvents/2",
                                      "providers/a/auditEvents/1"}));
  EXPECT_EQ(Names(AuditList(storage, "a", std::nullopt, 10)),
            (std::vector<std::string>{"providers/a/auditEvents/5", "providers/a/auditEvents/3",
                                      "providers/a/auditEvents/1"}));
  EXPECT_EQ(Names(AuditList(storage, "a", 5, 1)),
            (std::vector<std::string>{"providers/a/auditEvents/3"}));
  EXPECT_EQ(Names(AuditList(storage, "", 3, 10)),
            (std::vector<std::string>{"providers/b/auditEvents/2", "providers/a/auditEvents/1"}));
  EXPECT_TRUE(AuditList(storage, "", 1, 10).empty());
  EXPECT_TRUE(AuditList(storage, "nobody", std::nullopt, 10).empty());

  const v1::AuditEvent first = AuditList(storage, "b", 3, 1).at(0);
  EXPECT_EQ(first.provider(), "providers/b");
  EXPECT_EQ(first.actor(), "alice");
  EXPECT_EQ(first.key_id(), "k1");
  EXPECT_EQ(first.action(), v1::AuditEvent::ACTION_CREATE);
  EXPECT_EQ(first.old_revision(), 0);
  EXPECT_EQ(first.new_revision(), 1);
  EXPECT_EQ(std::vector<std::string>(first.changed_fields().begin(), first.changed_fields().end()),
            (std::vector<std::string>{"display_name", "services"}));  // empties dropped
  EXPECT_EQ(first.reason(), "because");
  EXPECT_EQ(first.request_id(), "req-b");
  // The transaction's time, at PostgreSQL's precision.
  EXPECT_EQ(first.event_time().seconds(), absl::ToUnixSeconds(kT0));
  EXPECT_EQ(first.event_time().nanos(), 123'456'000);
  EXPECT_EQ(AuditList(storage, "", std::nullopt, 1).at(0).event_time().seconds(),
            absl::ToUnixSeconds(kT0) + 60);
}

TEST(MemoryStorageTest, AnAuditRowNeedsItsProvider) {
  MemoryStorage storage;
  EXPECT_EQ(storage
                .InTransaction([&](Transaction& txn) {
                  const AuditRecord r = Audit("ghost", v1::AuditEvent::ACTION_UPDATE, 1, 2);
                  storage.audit().Append(txn, {&r, 1});
                  return absl::OkStatus();
                })
                .code(),
            absl::StatusCode::kInternal);
  EXPECT_TRUE(AuditList(storage, "", std::nullopt, 10).empty());
}

// ---- the feed ----

TEST(MemoryStorageTest, FeedReadsEverythingThenExactlyWhatChanged) {
  MemoryStorage storage;
  GeneratorOptions options;
  options.id_width = 2;
  std::vector<Provider> providers;
  for (int i = 0; i < 6; ++i) {
    Provider p = GenerateProvider(i, options);
    p.set_status(i == 2   ? Provider::STATUS_SUSPENDED
                 : i == 4 ? Provider::STATUS_PENDING
                          : Provider::STATUS_ACTIVE);
    p.set_revision(1);
    providers.push_back(p);
  }
  ASSERT_TRUE(Create(storage, providers).ok());

  int64_t expected = -1;
  std::vector<std::string> seen;
  absl::StatusOr<RegistryRead> read = storage.feed().ReadAll([&](int64_t n) { expected = n; },
                                                             [&](const Provider& p) {
                                                               seen.push_back(ProviderId(p));
                                                               return absl::OkStatus();
                                                             });
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(expected, 4);
  EXPECT_EQ(seen, (std::vector<std::string>{"gen-00", "gen-01", "gen-03", "gen-05"}));
  EXPECT_EQ(read->inactive,
            (std::vector<std::pair<std::string, Provider::Status>>{
                {"gen-02", Provider::STATUS_SUSPENDED}, {"gen-04", Provider::STATUS_PENDING}}));
  EXPECT_EQ(read->position.revision, 6);
  EXPECT_TRUE(read->position.in_flight.empty());

  // Changed: gen-03 (suspended) and gen-00, twice; gen-05 without an audit
  // row (not in the feed); a rolled-back change to gen-01.
  ASSERT_TRUE(Change(storage, "gen-03", [](Provider& p) {
                p.set_status(Provider::STATUS_SUSPENDED);
              }).ok());
  ASSERT_TRUE(Change(storage, "gen-00", [](Provider& p) { p.set_display_name("Renamed"); }).ok());
  ASSERT_TRUE(Change(storage, "gen-00", [](Provider&) {}).ok());
  ASSERT_TRUE(Change(
                  storage, "gen-05", [](Provider&) {}, /*audited=*/false)
                  .ok());
  EXPECT_FALSE(storage
                   .InTransaction([&](Transaction& txn) {
                     const AuditRecord r = Audit("gen-01", v1::AuditEvent::ACTION_UPDATE, 1, 2);
                     storage.audit().Append(txn, {&r, 1});
                     return absl::CancelledError("no");
                   })
                   .ok());

  absl::StatusOr<RegistryChanges> changes = storage.feed().ReadChanges(read->position);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(Ids(changes->changed), (std::vector<std::string>{"gen-00", "gen-03"}));
  EXPECT_EQ(changes->changed[0].display_name(), "Renamed");
  EXPECT_EQ(changes->changed[0].revision(), 3);
  EXPECT_EQ(changes->changed[1].status(), Provider::STATUS_SUSPENDED);
  EXPECT_EQ(changes->position.revision, 9);
  EXPECT_GT(changes->position.horizon, read->position.horizon);

  absl::StatusOr<RegistryChanges> again = storage.feed().ReadChanges(changes->position);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->changed.empty());
  EXPECT_EQ(again->position.revision, 9);
  EXPECT_EQ(again->position.horizon, changes->position.horizon);
}

TEST(MemoryStorageTest, AnErrorFromEachEndsTheRead) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, {MakeProvider("a"), MakeProvider("b")}).ok());
  int calls = 0;
  absl::StatusOr<RegistryRead> read =
      storage.feed().ReadAll([](int64_t) {},
                             [&](const Provider&) {
                               ++calls;
                               return absl::DataLossError("bad record");
                             });
  EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(calls, 1);
}

// ---- subscriptions ----

// Records the topics announced, for a test to wait on.
class Recorder {
 public:
  bool OnChange(Topic topic) {
    std::lock_guard lock(mu_);
    topics_.push_back(topic);
    cv_.notify_all();
    return fail_next_ ? (fail_next_ = false) : true;
  }
  // Waits (up to 10 s) until `count` calls were made; returns the topics.
  std::vector<Topic> WaitFor(size_t count) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return topics_.size() >= count; });
    return topics_;
  }
  void FailNext() {
    std::lock_guard lock(mu_);
    fail_next_ = true;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Topic> topics_;
  bool fail_next_ = false;
};

TEST(MemoryStorageTest, ASubscriptionHearsOfCommitsToItsTopics) {
  MemoryStorageOptions options;
  options.round_interval = absl::Milliseconds(20);
  MemoryStorage storage(options);
  Recorder registry, keys;
  std::atomic<int> rounds = 0;
  auto registry_sub = storage.Subscribe(
      {Topic::kRegistry}, {[&](Topic t) { return registry.OnChange(t); }, [&] { ++rounds; }});
  auto keys_sub = storage.Subscribe({Topic::kKeys, Topic::kProfiles},
                                    {[&](Topic t) { return keys.OnChange(t); }, {}});

  ASSERT_TRUE(Create(storage, {MakeProvider("a")}).ok());
  EXPECT_EQ(registry.WaitFor(1), std::vector<Topic>{Topic::kRegistry});

  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    return storage.keys()
                        .Insert(txn, Key("k", std::string(32, 'x'), v1::ROLE_ADMIN))
                        .status();
                  })
                  .ok());
  EXPECT_EQ(keys.WaitFor(1), std::vector<Topic>{Topic::kKeys});

  // A false from on_change: called again later.
  registry.FailNext();
  ASSERT_TRUE(Change(storage, "a", [](Provider&) {}).ok());
  EXPECT_EQ(registry.WaitFor(3),
            (std::vector<Topic>{Topic::kRegistry, Topic::kRegistry, Topic::kRegistry}));
  // A read-only or rolled-back transaction announces nothing.
  ASSERT_TRUE(storage.InTransaction([](Transaction&) { return absl::OkStatus(); }).ok());
  ASSERT_FALSE(Change(storage, "missing", [](Provider&) {}).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(registry.WaitFor(0).size(), 3u);
  registry_sub.reset();
  ASSERT_TRUE(Change(storage, "a", [](Provider&) {}).ok());  // after the subscription ended
  EXPECT_GT(rounds.load(), 0);
  keys_sub.reset();
  EXPECT_EQ(registry.WaitFor(0).size(), 3u);
  EXPECT_EQ(keys.WaitFor(0), std::vector<Topic>{Topic::kKeys});  // no registry topic
}

// ---- keys and profiles ----

TEST(MemoryStorageTest, KeysAreStoredAndRevokedOnce) {
  absl::Time now = kT0;
  MemoryStorage storage(WithClock([&] { return now; }));
  const auto insert = [&](NewKey key) {
    absl::StatusOr<v1::ApiKey> out;
    absl::Status status = storage.InTransaction([&](Transaction& txn) {
      out = storage.keys().Insert(txn, key);
      return out.status();
    });
    return status.ok() ? out : absl::StatusOr<v1::ApiKey>(status);
  };
  ASSERT_TRUE(
      insert({"k2", std::string(32, '2'), v1::ROLE_ADMIN, "old", kT0 - absl::Hours(1), "bootstrap"})
          .ok());
  absl::StatusOr<v1::ApiKey> k1 = insert(
      {"k1", std::string(32, '1'), v1::ROLE_ADMIN, "ops", kT0 + absl::Hours(1), "bootstrap"});
  ASSERT_TRUE(k1.ok()) << k1.status();
  EXPECT_EQ(k1->name(), "apiKeys/k1");
  EXPECT_EQ(k1->role(), v1::ROLE_ADMIN);
  EXPECT_EQ(k1->label(), "ops");
  EXPECT_EQ(k1->create_time().seconds(), absl::ToUnixSeconds(kT0));
  EXPECT_EQ(k1->expire_time().seconds(), absl::ToUnixSeconds(kT0 + absl::Hours(1)));
  EXPECT_FALSE(k1->has_revoke_time());
  EXPECT_EQ(k1->creator(), "bootstrap");
  now += absl::Seconds(1);
  ASSERT_TRUE(insert({"k3", std::string(32, '3'), v1::ROLE_READER, "portal", {}, "k1"}).ok());
  EXPECT_EQ(insert(Key("k1", std::string(32, '9'), v1::ROLE_READER)).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(insert(Key("k9", std::string(32, '1'), v1::ROLE_READER)).status().code(),
            absl::StatusCode::kAlreadyExists);  // same secret
  EXPECT_EQ(insert(Key("k9", "short", v1::ROLE_READER)).status().code(),
            absl::StatusCode::kInternal);

  const auto revoke = [&](const std::string& id, const std::string& by) {
    absl::StatusOr<v1::ApiKey> out;
    EXPECT_TRUE(storage
                    .InTransaction([&](Transaction& txn) {
                      storage.keys().LockForChange(txn);
                      out = storage.keys().Revoke(txn, id, by);
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  };
  now += absl::Seconds(1);
  EXPECT_EQ(revoke("k3", "k1")->revoker(), "k1");
  now += absl::Seconds(1);
  const absl::StatusOr<v1::ApiKey> again = revoke("k3", "k2");
  EXPECT_EQ(again->revoker(), "k1");  // the first revocation stands
  EXPECT_EQ(again->revoke_time().seconds(), absl::ToUnixSeconds(kT0) + 2);
  EXPECT_EQ(revoke("nope", "k1").status().code(), absl::StatusCode::kNotFound);

  ASSERT_TRUE(
      storage
          .InTransaction([&](Transaction& txn) {
            EXPECT_EQ(storage.keys().CountUsableAdmins(txn, ""), 1);  // k2 has expired
            EXPECT_EQ(storage.keys().CountUsableAdmins(txn, "k1"), 0);
            std::vector<std::string> unrevoked;
            for (const StoredKey& k : storage.keys().LoadUnrevoked(txn)) unrevoked.push_back(k.id);
            EXPECT_EQ(unrevoked, (std::vector<std::string>{"k1", "k2"}));
            std::vector<std::string> listed;
            for (const auto& k : storage.keys().List(txn, true)) listed.push_back(k.name());
            EXPECT_EQ(listed, (std::vector<std::string>{"apiKeys/k1", "apiKeys/k2", "apiKeys/k3"}));
            EXPECT_EQ(storage.keys().List(txn, false).size(), 2u);
            EXPECT_EQ(storage.keys().Find(txn, "k3")->revoker(), "k1");
            EXPECT_FALSE(storage.keys().Find(txn, "k4"));
            return absl::OkStatus();
          })
          .ok());
  now += absl::Hours(2);  // k1 has expired too
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    EXPECT_EQ(storage.keys().CountUsableAdmins(txn, ""), 0);
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST(MemoryStorageTest, ProfilesLoadInIdOrderAndSeedIfAbsent) {
  MemoryStorage storage;
  v1::Profile b, a;
  b.set_name("profiles/b");
  b.set_revision(1);
  a.set_name("profiles/a");
  a.set_revision(1);
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    EXPECT_EQ(*storage.profiles().Insert(txn, "b", b, false), true);
                    EXPECT_EQ(*storage.profiles().Insert(txn, "a", a, true), true);
                    EXPECT_EQ(*storage.profiles().Insert(txn, "a", b, /*if_absent=*/true), false);
                    storage.profiles().AppendAudit(txn, {"a", {}, "CREATE", 0, 1, {"plugins"}});
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    std::vector<std::string> names;
                    for (const auto& p : storage.profiles().LoadAll(txn)) names.push_back(p.name());
                    EXPECT_EQ(names, (std::vector<std::string>{"profiles/a", "profiles/b"}));
                    v1::Profile next = *storage.profiles().Load(txn, "a", true);
                    next.set_revision(2);
                    EXPECT_FALSE(storage.profiles().Replace(txn, "a", next, 2));
                    EXPECT_TRUE(storage.profiles().Replace(txn, "a", next, 1));
                    EXPECT_EQ(storage.profiles().Insert(txn, "b", b, false).status().code(),
                              absl::StatusCode::kAlreadyExists);
                    return absl::AbortedError("roll back");
                  })
                  .code() == absl::StatusCode::kAborted);
  ASSERT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    EXPECT_EQ(storage.profiles().Load(txn, "a", false)->revision(), 1);
                    return absl::OkStatus();
                  })
                  .ok());
}

}  // namespace
}  // namespace vendormatch
