#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/domain/names.h"
#include "services/storage/memory_internal.h"

namespace vendormatch::memory {
namespace {

using v1::Provider;

// ---- providers ----

class MemoryProviderStore final : public ProviderStore, StoreBase {
 public:
  using StoreBase::StoreBase;

  std::optional<Provider> Load(Transaction& t, const std::string& id, bool) override {
    const ProviderEntry* row = FindRow(Txn(t).Read().providers, id);
    if (row == nullptr) return std::nullopt;
    return row->provider;
  }

  std::vector<Provider> LoadForUpdate(Transaction& t,
                                      const std::vector<std::string>& ids) override {
    const auto& rows = Txn(t).Read().providers;
    std::vector<Provider> out;
    for (const std::string& id : std::set<std::string>(ids.begin(), ids.end())) {
      if (auto found = rows.find(id); found != rows.end()) out.push_back(found->second->provider);
    }
    return out;
  }

  bool Exists(Transaction& t, const std::string& id) override {
    return Txn(t).Read().providers.contains(id);
  }

  absl::Status Insert(Transaction& t, std::span<const Provider> providers) override {
    MemoryTransaction& txn = Txn(t);
    std::vector<std::shared_ptr<const ProviderEntry>> rows;
    std::set<std::string> ids;
    for (const Provider& p : providers) {
      const std::string id = ProviderId(p);
      if (txn.Read().providers.contains(id) || !ids.insert(id).second) {
        return txn.Fail(absl::AlreadyExistsError(absl::StrCat("provider ", id, " exists")));
      }
      rows.push_back(MakeProviderEntry(p));
      if (absl::Status s = CheckProviderRow(*rows.back()); !s.ok()) return txn.Fail(s);
    }
    if (rows.empty()) return absl::OkStatus();
    State& state = txn.Write(Topic::kRegistry);
    for (auto& row : rows) state.providers.emplace(ProviderId(row->provider), std::move(row));
    return absl::OkStatus();
  }

  bool Replace(Transaction& t, const Provider& provider, int64_t old_revision) override {
    MemoryTransaction& txn = Txn(t);
    const std::string id = ProviderId(provider);
    const ProviderEntry* stored = FindRow(txn.Read().providers, id);
    if (stored == nullptr || stored->provider.revision() != old_revision) return false;
    auto row = MakeProviderEntry(provider);
    if (absl::Status s = CheckProviderRow(*row); !s.ok()) {
      txn.Abort(s);
      return false;
    }
    txn.Write(Topic::kRegistry).providers[id] = std::move(row);
    return true;
  }

  std::vector<ProviderRow> List(Transaction& t, const ProviderQuery& query) override;
};

// A row's place in a List order: (key, id), the key being the order column.
struct Place {
  std::string_view key;
  std::string_view id;
  const ProviderEntry* entry = nullptr;

