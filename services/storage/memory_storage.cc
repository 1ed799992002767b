#include "services/storage/memory_storage.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/domain/names.h"
#include "services/storage/deadline.h"
#include "services/storage/memory_internal.h"

namespace vendormatch {
namespace memory {
namespace {

using v1::Provider;

// ---- the registry change feed ----

FeedPosition PositionOf(const State& state) {
  return {state.audit.empty() ? 0 : state.audit.back()->id, state.next_txn, {}};
}

absl::Status StatusOfCurrentException() {
  try {
    throw;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("MemoryStorage: exception: ", e.what()));
  } catch (...) {
    return absl::InternalError("MemoryStorage: unknown exception");
  }
}

class MemoryFeed final : public RegistryFeed {
 public:
  explicit MemoryFeed(Core* core) : core_(core) {}

  absl::StatusOr<RegistryRead> ReadAll(
      const std::function<void(int64_t active)>& expect,
      const std::function<absl::Status(const Provider&)>& each) override {
    const std::shared_ptr<const State> state = core_->Committed();
    RegistryRead read;
    read.position = PositionOf(*state);
    try {
      const int64_t active =
          std::count_if(state->providers.begin(), state->providers.end(),
                        [](const auto& row) { return row.second->status == "ACTIVE"; });
      if (expect) expect(active);
      for (const auto& [id, row] : state->providers) {
        if (row->status != "ACTIVE") {
          read.inactive.emplace_back(id, row->provider.status());
        } else if (each) {
          if (absl::Status s = each(row->provider); !s.ok()) return s;
        }
      }
    } catch (...) {
      return StatusOfCurrentException();
    }
    return read;
  }

  absl::StatusOr<RegistryChanges> ReadChanges(const FeedPosition& since) override {
    const std::shared_ptr<const State> state = core_->Committed();
    int64_t oldest = since.horizon;
    for (int64_t txn : since.in_flight) oldest = std::min(oldest, txn);
    const std::set<int64_t> in_flight(since.in_flight.begin(), since.in_flight.end());
    // Audit rows are in commit order, so the ones to read are at the end.
    std::set<std::string> ids;
    for (auto it = state->audit.rbegin(); it != state->audit.rend() && (*it)->txn >= oldest; ++it) {
      if ((*it)->txn >= since.horizon || in_flight.contains((*it)->txn)) {
        ids.insert((*it)->record.provider_id);
      }
    }
    RegistryChanges changes;
    changes.position = PositionOf(*state);
    for (const std::string& id : ids) {
      if (auto row = state->providers.find(id); row != state->providers.end()) {
        changes.changed.push_back(row->second->provider);
      }
    }
    return changes;
  }

 private:
  Core* core_;
};

// ---- notifications ----

class MemorySubscription final : public Subscription {
 public:
  MemorySubscription(std::shared_ptr<Core> core, std::shared_ptr<Listener> listener,
                     SubscriptionCallbacks callbacks)
      : core_(std::move(core)),
        listener_(std::move(listener)),
        callbacks_(std::move(callbacks)),
        thread_([this] { Run(); }) {}

  ~MemorySubscription() override {
    {
      std::lock_guard lock(core_->listeners_mu);
      std::erase(core_->listeners, listener_);
    }
    {
      std::lock_guard lock(listener_->mu);
      listener_->stop = true;
    }
    listener_->cv.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    const auto interval = std::chrono::microseconds(std::clamp<int64_t>(
        absl::ToInt64Microseconds(core_->options.round_interval), 1000, int64_t{1} << 40));
    auto next_round = std::chrono::steady_clock::now() + interval;
    std::set<Topic> retry;  // on_change failed: call again next round
    std::unique_lock lock(listener_->mu);
    while (true) {
      listener_->cv.wait_until(lock, next_round,
                               [&] { return listener_->stop || !listener_->pending.empty(); });
      if (listener_->stop) return;
      std::set<Topic> due = std::exchange(listener_->pending, {});
      const auto now = std::chrono::steady_clock::now();
      const bool round = now >= next_round;
      if (round) {
        due.merge(retry);
        retry.clear();
        next_round = now + interval;
      }
      lock.unlock();
      for (Topic topic : due) {
        if (OnChange(topic)) {
          retry.erase(topic);
        } else {
          retry.insert(topic);
        }
      }
      if (round && callbacks_.every_round) {
        try {
          callbacks_.every_round();
        } catch (...) {
          // Ignored: the next round runs as usual.
        }
      }
      lock.lock();
    }
  }

