// One server's current registry snapshot: built from the change feed at
// start, brought up to date from it when told of a change, and rebuilt in
// full now and then in case a notification was missed.
#pragma once

#include <memory>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/matching/dictionary.h"
#include "services/matching/snapshot.h"
#include "services/storage/storage.h"

namespace vendormatch {

// Thread-safe. Readers take the current snapshot (a shared pointer, so a
// refresh never disturbs a match in flight); one refresh runs at a time and
// swaps the new snapshot in atomically. Does not own `feed`.
class SnapshotKeeper {
 public:
  SnapshotKeeper(RegistryFeed& feed, absl::Duration full_refresh_interval);

  // A full rebuild. Errors: as LoadSnapshot; the current snapshot stays.
  absl::Status Reload();
  // Applies what changed since the current snapshot was read (a full
  // rebuild when there is none yet). Errors: as RefreshSnapshot.
  absl::Status Update();
  // Reload() when full_refresh_interval has passed since the last one.
  void FullRefreshWhenDue();

  // The current snapshot; null before the first successful load.
  std::shared_ptr<const Snapshot> current() const;
  int64_t revision() const;
  // When the current snapshot was swapped in (a refresh that finds nothing
  // new keeps the snapshot and this time).
  absl::Time time() const;

 private:
  absl::Status ReloadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(refresh_mu_);
  void Swap(std::shared_ptr<const Snapshot> next);

  RegistryFeed& feed_;
  const absl::Duration full_refresh_interval_;
  // Interned codes, shared by every snapshot this keeper builds.
  const std::shared_ptr<Dictionary> dictionary_ = std::make_shared<Dictionary>();
  std::mutex refresh_mu_;  // one refresh at a time
  absl::Time next_full_refresh_ ABSL_GUARDED_BY(refresh_mu_);
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> snapshot_ ABSL_GUARDED_BY(mu_);
  absl::Time time_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace vendormatch
