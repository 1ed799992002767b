// MemoryStorage: transactions and List, as PostgresStorage keeps them.
#include <gtest/gtest.h>

#include "tests/unit/memory_storage_helpers.h"

namespace vendormatch::memory_test {
namespace {

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

}  // namespace
}  // namespace vendormatch::memory_test
