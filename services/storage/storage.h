// What the other rooms know of storage: typed stores over an opaque
// Transaction. No SQL and no libpqxx here. Two implementations keep these
// contracts: PostgresStorage (postgres_storage.h), the system of record,
// and MemoryStorage (memory_storage.h), in memory, for unit tests of the
// registry, auth and snapshot logic that need no database.
//
// Errors, for every store method: a failure of the database itself (it is
// unreachable, a statement fails, the call's deadline passes) ends the
// transaction; Storage::InTransaction then returns that status (UNAVAILABLE,
// DEADLINE_EXCEEDED, ABORTED, INTERNAL — see Database::InTransaction) and
// nothing the body wrote is kept. Methods returning absl::Status report an
// expected outcome (a duplicate id) that way; the caller returns it from
// the body, which rolls the transaction back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/domain/call_context.h"
#include "services/domain/filter.h"
#include "vendormatch/v1/audit.pb.h"
#include "vendormatch/v1/key_service.pb.h"
#include "vendormatch/v1/profile.pb.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

// One unit of work, handed to the body of Storage::InTransaction and valid
// only while it runs: everything the stores do with it commits together or
// not at all. Not thread-safe; never stored.
class Transaction {
 public:
  virtual ~Transaction() = default;

 protected:
  Transaction() = default;
};

// ---- providers ----

enum class ProviderOrder { kId, kDisplayName, kCreateTime, kUpdateTime };

// One page of ListProviders: the rows matching every comparison, in
// (order, id) order after the last row seen.
struct ProviderQuery {
  std::vector<FilterComparison> filter;
  // Leave OFFBOARDED providers out, unless some comparison is on status.
  bool hide_offboarded = true;
  ProviderOrder order = ProviderOrder::kId;
  bool descending = false;
  std::optional<std::string> after_key;  // sort key of the last row seen
  std::optional<std::string> after_id;   // id of the last row seen
  int limit = 50;
};

struct ProviderRow {
  v1::Provider provider;
  std::string sort_key;  // the order column's value, for the next page token
};

class ProviderStore {
 public:
  virtual ~ProviderStore() = default;
  // One provider, any status; `for_update` locks it until the transaction ends.
  virtual std::optional<v1::Provider> Load(Transaction& txn, const std::string& id,
                                           bool for_update) = 0;
  // The providers among `ids` that exist, locked.
  virtual std::vector<v1::Provider> LoadForUpdate(Transaction& txn,
                                                  const std::vector<std::string>& ids) = 0;
  virtual bool Exists(Transaction& txn, const std::string& id) = 0;
  // Adds new providers (revision, times and etag set by the caller); many at
  // once are written in one bulk operation. Errors: ALREADY_EXISTS when an
  // id exists.
  virtual absl::Status Insert(Transaction& txn, std::span<const v1::Provider> providers) = 0;
  // Overwrites a provider whose stored revision is `old_revision`; false
  // (nothing written) when it is missing or its revision differs.
  virtual bool Replace(Transaction& txn, const v1::Provider& provider, int64_t old_revision) = 0;
  virtual std::vector<ProviderRow> List(Transaction& txn, const ProviderQuery& query) = 0;
};

// ---- the audit trail ----

// One audit row; its time is the transaction's.
struct AuditRecord {
  std::string provider_id;
  CallContext by;
  v1::AuditEvent::Action action = v1::AuditEvent::ACTION_UNSPECIFIED;
  int64_t old_revision = 0;
  int64_t new_revision = 0;
  std::vector<std::string> changed_fields;
  std::string reason;
  std::string request_id;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends the rows in order (their ids ascend in that order).
  virtual void Append(Transaction& txn, std::span<const AuditRecord> records) = 0;
  // Events newest first, of one provider or of all (empty id), with an id
  // below `before_id` when given.
  virtual std::vector<v1::AuditEvent> List(Transaction& txn, const std::string& provider_id,
                                           std::optional<int64_t> before_id, int limit) = 0;
};

// ---- idempotency of CreateProvider ----

struct CreateRequestRecord {
  std::string request_hash;
  v1::Provider response;
};

class RequestStore {
 public:
  virtual ~RequestStore() = default;
  virtual std::optional<CreateRequestRecord> Load(Transaction& txn,
                                                  const std::string& request_id) = 0;
  // Errors: ALREADY_EXISTS when another transaction recorded it first.
  virtual absl::Status Insert(Transaction& txn, const std::string& request_id,
                              const CreateRequestRecord& record) = 0;
};

// ---- scoring profiles ----

struct ProfileAuditRecord {
  std::string profile_id;
  CallContext by;
  std::string action;  // CREATE, UPDATE
  int64_t old_revision = 0;
  int64_t new_revision = 0;
  std::vector<std::string> changed_fields;
};

