// MemoryStorage's insides, shared by its source files (memory_rows.cc: the
// rows and PostgreSQL's timestamps; memory_stores.cc: the stores;
// memory_storage.cc: transactions, the feed and subscriptions). Inside
// storage only.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "google/protobuf/timestamp.pb.h"
#include "services/storage/memory_storage.h"

namespace vendormatch {
namespace memory {

// ---- PostgreSQL's timestamps: microseconds, printed as timestamptz::text ----

// The microseconds PostgreSQL stores for the text TimeUtil::ToString makes of
// `t`.
int64_t PgMicros(const google::protobuf::Timestamp& t);
void SetTimestamp(int64_t micros, google::protobuf::Timestamp* out);
// timestamptz::text with TimeZone UTC: "2026-01-02 03:04:05.1+00".
std::string PgTimestampText(int64_t micros);

// ---- rows ----

// A providers row: the record and the columns List filters and orders on,
// derived as provider_store.cc (ColumnsOf) derives them.
struct ProviderEntry {
  v1::Provider provider;
  std::string status;  // "ACTIVE"
  // The text[] columns by name (provider_columns.h), sorted, no repeats.
  std::map<std::string, std::vector<std::string>> arrays;
  // create_time and update_time as timestamptz::text. For years 1 to 9999
  // their byte order is their time order ('+' < '.' < digits, and no
  // fraction ends in 0), so List compares them as text.
  std::string create_key, update_key;
};

std::shared_ptr<const ProviderEntry> MakeProviderEntry(const v1::Provider& p);
// The CHECK constraints of the providers table.
absl::Status CheckProviderRow(const ProviderEntry& e);
// One comparison of a ProviderQuery, as ToSqlCondition would have
// PostgreSQL evaluate it.
bool Matches(const ProviderEntry& e, const FilterComparison& c);

struct AuditEntry {
  int64_t id = 0;
  int64_t txn = 0;     // number of the transaction that wrote it
  int64_t micros = 0;  // the transaction's time
  AuditRecord record;
};

struct ProfileAuditEntry {
  int64_t id = 0;
  int64_t micros = 0;
  ProfileAuditRecord record;
};

struct KeyEntry {
  NewKey key;
  int64_t create_micros = 0;
  std::optional<int64_t> expire_micros;
  std::optional<int64_t> revoke_micros;
  std::string revoker;
};

template <typename T>
using Rows = std::map<std::string, std::shared_ptr<const T>>;

template <typename T>
inline const T* FindRow(const Rows<T>& rows, const std::string& id) {
  const auto found = rows.find(id);
  return found == rows.end() ? nullptr : found->second.get();
}

// Everything stored. Rows are immutable and shared, so copying a State for a
// transaction copies pointers only.
struct State {
  Rows<ProviderEntry> providers;
  std::vector<std::shared_ptr<const AuditEntry>> audit;  // audit[i]->id == i + 1
  Rows<CreateRequestRecord> requests;
  Rows<v1::Profile> profiles;
  std::vector<std::shared_ptr<const ProfileAuditEntry>> profile_audit;
  Rows<KeyEntry> keys;
  int64_t next_txn = 1;  // the number the next transaction writing the registry takes
};

// What a subscription's thread waits on.
struct Listener {
  std::set<Topic> topics;
  std::mutex mu;
  std::condition_variable cv;
  std::set<Topic> pending;  // guarded by mu
  bool stop = false;        // guarded by mu
};

}  // namespace memory

struct MemoryStorage::Core {
  explicit Core(MemoryStorageOptions o) : options(std::move(o)) {}

  std::shared_ptr<const memory::State> Committed() {
    std::lock_guard lock(state_mu);
    return state;
  }

  void Publish(std::shared_ptr<const memory::State> next) {
    std::lock_guard lock(state_mu);
    state = std::move(next);
  }

  void Announce(const std::set<Topic>& topics) {
    std::lock_guard lock(listeners_mu);
    for (const auto& listener : listeners) {
      std::lock_guard listener_lock(listener->mu);
      bool woken = false;
      for (Topic topic : topics) {
        if (listener->topics.contains(topic)) woken |= listener->pending.insert(topic).second;
      }
      if (woken) listener->cv.notify_one();
    }
  }

  const MemoryStorageOptions options;
  std::mutex txn_mu;                        // held for the whole of a transaction
  std::atomic<std::thread::id> txn_thread;  // the thread running one, if any
  std::mutex state_mu;
  std::shared_ptr<const memory::State> state =
      std::make_shared<const memory::State>();  // guarded by state_mu
  std::mutex listeners_mu;
  std::vector<std::shared_ptr<memory::Listener>> listeners;  // guarded by listeners_mu
};

namespace memory {

using Core = MemoryStorage::Core;

class MemoryTransaction final : public Transaction {
 public:
  MemoryTransaction(const Core* owner, std::shared_ptr<const State> base, int64_t micros)
      : owner_(owner), base_(std::move(base)), micros_(micros) {}

  const Core* owner() const { return owner_; }
  int64_t micros() const { return micros_; }
  const State& Read() const { return working_ ? *working_ : *base_; }
  // The state to change; copies the committed one the first time.
  State& Write() {
    if (!working_) working_ = std::make_shared<State>(*base_);
    return *working_;
  }
  State& Write(Topic topic) {
    touched_.insert(topic);
    return Write();
  }
  // Records a failed statement: the transaction can no longer commit.
  void Abort(const absl::Status& status) {
    if (failure_.ok()) failure_ = status;
  }
  absl::Status Fail(absl::Status status) {
    Abort(status);
    return status;
  }
  const absl::Status& failure() const { return failure_; }
  const std::set<Topic>& touched() const { return touched_; }
  std::shared_ptr<State> TakeWorking() { return std::move(working_); }

 private:
  const Core* owner_;
  std::shared_ptr<const State> base_;
  std::shared_ptr<State> working_;
  int64_t micros_;
  absl::Status failure_;
  std::set<Topic> touched_;
};

class StoreBase {
 public:
  explicit StoreBase(const Core* core) : core_(core) {}

 protected:
  // Throws (INTERNAL from InTransaction) for another storage's transaction.
  MemoryTransaction& Txn(Transaction& txn) const {
    auto* memory = dynamic_cast<MemoryTransaction*>(&txn);
    if (memory == nullptr || memory->owner() != core_) {
      throw std::invalid_argument("MemoryStorage: a transaction of another Storage");
    }
    return *memory;
  }

 private:
  const Core* core_;
};

// The stores and the feed of one MemoryStorage.
std::unique_ptr<ProviderStore> NewProviderStore(const Core* core);
std::unique_ptr<AuditStore> NewAuditStore(const Core* core);
std::unique_ptr<RequestStore> NewRequestStore(const Core* core);
std::unique_ptr<ProfileStore> NewProfileStore(const Core* core);
std::unique_ptr<KeyStore> NewKeyStore(const Core* core);

}  // namespace memory
}  // namespace vendormatch
