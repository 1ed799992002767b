// MemoryStorage: the Storage contracts (storage.h) kept in memory, for unit
// tests of the registry, auth and snapshot logic that need no database.
// Nothing persists; every instance starts empty.
//
// How it stands in for PostgreSQL:
//  - Transactions run one at a time (a mutex), so every one is serialisable
//    and KeyStore::LockForChange has nothing left to do (a no-op). The first
//    write copies the committed state (pointers to immutable rows, so cheap);
//    an OK body publishes the copy, anything else drops it.
//  - Each transaction has one time, the clock's at its start truncated to
//    microseconds (PostgreSQL's now()): audit rows, key creation and
//    revocation, and CountUsableAdmins use it.
//  - The constraints of the schema are checked: a provider's status must be
//    PENDING, ACTIVE, SUSPENDED or OFFBOARDED and its revision >= 1 (so must
//    a profile's); an audit row, a create request and a profile audit row
//    must name a stored provider or profile; a key's hash is 32 bytes, unique,
//    and its role admin, procurement or reader. A violation, like a unique
//    violation, is a failed statement: as in PostgreSQL the transaction is
//    then aborted, and InTransaction returns an error even if the body
//    returns OK (the error the store returned, or INTERNAL for a constraint).
//  - List orders and compares text by bytes (the C.UTF-8 collation the
//    database runs with); timestamps order and print at PostgreSQL's
//    precision (microseconds, rounded as PostgreSQL rounds the text the
//    PostgreSQL store sends) as timestamptz::text in UTC prints them,
//    "2026-01-02 03:04:05.123456+00". A page's after_key is compared as that
//    text (a malformed one is not refused, as PostgreSQL would).
//  - The feed numbers each committed transaction that wrote providers or
//    audit rows (1, 2, ...); audit rows carry their transaction's number.
//    Nothing is ever in flight, so positions have an empty in_flight.
//  - Notifications: a commit that wrote providers or audit rows announces
//    kRegistry, profiles kProfiles, keys kKeys (only when something changed).
//
// Not supported: InTransaction from inside a body on the same thread (it
// returns FAILED_PRECONDITION rather than deadlocking). The feed may be read
// from inside a body; it sees the committed state, not the body's writes (as
// another connection would). A Transaction must not be used after its body
// returns; handed to the stores of another MemoryStorage, the store throws
// and InTransaction returns INTERNAL.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/storage/storage.h"

namespace vendormatch {

struct MemoryStorageOptions {
  // The time a transaction starts at; absl::Now when empty. Called with the
  // transaction mutex held, so it must not start a transaction.
  std::function<absl::Time()> clock;
  // How often a subscription calls every_round, and how long it waits before
  // calling on_change again after it returned false.
  absl::Duration round_interval = absl::Seconds(1);
};

// Thread-safe: every method may be called from any thread. The stores it
// returns live as long as it does. Subscriptions may outlive it (they then
// hear of nothing more).
class MemoryStorage final : public Storage {
 public:
  explicit MemoryStorage(MemoryStorageOptions options = {});
  ~MemoryStorage() override;
  MemoryStorage(const MemoryStorage&) = delete;
  MemoryStorage& operator=(const MemoryStorage&) = delete;

  // Runs `body` alone (other transactions wait) and commits what it wrote
  // when it returns OK and no store call failed. Otherwise nothing is kept
  // and the result is the body's error, the failed store call's error, or
  // INTERNAL for an exception (never rethrown). DEADLINE_EXCEEDED, without
  // running `body`, when the thread's ScopedDeadline (deadline.h) has
  // passed; FAILED_PRECONDITION when called from inside a body on the same
  // thread (nesting is not supported).
  absl::Status InTransaction(const std::function<absl::Status(Transaction&)>& body) override;

  ProviderStore& providers() override;
  AuditStore& audit() override;
  RequestStore& requests() override;
  ProfileStore& profiles() override;
  KeyStore& keys() override;
  // Reads the committed state without waiting for a running transaction.
  // An exception from a callback becomes INTERNAL.
  RegistryFeed& feed() override;

  // One thread per subscription calls `on_change` after each commit that
  // touched one of `topics` (several commits may be announced by one call),
  // and `every_round` every options.round_interval. A false from on_change,
  // or an exception, means "call again" after round_interval; an exception
  // from every_round is ignored. Destroying the result stops the thread and
  // waits for a callback in progress; it must not be destroyed from its own
  // callbacks.
  std::unique_ptr<Subscription> Subscribe(std::vector<Topic> topics,
                                          SubscriptionCallbacks callbacks) override;

  struct Core;  // the shared state; defined in memory_storage.cc

 private:
  std::shared_ptr<Core> core_;
  std::unique_ptr<ProviderStore> providers_;
  std::unique_ptr<AuditStore> audit_;
  std::unique_ptr<RequestStore> requests_;
  std::unique_ptr<ProfileStore> profiles_;
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<RegistryFeed> feed_;
};

}  // namespace vendormatch