  bool operator<(const Place& other) const {
    return std::tie(key, id) < std::tie(other.key, other.id);
  }
};

std::string_view OrderKey(std::string_view id, const ProviderEntry& e, ProviderOrder order) {
  switch (order) {
    case ProviderOrder::kDisplayName:
      return e.provider.display_name();
    case ProviderOrder::kCreateTime:
      return e.create_key;
    case ProviderOrder::kUpdateTime:
      return e.update_key;
    case ProviderOrder::kId:
      break;
  }
  return id;
}

// As ListProviderRows: the keyset condition holds only with after_id, and
// compares the key too unless the order is by id. A malformed time key is
// compared as text (PostgreSQL would fail the statement).
std::vector<ProviderRow> MemoryProviderStore::List(Transaction& t, const ProviderQuery& q) {
  MemoryTransaction& txn = Txn(t);
  if (q.limit < 0) {
    txn.Abort(absl::InternalError("LIMIT must not be negative"));
    return {};
  }
  const std::string after_key =
      q.order == ProviderOrder::kId ? q.after_id.value_or("") : q.after_key.value_or("");
  std::optional<Place> after;
  if (q.after_id) after = Place{after_key, *q.after_id};
  const bool constrains_status = std::any_of(q.filter.begin(), q.filter.end(),
                                             [](const auto& c) { return c.field == "status"; });
  std::vector<Place> places;
  for (const auto& [id, row] : txn.Read().providers) {
    if (q.hide_offboarded && !constrains_status && row->status == "OFFBOARDED") continue;
    if (!std::all_of(q.filter.begin(), q.filter.end(),
                     [&](const auto& c) { return Matches(*row, c); })) {
      continue;
    }
    const Place place{OrderKey(id, *row, q.order), id, row.get()};
    if (after && !(q.descending ? place < *after : *after < place)) continue;
    places.push_back(place);
  }
  const size_t n = std::min(places.size(), static_cast<size_t>(q.limit));
  std::partial_sort(places.begin(), places.begin() + n, places.end(),
                    [&](const Place& a, const Place& b) { return q.descending ? b < a : a < b; });
  std::vector<ProviderRow> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back({places[i].entry->provider, std::string(places[i].key)});
  }
  return out;
}

// ---- the audit trail ----

v1::AuditEvent ToAuditEvent(const AuditEntry& e) {
  const AuditRecord& r = e.record;
  v1::AuditEvent out;
  out.set_name(absl::StrCat("providers/", r.provider_id, "/auditEvents/", e.id));
  out.set_provider(absl::StrCat("providers/", r.provider_id));
  out.set_actor(r.by.actor);
  out.set_action(r.action);
  SetTimestamp(e.micros, out.mutable_event_time());
  out.set_old_revision(r.old_revision);
  out.set_new_revision(r.new_revision);
  // As the stored array comes back: joined with commas, split, empties dropped.
  for (absl::string_view field :
       absl::StrSplit(absl::StrJoin(r.changed_fields, ","), ',', absl::SkipEmpty())) {
    out.add_changed_fields(std::string(field));
  }
  out.set_reason(r.reason);
  out.set_request_id(r.request_id);
  out.set_key_id(r.by.key_id);
  return out;
}

class MemoryAuditStore final : public AuditStore, StoreBase {
 public:
  using StoreBase::StoreBase;

  void Append(Transaction& t, std::span<const AuditRecord> records) override {
    MemoryTransaction& txn = Txn(t);
    for (const AuditRecord& r : records) {
      if (!txn.Read().providers.contains(r.provider_id)) {
        txn.Abort(absl::InternalError(
            absl::StrCat("audit_events: provider ", r.provider_id, " violates FOREIGN KEY")));
        return;
      }
    }
    if (records.empty()) return;
    State& state = txn.Write(Topic::kRegistry);
    for (const AuditRecord& r : records) {
      state.audit.push_back(std::make_shared<const AuditEntry>(AuditEntry{
          static_cast<int64_t>(state.audit.size()) + 1, state.next_txn, txn.micros(), r}));
    }
  }

  std::vector<v1::AuditEvent> List(Transaction& t, const std::string& provider_id,
                                   std::optional<int64_t> before_id, int limit) override {
    MemoryTransaction& txn = Txn(t);
    if (limit < 0) {
      txn.Abort(absl::InternalError("LIMIT must not be negative"));
      return {};
    }
    const auto& audit = txn.Read().audit;
    int64_t end = static_cast<int64_t>(audit.size());
    if (before_id) end = std::clamp<int64_t>(*before_id - 1, 0, end);
    std::vector<v1::AuditEvent> out;
    for (int64_t i = end - 1; i >= 0 && static_cast<int>(out.size()) < limit; --i) {
      if (provider_id.empty() || audit[i]->record.provider_id == provider_id) {
        out.push_back(ToAuditEvent(*audit[i]));
      }
    }
    return out;
  }
};

// ---- idempotency of CreateProvider ----

class MemoryRequestStore final : public RequestStore, StoreBase {
 public:
  using StoreBase::StoreBase;

  std::optional<CreateRequestRecord> Load(Transaction& t, const std::string& request_id) override {
    const CreateRequestRecord* row = FindRow(Txn(t).Read().requests, request_id);
    if (row == nullptr) return std::nullopt;
    return *row;
  }

