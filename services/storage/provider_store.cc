#include "services/storage/provider_store.h"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/util/time_util.h"
#include "services/storage/database.h"
#include "services/storage/filter_sql.h"
#include "services/storage/pg_transaction.h"
#include "services/storage/provider_columns.h"
#include "vendormatch/provider.h"

namespace vendormatch {
namespace {

using vendormatch::v1::AuditEvent;
using vendormatch::v1::Provider;

std::string TimestampText(const google::protobuf::Timestamp& t) {
  return google::protobuf::util::TimeUtil::ToString(t);
}

pqxx::binarystring BodyOf(const Provider& provider) {
  return pqxx::binarystring(provider.SerializeAsString());
}

// The columns of a providers row after its id and before its body, in the
// order RowText gives their values; their placeholders cast as the column
// needs.
const std::vector<std::string>& TextColumns() {
  static const auto* columns = [] {
    auto* out = new std::vector<std::string>{"display_name", "status", "headquarters_country"};
    for (const std::string& name : ArrayColumnNames()) out->push_back(name);
    out->insert(out->end(), {"revision", "create_time", "update_time"});
    return out;
  }();
  return *columns;
}

std::string Placeholder(const std::string& column, size_t n) {
  return absl::StrCat("$", n, absl::EndsWith(column, "_time") ? "::timestamptz" : "");
}

// The values of TextColumns() for `p`, as text.
std::vector<std::string> RowText(const Provider& p) {
  std::vector<std::string> out = {p.display_name(), StatusName(p.status()),
                                  p.headquarters_country()};
  for (const ArrayColumn& column : ArrayColumnsOf(p)) out.push_back(ToPgArray(column.values));
  out.insert(out.end(), {absl::StrCat(p.revision()), TimestampText(p.create_time()),
                         TimestampText(p.update_time())});
  return out;
}

}  // namespace

std::optional<Provider> LoadProvider(pqxx::work& txn, const std::string& id, bool for_update) {
  auto rows = txn.exec_params(for_update ? "SELECT body FROM providers WHERE id = $1 FOR UPDATE"
                                         : "SELECT body FROM providers WHERE id = $1",
                              id);
  if (rows.empty()) return std::nullopt;
  return ParseBytea<Provider>(rows[0][0]);
}

std::vector<Provider> LoadProvidersForUpdate(pqxx::work& txn, const std::vector<std::string>& ids) {
  std::vector<Provider> out;
  auto rows = txn.exec_params(
      "SELECT body FROM providers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE",
      ToPgArray(ids));
  for (const auto& row : rows) out.push_back(ParseBytea<Provider>(row[0]));
  return out;
}

namespace {

// "a, b, c" -> {"a", "b", "c"}: a column list for pqxx::stream_to.
std::vector<std::string> ColumnList(absl::string_view columns) {
  std::vector<std::string> out;
  for (absl::string_view c : absl::StrSplit(columns, ',')) {
    out.emplace_back(absl::StripAsciiWhitespace(c));
  }
  return out;
}

// INSERT INTO providers: $1 the id, then TextColumns(), the body last.
const std::string& InsertSql() {
  static const auto* sql = [] {
    std::vector<std::string> names = {"id"}, values = {"$1"};
    for (const std::string& c : TextColumns()) {
      names.push_back(c);
      values.push_back(Placeholder(c, values.size() + 1));
    }
    names.push_back("body");
    values.push_back(absl::StrCat("$", values.size() + 1));
    return new std::string(absl::StrCat("INSERT INTO providers (", absl::StrJoin(names, ", "),
                                        ") VALUES (", absl::StrJoin(values, ", "), ")"));
  }();
  return *sql;
}

// UPDATE providers at a revision: $1 the id, then TextColumns(), the body,
// the old revision.
const std::string& ReplaceSql() {
  static const auto* sql = [] {
    std::vector<std::string> sets;
    for (const std::string& c : TextColumns()) {
      sets.push_back(absl::StrCat(c, " = ", Placeholder(c, sets.size() + 2)));
    }
    const size_t body = sets.size() + 2;
    sets.push_back(absl::StrCat("body = $", body));
    return new std::string(absl::StrCat("UPDATE providers SET ", absl::StrJoin(sets, ", "),
                                        " WHERE id = $1 AND revision = $", body + 1));
  }();
  return *sql;
}

}  // namespace

void InsertProvider(pqxx::work& txn, const Provider& p) {
  txn.exec_params(InsertSql(), ProviderId(p), pqxx::prepare::make_dynamic_params(RowText(p)),
                  BodyOf(p));
}

ProviderWriter::ProviderWriter(pqxx::work& txn) {
  std::vector<std::string> columns = {"id"};
  columns.insert(columns.end(), TextColumns().begin(), TextColumns().end());
  columns.push_back("body");
  stream_ = std::make_unique<pqxx::stream_to>(txn, "providers", columns);
}

ProviderWriter::~ProviderWriter() = default;

void ProviderWriter::Add(const Provider& p) {
  // COPY's text format takes bytea as hex text.
  body_.clear();
  p.SerializeToString(&body_);
  // stream_to takes a row of fixed arity: the id, the text columns, the body.
  constexpr size_t kArrays = 3 + sdk::kCodeLists + sdk::kDatedLists;
  std::array<std::string, 1 + 3 + kArrays + 3 + 1> row;
  std::vector<std::string> text = RowText(p);
  if (text.size() + 2 != row.size()) throw std::logic_error("providers row: column count");
  row.front() = ProviderId(p);
  std::move(text.begin(), text.end(), row.begin() + 1);
  row.back() = absl::StrCat("\\x", absl::BytesToHexString(body_));
  *stream_ << row;
}

void ProviderWriter::Complete() { stream_->complete(); }

bool ReplaceProvider(pqxx::work& txn, const Provider& p, int64_t old_revision) {
  const pqxx::result result =
      txn.exec_params(ReplaceSql(), ProviderId(p), pqxx::prepare::make_dynamic_params(RowText(p)),
                      BodyOf(p), old_revision);
  return result.affected_rows() == 1;
}

namespace {

// The column an order is on: a fixed identifier from a closed set.
absl::string_view OrderColumn(ProviderOrder order) {
  switch (order) {
    case ProviderOrder::kDisplayName:
      return "display_name";
    case ProviderOrder::kCreateTime:
      return "create_time";
    case ProviderOrder::kUpdateTime:
      return "update_time";
    case ProviderOrder::kId:
      break;
  }
  return "id";
}

}  // namespace

std::vector<ProviderRow> ListProviderRows(pqxx::work& txn, const ProviderQuery& q) {
  const SqlCondition filter = ToSqlCondition(q.filter, 1);
  std::vector<std::string> params = filter.params;
  std::vector<std::string> conditions;
  if (!filter.sql.empty()) conditions.push_back(absl::StrCat("(", filter.sql, ")"));
  if (q.hide_offboarded && !filter.constrains_status) {
    conditions.push_back("status <> 'OFFBOARDED'");
  }
  const absl::string_view column = OrderColumn(q.order);
  const bool by_id = q.order == ProviderOrder::kId;
  const std::string key_sql = by_id ? "id" : absl::StrCat(column, "::text");
  const char* cmp = q.descending ? "<" : ">";
  if (q.after_id && by_id) {
    params.push_back(*q.after_id);
    conditions.push_back(absl::StrCat("id ", cmp, " $", params.size()));
  } else if (q.after_id) {
    params.push_back(q.after_key.value_or(""));
    params.push_back(*q.after_id);
    const char* cast = q.order == ProviderOrder::kDisplayName ? "text" : "timestamptz";
    conditions.push_back(absl::StrCat("(", column, ", id) ", cmp, " ($", params.size() - 1,
                                      "::", cast, ", $", params.size(), ")"));
  }
  const char* dir = q.descending ? " DESC" : "";
  std::string sql = absl::StrCat("SELECT body, ", key_sql, " FROM providers");
  if (!conditions.empty()) absl::StrAppend(&sql, " WHERE ", absl::StrJoin(conditions, " AND "));
  if (by_id) {
    absl::StrAppend(&sql, " ORDER BY id", dir);
  } else {
    absl::StrAppend(&sql, " ORDER BY ", column, dir, ", id", dir);
  }
  absl::StrAppend(&sql, " LIMIT ", q.limit);
  std::vector<ProviderRow> out;
  for (const auto& row : txn.exec_params(sql, pqxx::prepare::make_dynamic_params(params))) {
    out.push_back({ParseBytea<Provider>(row[0]), row[1].as<std::string>()});
  }
  return out;
}

namespace {

constexpr char kAuditColumns[] =
    "provider_id, actor, action, old_revision, new_revision, changed_fields, reason, "
    "request_id, key_id";

// One audit row's values in kAuditColumns order (event_time defaults to the
// transaction's time).
auto AuditValues(const AuditRecord& r) {
  return std::make_tuple(r.provider_id, r.by.actor, ActionName(r.action), r.old_revision,
                         r.new_revision, ToPgArray(r.changed_fields), r.reason, r.request_id,
                         r.by.key_id);
}

}  // namespace

void InsertAuditEvent(pqxx::work& txn, const AuditRecord& r) {
  std::apply(
      [&](const auto&... values) {
        txn.exec_params(absl::StrCat("INSERT INTO audit_events (", kAuditColumns,
                                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
                        values...);
      },
      AuditValues(r));
}

void InsertAuditEvents(pqxx::work& txn, std::span<const AuditRecord> records) {
  pqxx::stream_to stream(txn, "audit_events", ColumnList(kAuditColumns));
  for (const AuditRecord& r : records) stream << AuditValues(r);
  stream.complete();
}

std::vector<AuditEvent> ListAuditEventRows(pqxx::work& txn, const std::string& provider_id,
                                           std::optional<int64_t> before_id, int limit) {
  auto rows = txn.exec_params(
      "SELECT id, provider_id, actor, action, "
      "  floor(extract(epoch FROM event_time))::bigint, "
      "  extract(microseconds FROM event_time)::bigint % 1000000, "
      "  old_revision, new_revision, array_to_string(changed_fields, ','), reason, request_id, "
      "  key_id "
      "FROM audit_events WHERE ($1 = '' OR provider_id = $1) AND ($2::bigint IS NULL OR id < $2) "
      "ORDER BY id DESC LIMIT $3",
      provider_id, before_id, limit);
  std::vector<AuditEvent> out;
  for (const auto& row : rows) {
    AuditEvent e;
    std::string pid = row[1].as<std::string>();
    e.set_name(absl::StrCat("providers/", pid, "/auditEvents/", row[0].as<int64_t>()));
    e.set_provider(absl::StrCat("providers/", pid));
    e.set_actor(row[2].as<std::string>());
    AuditEvent::Action action = AuditEvent::ACTION_UNSPECIFIED;
    AuditEvent::Action_Parse(absl::StrCat("ACTION_", row[3].as<std::string>()), &action);
    e.set_action(action);
    e.mutable_event_time()->set_seconds(row[4].as<int64_t>());
    e.mutable_event_time()->set_nanos(static_cast<int32_t>(row[5].as<int64_t>() * 1000));
    e.set_old_revision(row[6].as<int64_t>());
    e.set_new_revision(row[7].as<int64_t>());
    // Field names never contain commas.
    for (absl::string_view field :
         absl::StrSplit(row[8].as<std::string>(), ',', absl::SkipEmpty())) {
      e.add_changed_fields(std::string(field));
    }
    e.set_reason(row[9].as<std::string>());
    e.set_request_id(row[10].as<std::string>());
    e.set_key_id(row[11].as<std::string>());
    out.push_back(std::move(e));
  }
  return out;
}

bool ProviderExists(pqxx::work& txn, const std::string& id) {
  return !txn.exec_params("SELECT 1 FROM providers WHERE id = $1", id).empty();
}

std::optional<CreateRequestRecord> LoadCreateRequest(pqxx::work& txn,
                                                     const std::string& request_id) {
  auto rows = txn.exec_params(
      "SELECT request_hash, response FROM create_requests WHERE request_id = $1", request_id);
  if (rows.empty()) return std::nullopt;
  CreateRequestRecord record;
  record.request_hash = rows[0][0].as<std::string>();
  record.response = ParseBytea<Provider>(rows[0][1]);
  return record;
}

void InsertCreateRequest(pqxx::work& txn, const std::string& request_id,
                         const CreateRequestRecord& record) {
  txn.exec_params(
      "INSERT INTO create_requests (request_id, request_hash, provider_id, response) "
      "VALUES ($1, $2, $3, $4)",
      request_id, record.request_hash, ProviderId(record.response), BodyOf(record.response));
}

std::vector<std::pair<std::string, Provider::Status>> LoadInactiveStatuses(
    pqxx::transaction_base& txn) {
  std::vector<std::pair<std::string, Provider::Status>> out;
  for (const auto& row : txn.exec("SELECT id, status FROM providers WHERE status <> 'ACTIVE'")) {
    Provider::Status status = Provider::STATUS_UNSPECIFIED;
    Provider::Status_Parse(absl::StrCat("STATUS_", row[1].as<std::string>()), &status);
    out.emplace_back(row[0].as<std::string>(), status);
  }
  return out;
}

namespace {

// A unique violation inside `body` as ALREADY_EXISTS. PostgreSQL has then
// aborted the transaction; the caller returns the status, rolling it back.
template <typename Body>
absl::Status UniqueOrAlreadyExists(Body body, absl::string_view what) {
  try {
    body();
  } catch (const pqxx::unique_violation&) {
    return absl::AlreadyExistsError(absl::StrCat(what, " already exists"));
  }
  return absl::OkStatus();
}

class PgProviderStore final : public ProviderStore {
 public:
  std::optional<Provider> Load(Transaction& txn, const std::string& id, bool for_update) override {
    return LoadProvider(Work(txn), id, for_update);
  }
  std::vector<Provider> LoadForUpdate(Transaction& txn,
                                      const std::vector<std::string>& ids) override {
    return LoadProvidersForUpdate(Work(txn), ids);
  }
  bool Exists(Transaction& txn, const std::string& id) override {
    return ProviderExists(Work(txn), id);
  }
  absl::Status Insert(Transaction& txn, std::span<const Provider> providers) override {
    return UniqueOrAlreadyExists(
        [&] {
          if (providers.size() == 1) return InsertProvider(Work(txn), providers[0]);
          ProviderWriter writer(Work(txn));
          for (const Provider& p : providers) writer.Add(p);
          writer.Complete();
        },
        "a provider");
  }
  bool Replace(Transaction& txn, const Provider& provider, int64_t old_revision) override {
    return ReplaceProvider(Work(txn), provider, old_revision);
  }
  std::vector<ProviderRow> List(Transaction& txn, const ProviderQuery& query) override {
    return ListProviderRows(Work(txn), query);
  }
};

class PgAuditStore final : public AuditStore {
 public:
  void Append(Transaction& txn, std::span<const AuditRecord> records) override {
    if (records.size() == 1) return InsertAuditEvent(Work(txn), records[0]);
    if (!records.empty()) InsertAuditEvents(Work(txn), records);
  }
  std::vector<AuditEvent> List(Transaction& txn, const std::string& provider_id,
                               std::optional<int64_t> before_id, int limit) override {
    return ListAuditEventRows(Work(txn), provider_id, before_id, limit);
  }
};

class PgRequestStore final : public RequestStore {
 public:
  std::optional<CreateRequestRecord> Load(Transaction& txn,
                                          const std::string& request_id) override {
    return LoadCreateRequest(Work(txn), request_id);
  }
  absl::Status Insert(Transaction& txn, const std::string& request_id,
                      const CreateRequestRecord& record) override {
    return UniqueOrAlreadyExists([&] { InsertCreateRequest(Work(txn), request_id, record); },
                                 absl::StrCat("request_id \"", request_id, "\""));
  }
};

}  // namespace

std::unique_ptr<ProviderStore> NewPgProviderStore() { return std::make_unique<PgProviderStore>(); }
std::unique_ptr<AuditStore> NewPgAuditStore() { return std::make_unique<PgAuditStore>(); }
std::unique_ptr<RequestStore> NewPgRequestStore() { return std::make_unique<PgRequestStore>(); }

}  // namespace vendormatch
