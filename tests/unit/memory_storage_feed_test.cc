// MemoryStorage: the audit trail, the change feed, subscriptions, keys and profiles.
#include <gtest/gtest.h>

#include "tests/unit/memory_storage_helpers.h"

namespace vendormatch::memory_test {
namespace {

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

// Six generated providers, gen-00 to gen-05, at revision 1: gen-02 suspended,
// gen-04 pending, the others active.
std::vector<Provider> SixProvidersTwoInactive() {
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
  return providers;
}

TEST(MemoryStorageTest, FeedReadsEverythingThenExactlyWhatChanged) {
  MemoryStorage storage;
  ASSERT_TRUE(Create(storage, SixProvidersTwoInactive()).ok());

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

// Inserts `key` in a transaction of its own: the stored key, or why not.
absl::StatusOr<v1::ApiKey> InsertKey(MemoryStorage& storage, const NewKey& key) {
  absl::StatusOr<v1::ApiKey> out;
  absl::Status status = storage.InTransaction([&](Transaction& txn) {
    out = storage.keys().Insert(txn, key);
    return out.status();
  });
  return status.ok() ? out : absl::StatusOr<v1::ApiKey>(status);
}

// Revokes key `id` on behalf of key `by` (under the lock for key changes),
// in a transaction of its own that must commit.
absl::StatusOr<v1::ApiKey> RevokeKey(MemoryStorage& storage, const std::string& id,
                                     const std::string& by) {
  absl::StatusOr<v1::ApiKey> out;
  EXPECT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    storage.keys().LockForChange(txn);
                    out = storage.keys().Revoke(txn, id, by);
                    return absl::OkStatus();
                  })
                  .ok());
  return out;
}

// What the key store holds once k3 is revoked, k2 has expired and k1 is the
// one usable admin key: checked in one transaction, whose status it returns.
absl::Status ExpectKeysAfterTheRevocation(MemoryStorage& storage) {
  return storage.InTransaction([&](Transaction& txn) {
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
  });
}

TEST(MemoryStorageTest, KeysAreStoredAndRevokedOnce) {
  absl::Time now = kT0;
  MemoryStorage storage(WithClock([&] { return now; }));
  const auto insert = [&](const NewKey& key) { return InsertKey(storage, key); };
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
    return RevokeKey(storage, id, by);
  };
  now += absl::Seconds(1);
  EXPECT_EQ(revoke("k3", "k1")->revoker(), "k1");
  now += absl::Seconds(1);
  const absl::StatusOr<v1::ApiKey> again = revoke("k3", "k2");
  EXPECT_EQ(again->revoker(), "k1");  // the first revocation stands
  EXPECT_EQ(again->revoke_time().seconds(), absl::ToUnixSeconds(kT0) + 2);
  EXPECT_EQ(revoke("nope", "k1").status().code(), absl::StatusCode::kNotFound);

  ASSERT_TRUE(ExpectKeysAfterTheRevocation(storage).ok());
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
}  // namespace vendormatch::memory_test