  absl::Status Insert(Transaction& t, const std::string& request_id,
                      const CreateRequestRecord& record) override {
    MemoryTransaction& txn = Txn(t);
    if (txn.Read().requests.contains(request_id)) {
      return txn.Fail(absl::AlreadyExistsError(absl::StrCat("request ", request_id, " exists")));
    }
    const std::string provider_id = ProviderId(record.response);
    if (!txn.Read().providers.contains(provider_id)) {
      return txn.Fail(absl::InternalError(
          absl::StrCat("create_requests: provider ", provider_id, " violates FOREIGN KEY")));
    }
    txn.Write().requests[request_id] = std::make_shared<const CreateRequestRecord>(record);
    return absl::OkStatus();
  }
};

// ---- scoring profiles ----

class MemoryProfileStore final : public ProfileStore, StoreBase {
 public:
  using StoreBase::StoreBase;

  std::vector<v1::Profile> LoadAll(Transaction& t) override {
    std::vector<v1::Profile> out;
    for (const auto& [id, profile] : Txn(t).Read().profiles) out.push_back(*profile);
    return out;
  }

  std::optional<v1::Profile> Load(Transaction& t, const std::string& id, bool) override {
    const v1::Profile* row = FindRow(Txn(t).Read().profiles, id);
    if (row == nullptr) return std::nullopt;
    return *row;
  }

  absl::StatusOr<bool> Insert(Transaction& t, const std::string& id, const v1::Profile& profile,
                              bool if_absent) override {
    MemoryTransaction& txn = Txn(t);
    if (txn.Read().profiles.contains(id)) {
      if (if_absent) return false;
      return txn.Fail(absl::AlreadyExistsError(absl::StrCat("profile ", id, " exists")));
    }
    if (absl::Status s = CheckRevision(txn, profile); !s.ok()) return s;
    txn.Write(Topic::kProfiles).profiles[id] = std::make_shared<const v1::Profile>(profile);
    return true;
  }

  bool Replace(Transaction& t, const std::string& id, const v1::Profile& profile,
               int64_t old_revision) override {
    MemoryTransaction& txn = Txn(t);
    const v1::Profile* stored = FindRow(txn.Read().profiles, id);
    if (stored == nullptr || stored->revision() != old_revision) return false;
    if (!CheckRevision(txn, profile).ok()) return false;
    txn.Write(Topic::kProfiles).profiles[id] = std::make_shared<const v1::Profile>(profile);
    return true;
  }

  void AppendAudit(Transaction& t, const ProfileAuditRecord& record) override {
    MemoryTransaction& txn = Txn(t);
    if (!txn.Read().profiles.contains(record.profile_id)) {
      txn.Abort(absl::InternalError(absl::StrCat("profile_audit_events: profile ",
                                                 record.profile_id, " violates FOREIGN KEY")));
      return;
    }
    State& state = txn.Write();
    state.profile_audit.push_back(std::make_shared<const ProfileAuditEntry>(ProfileAuditEntry{
        static_cast<int64_t>(state.profile_audit.size()) + 1, txn.micros(), record}));
  }

 private:
  static absl::Status CheckRevision(MemoryTransaction& txn, const v1::Profile& profile) {
    if (profile.revision() >= 1) return absl::OkStatus();
    return txn.Fail(absl::InternalError(
        absl::StrCat("profiles: revision < 1 violates CHECK (", profile.name(), ")")));
  }
};

// ---- API keys ----

v1::ApiKey ToApiKey(const KeyEntry& e) {
  v1::ApiKey out;
  out.set_name(absl::StrCat("apiKeys/", e.key.id));
  out.set_role(e.key.role);
  out.set_label(e.key.label);
  SetTimestamp(e.create_micros, out.mutable_create_time());
  if (e.expire_micros) SetTimestamp(*e.expire_micros, out.mutable_expire_time());
  if (e.revoke_micros) SetTimestamp(*e.revoke_micros, out.mutable_revoke_time());
  out.set_creator(e.key.creator);
  out.set_revoker(e.revoker);
  return out;
}

class MemoryKeyStore final : public KeyStore, StoreBase {
 public:
  using StoreBase::StoreBase;

  // Transactions already run one at a time: nothing more to serialise.
  void LockForChange(Transaction& t) override { Txn(t); }