class ProfileStore {
 public:
  virtual ~ProfileStore() = default;
  // Every profile, by id.
  virtual std::vector<v1::Profile> LoadAll(Transaction& txn) = 0;
  virtual std::optional<v1::Profile> Load(Transaction& txn, const std::string& id,
                                          bool for_update) = 0;
  // Adds a profile (revision, time and etag set). With `if_absent` an
  // existing id is no error: false and nothing written (replicas seeding the
  // defaults together). Errors: ALREADY_EXISTS for an existing id otherwise.
  virtual absl::StatusOr<bool> Insert(Transaction& txn, const std::string& id,
                                      const v1::Profile& profile, bool if_absent) = 0;
  // As ProviderStore::Replace.
  virtual bool Replace(Transaction& txn, const std::string& id, const v1::Profile& profile,
                       int64_t old_revision) = 0;
  virtual void AppendAudit(Transaction& txn, const ProfileAuditRecord& record) = 0;
};

// ---- API keys ----

// A key as the key ring holds it.
struct StoredKey {
  std::string secret_sha256;  // raw 32 bytes
  std::string id;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  std::optional<absl::Time> expire_time;
};

struct NewKey {
  std::string id;
  std::string secret_sha256;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  std::string label;
  std::optional<absl::Time> expire_time;
  std::string creator;  // key id of the creator
};

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  // Serialises changes to the key table until the transaction ends, so two
  // callers cannot both pass a check over every key (the last admin).
  virtual void LockForChange(Transaction& txn) = 0;
  // Every key not revoked (expired ones included).
  virtual std::vector<StoredKey> LoadUnrevoked(Transaction& txn) = 0;
  // The stored key with `id`, revoked or not.
  virtual std::optional<v1::ApiKey> Find(Transaction& txn, const std::string& id) = 0;
  // Admin keys neither revoked nor expired at the transaction's time, other
  // than `except_id`.
  virtual int64_t CountUsableAdmins(Transaction& txn, const std::string& except_id) = 0;
  // Errors: ALREADY_EXISTS when the id exists.
  virtual absl::StatusOr<v1::ApiKey> Insert(Transaction& txn, const NewKey& key) = 0;
  virtual std::vector<v1::ApiKey> List(Transaction& txn, bool show_revoked) = 0;
  // Marks the key revoked by `revoker` unless it already is; returns it.
  // Errors: NOT_FOUND.
  virtual absl::StatusOr<v1::ApiKey> Revoke(Transaction& txn, const std::string& id,
                                            const std::string& revoker) = 0;
};

// ---- the registry change feed ----

// Where a reader stands in the registry's history: what one consistent
// read could see. Changes made by transactions invisible to that read are
// the ones a later ReadChanges returns. Only the store interprets it.
struct FeedPosition {
  int64_t revision = 0;            // newest audit event id the read saw
  int64_t horizon = 0;             // transactions numbered from here on were invisible
  std::vector<int64_t> in_flight;  // below the horizon and invisible (running)
};

struct RegistryRead {
  FeedPosition position;
  // Every provider that is not ACTIVE, with its status.
  std::vector<std::pair<std::string, v1::Provider::Status>> inactive;
};

struct RegistryChanges {
  FeedPosition position;
  // The current record of every provider changed since the position given,
  // any status, in id order; empty when nothing changed.
  std::vector<v1::Provider> changed;
};

class RegistryFeed {
 public:
  virtual ~RegistryFeed() = default;
  // One consistent read: `expect(n)` once with the number of ACTIVE
  // providers, then `each` for every one in id order (an error from `each`
  // ends the read and is returned). Errors: as Storage::InTransaction.
  virtual absl::StatusOr<RegistryRead> ReadAll(
      const std::function<void(int64_t active)>& expect,
      const std::function<absl::Status(const v1::Provider&)>& each) = 0;
  // The providers changed by transactions that `since` could not see and
  // the position of this read. Costs what changed since `since`, whatever
  // else runs on the database meanwhile. Errors: as Storage::InTransaction.
  virtual absl::StatusOr<RegistryChanges> ReadChanges(const FeedPosition& since) = 0;
};

// ---- notifications ----

enum class Topic { kRegistry, kProfiles, kKeys };

// Keeps a subscription alive; destroying it stops the callbacks (it waits
// for one in progress).
class Subscription {
 public:
  virtual ~Subscription() = default;
};

struct SubscriptionCallbacks {
  // A committed change to a topic's tables. Returns false on failure; the
  // subscription then calls again later with the same topic.
  std::function<bool(Topic topic)> on_change;
  // Called about once a second while the subscription lives (periodic work).
  std::function<void()> every_round;
};

// ---- all of it ----

class Storage {
 public:
  virtual ~Storage() = default;
  // Runs `body` in one read-write transaction and commits when it returns
  // OK; an error or exception rolls everything back. Thread-safe.
  virtual absl::Status InTransaction(const std::function<absl::Status(Transaction&)>& body) = 0;
  virtual ProviderStore& providers() = 0;
  virtual AuditStore& audit() = 0;
  virtual RequestStore& requests() = 0;
  virtual ProfileStore& profiles() = 0;
  virtual KeyStore& keys() = 0;
  virtual RegistryFeed& feed() = 0;
  // Calls back on committed changes to `topics` from any replica, from a
  // thread of the subscription's own, until the result is destroyed. A
  // change committed after Subscribe returns is always announced.
  virtual std::unique_ptr<Subscription> Subscribe(std::vector<Topic> topics,
                                                  SubscriptionCallbacks callbacks) = 0;
};

}  // namespace vendormatch
