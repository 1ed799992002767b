#include "services/matching/profiles.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/status_macros.h"
#include "services/domain/etag.h"

namespace vendormatch {
namespace {

struct Entry {
  const char* plugin;
  bool filter;
  double weight;  // 0: no scoring
  std::map<std::string, std::string> settings = {};
};

v1::Profile Make(const char* id, const char* display, const char* description,
                 const std::vector<Entry>& entries) {
  v1::Profile p;
  p.set_name(absl::StrCat("profiles/", id));
  p.set_display_name(display);
  p.set_description(description);
  for (const auto& e : entries) {
    auto* s = p.add_plugins();
    s->set_plugin(e.plugin);
    s->set_filter_enabled(e.filter);
    s->set_score_enabled(e.weight > 0);
    s->set_weight(e.weight);
    s->set_min_weight(0);
    s->set_max_weight(e.weight > 0 ? 100 : 0);
    s->set_on_error(v1::FAILURE_POLICY_FAIL);
    for (const auto& [k, v] : e.settings) (*s->mutable_settings())[k] = v;
  }
  return p;
}

}  // namespace

std::vector<v1::Profile> DefaultProfiles() {
  return {
      Make("balanced", "Balanced", "Every factor counts; no single one dominates.",
           {{"services", true, 15},
            {"service_model", true, 10},
            {"delivery_model", true, 8},
            {"rate", true, 15},
            {"certifications", true, 7},
            {"languages", true, 5},
            {"capacity", true, 8},
            {"timezone_overlap", true, 8},
            {"quality", true, 14},
            {"industry", false, 5},
            {"collaboration", false, 5},
            {"diversity", true, 0}}),
      Make("cost_first", "Cost first (BPO-style)",
           "Volume work bought on price: rate dominates, offshore is welcome, capacity matters.",
           {{"services", true, 10},
            {"service_model", true, 5},
            {"delivery_model",
             true,
             5,
             {{"onshore", "50"}, {"nearshore", "80"}, {"offshore", "100"}}},
            {"rate", true, 40},
            {"certifications", true, 3},
            {"languages", true, 5},
            {"capacity", true, 15},
            {"timezone_overlap", true, 4},
            {"quality", true, 13},
            {"industry", false, 0},
            {"collaboration", false, 0},
            {"diversity", true, 0}}),
      Make("expertise_first", "Expertise first (KPO-style)",
           "Knowledge work bought on insight: quality, credentials, domain and collaboration "
           "dominate; price matters little.",
           {{"services", true, 10},
            {"service_model", true, 15},
            {"delivery_model", true, 5},
            {"rate", true, 4},
            {"certifications", true, 14},
            {"languages", true, 3},
            {"capacity", true, 3},
            {"timezone_overlap", true, 6},
            {"quality", true, 20},
            {"industry", false, 12},
            {"collaboration", false, 8},
            {"diversity", true, 0}}),
  };
}

std::optional<std::string> ProfileIdOf(const std::string& name) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "profiles/")) return std::nullopt;
  if (id.size() < 3 || id.size() > 63 || !absl::ascii_islower(id[0])) return std::nullopt;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_' && c != '-') {
      return std::nullopt;
    }
  }
  return std::string(id);
}

absl::Status SeedProfiles(Storage& storage, const std::vector<v1::Profile>& profiles) {
  return storage.InTransaction([&](Transaction& txn) -> absl::Status {
    for (v1::Profile p : profiles) {
      const std::string id = *ProfileIdOf(p.name());
      if (storage.profiles().Load(txn, id, false)) continue;
      p.set_revision(1);
      p.set_etag(ProviderEtag(id, 1));
      *p.mutable_update_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
      // Replicas starting together: only the one whose insert lands audits it.
      VM_ASSIGN_OR_RETURN(bool inserted, storage.profiles().Insert(txn, id, p, /*if_absent=*/true));
      if (inserted) {
        storage.profiles().AppendAudit(
            txn, {id, CallContext{"vendormatch", ""}, "CREATE", 0, 1, {"plugins"}});
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace vendormatch