  bool OnChange(Topic topic) {
    if (!callbacks_.on_change) return true;
    try {
      return callbacks_.on_change(topic);
    } catch (...) {
      return false;
    }
  }

  std::shared_ptr<Core> core_;
  std::shared_ptr<Listener> listener_;
  SubscriptionCallbacks callbacks_;
  std::thread thread_;  // last: starts once the rest is set
};

// Runs `body` on a transaction over the committed state; on success,
// publishes what it wrote and returns the topics it touched.
absl::StatusOr<std::set<Topic>> RunTransaction(
    Core& core, const std::function<absl::Status(Transaction&)>& body) {
  try {
    if (absl::Now() >= ScopedDeadline::Current()) {
      return absl::DeadlineExceededError("deadline passed before the transaction began");
    }
    const absl::Time now = core.options.clock ? core.options.clock() : absl::Now();
    MemoryTransaction txn(&core, core.Committed(), absl::ToUnixMicros(now));
    absl::Status status = body(txn);
    if (!status.ok()) return status;
    if (!txn.failure().ok()) {
      return absl::Status(
          txn.failure().code(),
          absl::StrCat("transaction aborted by a failed statement: ", txn.failure().message()));
    }
    std::set<Topic> touched = txn.touched();
    if (std::shared_ptr<State> next = txn.TakeWorking()) {
      if (touched.contains(Topic::kRegistry)) ++next->next_txn;
      core.Publish(std::move(next));
    }
    return touched;
  } catch (...) {
    return StatusOfCurrentException();
  }
}

}  // namespace
}  // namespace memory

// ---- all of it ----

MemoryStorage::MemoryStorage(MemoryStorageOptions options)
    : core_(std::make_shared<Core>(std::move(options))),
      providers_(memory::NewProviderStore(core_.get())),
      audit_(memory::NewAuditStore(core_.get())),
      requests_(memory::NewRequestStore(core_.get())),
      profiles_(memory::NewProfileStore(core_.get())),
      keys_(memory::NewKeyStore(core_.get())),
      feed_(std::make_unique<memory::MemoryFeed>(core_.get())) {}

MemoryStorage::~MemoryStorage() = default;

absl::Status MemoryStorage::InTransaction(const std::function<absl::Status(Transaction&)>& body) {
  if (core_->txn_thread.load() == std::this_thread::get_id()) {
    return absl::FailedPreconditionError(
        "MemoryStorage: InTransaction inside a transaction is not supported");
  }
  absl::StatusOr<std::set<Topic>> touched;
  {
    std::lock_guard lock(core_->txn_mu);
    core_->txn_thread.store(std::this_thread::get_id());
    touched = memory::RunTransaction(*core_, body);
    core_->txn_thread.store(std::thread::id());
  }
  if (!touched.ok()) return touched.status();
  core_->Announce(*touched);
  return absl::OkStatus();
}

ProviderStore& MemoryStorage::providers() { return *providers_; }
AuditStore& MemoryStorage::audit() { return *audit_; }
RequestStore& MemoryStorage::requests() { return *requests_; }
ProfileStore& MemoryStorage::profiles() { return *profiles_; }
KeyStore& MemoryStorage::keys() { return *keys_; }
RegistryFeed& MemoryStorage::feed() { return *feed_; }

std::unique_ptr<Subscription> MemoryStorage::Subscribe(std::vector<Topic> topics,
                                                       SubscriptionCallbacks callbacks) {
  auto listener = std::make_shared<memory::Listener>();
  listener->topics.insert(topics.begin(), topics.end());
  {
    std::lock_guard lock(core_->listeners_mu);
    core_->listeners.push_back(listener);
  }
  return std::make_unique<memory::MemorySubscription>(core_, std::move(listener),
                                                      std::move(callbacks));
}

}  // namespace vendormatch
