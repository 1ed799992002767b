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

namespace vendormatch {
namespace {

using v1::Provider;

// ---- PostgreSQL's timestamps: microseconds, printed as timestamptz::text ----

constexpr int64_t kMicrosPerSecond = 1'000'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The microseconds PostgreSQL stores for the text TimeUtil::ToString makes of
// `t`: its ParseFractionalSecond takes rint(strtod(".fraction") * 1e6), and
// nanos / 1e9 is that same double (both operands are exact).
int64_t PgMicros(const google::protobuf::Timestamp& t) {
  const int32_t nanos = t.nanos();
  const int64_t micros =
      nanos % 1000 == 0 ? nanos / 1000 : static_cast<int64_t>(std::rint(nanos / 1e9 * 1e6));
  return t.seconds() * kMicrosPerSecond + micros;
}

void SetTimestamp(int64_t micros, google::protobuf::Timestamp* out) {
  const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>((micros - seconds * kMicrosPerSecond) * 1000));
}

// timestamptz::text with TimeZone UTC: "2026-01-02 03:04:05.1+00" (trailing
// zeros of the fraction dropped, no fraction when whole). Years 1 to 9999.
std::string PgTimestampText(int64_t micros) {
  const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  const absl::CivilSecond c =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  char text[128];
  std::snprintf(text, sizeof text, "%04lld-%02d-%02d %02d:%02d:%02d",
                static_cast<long long>(c.year()), c.month(), c.day(), c.hour(), c.minute(),
                c.second());
  std::string out = text;
  if (const int64_t fraction = micros - seconds * kMicrosPerSecond; fraction != 0) {
    std::snprintf(text, sizeof text, ".%06lld", static_cast<long long>(fraction));
    out += text;
    while (out.back() == '0') out.pop_back();
  }
  return out + "+00";
}

// ---- rows ----

// A providers row: the record and the columns List filters and orders on,
// derived as provider_store.cc (ColumnsOf) derives them.
struct ProviderEntry {
  Provider provider;
  std::string status;  // "ACTIVE"
  // Sorted, without duplicates, like the text[] columns.
  std::vector<std::string> service_models, services, delivery_countries, certifications, languages,
      industries, delivery_models;
  // create_time and update_time as timestamptz::text. For years 1 to 9999
  // their byte order is their time order ('+' < '.' < digits, and no
  // fraction ends in 0), so List compares them as text.
  std::string create_key, update_key;
};

std::vector<std::string> SortedUnique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

std::shared_ptr<const ProviderEntry> MakeProviderEntry(const Provider& p) {
  auto e = std::make_shared<ProviderEntry>();
  e->provider = p;
  e->status = StatusName(p.status());
  for (int m : p.service_models()) {
    e->service_models.push_back(ServiceModelName(static_cast<v1::ServiceModel>(m)));
  }
  e->services.assign(p.services().begin(), p.services().end());
  for (const auto& c : p.delivery_centers()) e->delivery_countries.push_back(c.country_code());
  for (const auto& c : p.certifications()) e->certifications.push_back(c.code());
  for (const std::string& tag : p.languages()) {
    // "es-MX" is found by both "es-mx" and its primary language "es".
    const std::string lower = absl::AsciiStrToLower(tag);
    e->languages.push_back(lower.substr(0, lower.find('-')));
    e->languages.push_back(lower);
  }
  e->industries.assign(p.industries().begin(), p.industries().end());
  for (int d : p.declared_delivery_models()) {
    e->delivery_models.push_back(DeliveryModelName(static_cast<v1::DeliveryModel>(d)));
  }
  for (auto* column : {&e->service_models, &e->services, &e->delivery_countries, &e->certifications,
                       &e->languages, &e->industries, &e->delivery_models}) {
    *column = SortedUnique(std::move(*column));
  }
  e->create_key = PgTimestampText(PgMicros(p.create_time()));
  e->update_key = PgTimestampText(PgMicros(p.update_time()));
  return e;
}

// The CHECK constraints of the providers table.
absl::Status CheckProviderRow(const ProviderEntry& e) {
  static const std::set<std::string> kStatuses = {"PENDING", "ACTIVE", "SUSPENDED", "OFFBOARDED"};
  if (!kStatuses.contains(e.status)) {
    return absl::InternalError(absl::StrCat("providers: status \"", e.status, "\" violates CHECK (",
                                            e.provider.name(), ")"));
  }
  if (e.provider.revision() < 1) {
    return absl::InternalError(
        absl::StrCat("providers: revision < 1 violates CHECK (", e.provider.name(), ")"));
  }
  return absl::OkStatus();
}

// One comparison of a ProviderQuery, as ToSqlCondition would have
// PostgreSQL evaluate it.
bool Matches(const ProviderEntry& e, const FilterComparison& c) {
  const bool negate = c.op == FilterOp::kNotEqual;
  const std::string* scalar = nullptr;
  if (c.field == "status") scalar = &e.status;
  if (c.field == "country") scalar = &e.provider.headquarters_country();
  if (c.field == "display_name") scalar = &e.provider.display_name();
  if (scalar != nullptr) return (*scalar == c.value) != negate;
  static const std::map<std::string, std::vector<std::string> ProviderEntry::*> kArrays = {
      {"service_model", &ProviderEntry::service_models},
      {"service", &ProviderEntry::services},
      {"delivery_country", &ProviderEntry::delivery_countries},
      {"certification", &ProviderEntry::certifications},
      {"language", &ProviderEntry::languages},
      {"industry", &ProviderEntry::industries},
      {"delivery_model", &ProviderEntry::delivery_models},
  };
  const auto array = kArrays.find(c.field);
  if (array == kArrays.end()) return false;  // unknown field: (FALSE), whatever the op
  const std::vector<std::string>& column = e.*(array->second);
  return std::binary_search(column.begin(), column.end(), c.value) != negate;
}

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
const T* FindRow(const Rows<T>& rows, const std::string& id) {
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

}  // namespace

struct MemoryStorage::Core {
  explicit Core(MemoryStorageOptions o) : options(std::move(o)) {}

  std::shared_ptr<const State> Committed() {
    std::lock_guard lock(state_mu);
    return state;
  }

  void Publish(std::shared_ptr<const State> next) {
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
  std::shared_ptr<const State> state = std::make_shared<const State>();  // guarded by state_mu
  std::mutex listeners_mu;
  std::vector<std::shared_ptr<Listener>> listeners;  // guarded by listeners_mu
};

namespace {

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

// ---- all of it ----

MemoryStorage::MemoryStorage(MemoryStorageOptions options)
    : core_(std::make_shared<Core>(std::move(options))),
      providers_(std::make_unique<MemoryProviderStore>(core_.get())),
      audit_(std::make_unique<MemoryAuditStore>(core_.get())),
      requests_(std::make_unique<MemoryRequestStore>(core_.get())),
      profiles_(std::make_unique<MemoryProfileStore>(core_.get())),
      keys_(std::make_unique<MemoryKeyStore>(core_.get())),
      feed_(std::make_unique<MemoryFeed>(core_.get())) {}

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
    touched = RunTransaction(*core_, body);
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
  auto listener = std::make_shared<Listener>();
  listener->topics.insert(topics.begin(), topics.end());
  {
    std::lock_guard lock(core_->listeners_mu);
    core_->listeners.push_back(listener);
  }
  return std::make_unique<MemorySubscription>(core_, std::move(listener), std::move(callbacks));
}

}  // namespace vendormatch