  std::vector<StoredKey> LoadUnrevoked(Transaction& t) override {
    std::vector<StoredKey> out;
    for (const auto& [id, e] : Txn(t).Read().keys) {
      if (e->revoke_micros) continue;
      std::optional<absl::Time> expire;
      if (e->expire_micros) expire = absl::FromUnixMicros(*e->expire_micros);
      out.push_back({e->key.secret_sha256, id, e->key.role, expire});
    }
    return out;
  }

  std::optional<v1::ApiKey> Find(Transaction& t, const std::string& id) override {
    const KeyEntry* row = FindRow(Txn(t).Read().keys, id);
    if (row == nullptr) return std::nullopt;
    return ToApiKey(*row);
  }

  int64_t CountUsableAdmins(Transaction& t, const std::string& except_id) override {
    MemoryTransaction& txn = Txn(t);
    int64_t count = 0;
    for (const auto& [id, e] : txn.Read().keys) {
      count += e->key.role == v1::ROLE_ADMIN && !e->revoke_micros &&
               (!e->expire_micros || *e->expire_micros > txn.micros()) && id != except_id;
    }
    return count;
  }

  absl::StatusOr<v1::ApiKey> Insert(Transaction& t, const NewKey& key) override {
    MemoryTransaction& txn = Txn(t);
    const auto& rows = txn.Read().keys;
    if (key.secret_sha256.size() != 32 || RoleName(key.role).empty()) {
      return txn.Fail(absl::InternalError("api_keys: secret_sha256 or role violates CHECK"));
    }
    const bool same_secret = std::any_of(rows.begin(), rows.end(), [&](const auto& row) {
      return row.second->key.secret_sha256 == key.secret_sha256;
    });
    if (rows.contains(key.id) || same_secret) {
      return txn.Fail(absl::AlreadyExistsError(absl::StrCat("API key ", key.id, " exists")));
    }
    auto e = std::make_shared<KeyEntry>();
    e->key = key;
    e->create_micros = txn.micros();
    if (key.expire_time) e->expire_micros = absl::ToUnixMicros(*key.expire_time);
    txn.Write(Topic::kKeys).keys[key.id] = e;
    return ToApiKey(*e);
  }

  std::vector<v1::ApiKey> List(Transaction& t, bool show_revoked) override {
    std::vector<const KeyEntry*> shown;
    for (const auto& [id, e] : Txn(t).Read().keys) {
      if (show_revoked || !e->revoke_micros) shown.push_back(e.get());
    }
    std::sort(shown.begin(), shown.end(), [](const KeyEntry* a, const KeyEntry* b) {
      return std::tie(a->create_micros, a->key.id) < std::tie(b->create_micros, b->key.id);
    });
    std::vector<v1::ApiKey> out;
    for (const KeyEntry* e : shown) out.push_back(ToApiKey(*e));
    return out;
  }

  absl::StatusOr<v1::ApiKey> Revoke(Transaction& t, const std::string& id,
                                    const std::string& revoker) override {
    MemoryTransaction& txn = Txn(t);
    const KeyEntry* stored = FindRow(txn.Read().keys, id);
    if (stored == nullptr) return absl::NotFoundError(absl::StrCat("no API key apiKeys/", id));
    if (stored->revoke_micros) return ToApiKey(*stored);  // the first revocation stands
    auto e = std::make_shared<KeyEntry>(*stored);
    e->revoke_micros = txn.micros();
    e->revoker = revoker;
    txn.Write(Topic::kKeys).keys[id] = e;
    return ToApiKey(*e);
  }
};

}  // namespace

std::unique_ptr<ProviderStore> NewProviderStore(const Core* core) {
  return std::make_unique<MemoryProviderStore>(core);
}
std::unique_ptr<AuditStore> NewAuditStore(const Core* core) {
  return std::make_unique<MemoryAuditStore>(core);
}
std::unique_ptr<RequestStore> NewRequestStore(const Core* core) {
  return std::make_unique<MemoryRequestStore>(core);
}
std::unique_ptr<ProfileStore> NewProfileStore(const Core* core) {
  return std::make_unique<MemoryProfileStore>(core);
}
std::unique_ptr<KeyStore> NewKeyStore(const Core* core) {
  return std::make_unique<MemoryKeyStore>(core);
}

}  // namespace vendormatch::memory
