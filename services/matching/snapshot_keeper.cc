#include "services/matching/snapshot_keeper.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "absl/time/clock.h"
#include "services/common/status_macros.h"

namespace vendormatch {

SnapshotKeeper::SnapshotKeeper(RegistryFeed& feed, absl::Duration full_refresh_interval)
    : feed_(feed), full_refresh_interval_(full_refresh_interval) {
  std::lock_guard lock(refresh_mu_);
  next_full_refresh_ = absl::Now() + full_refresh_interval_;
}

absl::Status SnapshotKeeper::Reload() {
  std::lock_guard lock(refresh_mu_);
  return ReloadLocked();
}

absl::Status SnapshotKeeper::ReloadLocked() {
  const absl::Time started = absl::Now();
  VM_ASSIGN_OR_RETURN(auto snapshot, LoadSnapshot(feed_, dictionary_));
  spdlog::info("snapshot r{}: {} active providers loaded in {}", snapshot->revision,
               snapshot->size(), absl::FormatDuration(absl::Now() - started));
  Swap(std::move(snapshot));
  next_full_refresh_ = absl::Now() + full_refresh_interval_;
  return absl::OkStatus();
}

absl::Status SnapshotKeeper::Update() {
  std::lock_guard lock(refresh_mu_);
  const std::shared_ptr<const Snapshot> base = current();
  if (!base) return ReloadLocked();
  const absl::Time started = absl::Now();
  VM_ASSIGN_OR_RETURN(auto next, RefreshSnapshot(feed_, base));
  if (next == base) return absl::OkStatus();
  spdlog::info("snapshot r{} -> r{}: {} active providers in {} segments, updated in {}",
               base->revision, next->revision, next->size(), next->segments.size(),
               absl::FormatDuration(absl::Now() - started));
  Swap(std::move(next));
  return absl::OkStatus();
}

void SnapshotKeeper::FullRefreshWhenDue() {
  std::lock_guard lock(refresh_mu_);
  if (absl::Now() < next_full_refresh_) return;
  // In the background like every refresh: matches keep reading the current
  // snapshot meanwhile. When storage is away, the next round tries again.
  absl::Status s = ReloadLocked();
  if (!s.ok()) spdlog::warn("snapshot reload: {}", s.ToString());
  if (!s.ok() && !absl::IsUnavailable(s)) next_full_refresh_ = absl::Now() + full_refresh_interval_;
}

void SnapshotKeeper::Swap(std::shared_ptr<const Snapshot> next) {
  std::lock_guard lock(mu_);
  snapshot_ = std::move(next);
  time_ = absl::Now();
}

std::shared_ptr<const Snapshot> SnapshotKeeper::current() const {
  std::lock_guard lock(mu_);
  return snapshot_;
}

int64_t SnapshotKeeper::revision() const {
  std::lock_guard lock(mu_);
  return snapshot_ ? snapshot_->revision : 0;
}

absl::Time SnapshotKeeper::time() const {
  std::lock_guard lock(mu_);
  return time_;
}

}  // namespace vendormatch
