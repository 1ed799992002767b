#include "services/registry/provider_rules.h"

#include <map>
#include <set>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "services/common/error_details.h"
#include "services/common/message_diff.h"
#include "services/domain/etag.h"
#include "services/domain/names.h"
#include "services/domain/validation.h"

namespace vendormatch {

using google::protobuf::FieldDescriptor;
using v1::Provider;

namespace {

constexpr size_t kMaxRequestIdLength = 128;

}  // namespace

// Fields the server owns; clients' values for them are ignored.
const std::set<std::string>& OutputOnlyFields() {
  static const auto* fields =
      new std::set<std::string>{"name", "create_time", "update_time", "revision", "etag"};
  return *fields;
}

google::protobuf::Timestamp NowTimestamp() {
  // PostgreSQL keeps microseconds; so do we, so a stored record reads back equal.
  int64_t micros = absl::ToUnixMicros(absl::Now());
  google::protobuf::Timestamp t;
  t.set_seconds(micros / 1'000'000);
  t.set_nanos(static_cast<int32_t>(micros % 1'000'000) * 1000);
  return t;
}

std::string RandomProviderId() {
  thread_local absl::BitGen gen;
  return absl::StrFormat("p-%012x", absl::Uniform<uint64_t>(gen, 0, uint64_t{1} << 48));
}

void StampRevision(Provider& p, const std::string& id, int64_t revision,
                   const google::protobuf::Timestamp& now) {
  p.set_name(absl::StrCat("providers/", id));
  p.set_revision(revision);
  p.set_etag(ProviderEtag(id, revision));
  *p.mutable_update_time() = now;
  if (revision == 1) *p.mutable_create_time() = now;
}

// Top-level fields a client set (output-only ones excluded).
std::vector<std::string> PopulatedFields(const Provider& p) {
  std::vector<const FieldDescriptor*> fields;
  p.GetReflection()->ListFields(p, &fields);
  std::vector<std::string> names;
  for (const auto* f : fields) {
    if (!OutputOnlyFields().contains(f->name())) names.push_back(f->name());
  }
  return names;
}

// Writable top-level fields whose values differ between two records.
std::vector<std::string> ChangedFields(const Provider& before, const Provider& after) {
  return ChangedTopLevelFields(before, after, OutputOnlyFields());
}

absl::Status ProviderNotFound(absl::string_view id) {
  const std::string name = absl::StrCat("providers/", id);
  return NotFound(Resource::kProvider, name, absl::StrCat("provider \"", name, "\" not found"));
}

absl::Status CheckEtag(const std::string& client_etag, const Provider& current) {
  if (EtagMatches(client_etag, current.etag())) return absl::OkStatus();
  return EtagMismatch(
      current.name(),
      absl::StrCat("etag mismatch: ", current.name(), " changed since it was read (sent etag \"",
                   client_etag, "\", current \"", current.etag(), "\"); read it again and retry"));
}

std::string StatusWord(Provider::Status s) { return absl::AsciiStrToLower(StatusName(s)); }

// The lifecycle: pending -> active <-> suspended; all but offboarded -> offboarded.
bool IsAllowedTransition(Provider::Status from, Provider::Status to) {
  switch (to) {
    case Provider::STATUS_ACTIVE:
      return from == Provider::STATUS_PENDING || from == Provider::STATUS_SUSPENDED;
    case Provider::STATUS_SUSPENDED:
      return from == Provider::STATUS_ACTIVE;
    case Provider::STATUS_OFFBOARDED:
      return from != Provider::STATUS_OFFBOARDED;
    default:
      return false;
  }
}

// Normalises and validates a client's provider; violations get `prefix`.
void CheckProvider(Provider& p, absl::string_view prefix, FieldViolations& out) {
  NormalizeProvider(p);
  FieldViolations violations;
  ValidateProvider(p, violations);
  out.AddAll(prefix, violations);
}

void CheckRequestId(const std::string& request_id, FieldViolations& out) {
  if (request_id.size() > kMaxRequestIdLength) {
    out.Add("request_id", absl::StrCat("at most ", kMaxRequestIdLength, " characters"));
  }
}

absl::StatusOr<ParsedOrder> ParseOrderBy(absl::string_view order_by) {
  std::vector<absl::string_view> words =
      absl::StrSplit(order_by, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.empty()) return ParsedOrder{ProviderOrder::kId, false, "name"};
  static const auto* columns =
      new std::map<std::string, ProviderOrder>{{"name", ProviderOrder::kId},
                                               {"display_name", ProviderOrder::kDisplayName},
                                               {"create_time", ProviderOrder::kCreateTime},
                                               {"update_time", ProviderOrder::kUpdateTime}};
  auto it = columns->find(std::string(words[0]));
  bool ok = it != columns->end() && words.size() <= 2;
  bool descending = false;
  if (ok && words.size() == 2) {
    descending = absl::AsciiStrToLower(words[1]) == "desc";
    ok = descending || absl::AsciiStrToLower(words[1]) == "asc";
  }
  if (!ok) {
    return InvalidField("order_by",
                        "expected one of name, display_name, create_time, update_time, "
                        "optionally followed by \"asc\" or \"desc\"");
  }
  return ParsedOrder{it->second, descending, absl::StrCat(words[0], descending ? " desc" : "")};
}

}  // namespace vendormatch
