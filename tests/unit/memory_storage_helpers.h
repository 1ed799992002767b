// Helpers shared by the MemoryStorage tests.
#pragma once

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
#include "services/storage/memory_storage.h"

namespace vendormatch::memory_test {

using v1::Provider;

inline const absl::Time kT0 =
    absl::FromCivil(absl::CivilSecond(2026, 1, 2, 3, 4, 5), absl::UTCTimeZone());

inline google::protobuf::Timestamp At(absl::Duration after_t0) {
  const absl::Time t = kT0 + after_t0;
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  out.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(out.seconds()))));
  return out;
}

inline Provider MakeProvider(const std::string& id,
                             Provider::Status status = Provider::STATUS_ACTIVE) {
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

inline NewKey Key(const std::string& id, const std::string& secret_sha256, v1::Role role) {
  NewKey key;
  key.id = id;
  key.secret_sha256 = secret_sha256;
  key.role = role;
  key.label = "test";
  key.creator = "bootstrap";
  return key;
}

inline MemoryStorageOptions WithClock(std::function<absl::Time()> clock) {
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
inline absl::Status Create(MemoryStorage& storage, const std::vector<Provider>& providers) {
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

inline std::optional<Provider> Get(MemoryStorage& storage, const std::string& id) {
  std::optional<Provider> out;
  EXPECT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    out = storage.providers().Load(txn, id, false);
                    return absl::OkStatus();
                  })
                  .ok());
  return out;
}

inline std::vector<ProviderRow> List(MemoryStorage& storage, const ProviderQuery& query) {
  std::vector<ProviderRow> rows;
  EXPECT_TRUE(storage
                  .InTransaction([&](Transaction& txn) {
                    rows = storage.providers().List(txn, query);
                    return absl::OkStatus();
                  })
                  .ok());
  return rows;
}

inline std::vector<std::string> Ids(const std::vector<ProviderRow>& rows) {
  std::vector<std::string> ids;
  for (const ProviderRow& row : rows) ids.push_back(ProviderId(row.provider));
  return ids;
}

inline std::vector<std::string> Ids(const std::vector<Provider>& providers) {
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

inline std::vector<std::string> Names(const std::vector<v1::AuditEvent>& events) {
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.name());
  return names;
}

}  // namespace vendormatch::memory_test
