#include "services/matching/dictionary.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/domain/reference_data.h"

namespace vendormatch::matching {

Dictionary::Dictionary() {
  names_.Append("");  // kNoSymbol
  // Every ISO 4217 code has a Symbol from the start, so a plugin setting
  // or an exchange rate can name a currency no provider bills in yet.
  for (const Currency& c : Currencies()) (void)Intern(c.code);  // Symbols 1..N, in order
}

absl::StatusOr<sdk::Symbol> Dictionary::Intern(absl::string_view text) {
  if (text.empty()) return sdk::kNoSymbol;
  std::lock_guard lock(mu_);
  auto [it, inserted] = symbols_.try_emplace(std::string(text), sdk::kNoSymbol);
  if (!inserted) return it->second;
  if (names_.full()) {
    symbols_.erase(it);
    return absl::ResourceExhaustedError("the matching dictionary holds 16M codes already");
  }
  it->second = static_cast<sdk::Symbol>(names_.Append(std::string(text)));
  return it->second;
}

sdk::Symbol Dictionary::Find(absl::string_view text) const {
  if (text.empty()) return sdk::kNoSymbol;
  std::lock_guard lock(mu_);
  auto it = symbols_.find(text);
  return it == symbols_.end() ? sdk::kNoSymbol : it->second;
}

absl::string_view Dictionary::Name(sdk::Symbol symbol) const {
  return symbol < names_.size() ? absl::string_view(names_[symbol]) : absl::string_view();
}

absl::StatusOr<uint32_t> Dictionary::InternKind(sdk::Symbol country, sdk::Symbol zone,
                                                std::span<const sdk::Shift> shifts,
                                                bool round_the_clock) {
  std::string key = absl::StrCat(country, "/", zone, "/", round_the_clock ? 1 : 0);
  for (const sdk::Shift& s : shifts) {
    absl::StrAppend(&key, "/", s.days, ":", s.start_minute, "-", s.end_minute);
  }
  std::lock_guard lock(mu_);
  auto it = kind_ids_.find(key);
  if (it != kind_ids_.end()) return it->second;
  if (kinds_.full()) {
    return absl::ResourceExhaustedError("the matching dictionary holds 16M centre kinds already");
  }
  CentreKind kind;
  kind.country = country;
  kind.zone = zone;
  if (!absl::LoadTimeZone(std::string(Name(zone)), &kind.time_zone)) {
    kind.time_zone = absl::UTCTimeZone();
  }
  kind.shifts.assign(shifts.begin(), shifts.end());
  kind.round_the_clock = round_the_clock;
  const auto id = static_cast<uint32_t>(kinds_.Append(std::move(kind)));
  kind_ids_.emplace(std::move(key), id);
  return id;
}

std::shared_ptr<const CentreFactsCache::Table> CentreFactsCache::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = tables_.find(key);
  if (it == tables_.end()) return nullptr;
  it->second.first = ++clock_;
  return it->second.second;
}

void CentreFactsCache::Put(const std::string& key, std::shared_ptr<const Table> table) {
  std::lock_guard lock(mu_);
  constexpr size_t kMaxContexts = 256;
  if (tables_.size() >= kMaxContexts && !tables_.contains(key)) {
    // Drop the older half.
    std::vector<uint64_t> ages;
    for (const auto& [k, v] : tables_) ages.push_back(v.first);
    std::nth_element(ages.begin(), ages.begin() + ages.size() / 2, ages.end());
    const uint64_t cut = ages[ages.size() / 2];
    std::erase_if(tables_, [cut](const auto& entry) { return entry.second.first < cut; });
  }
  tables_[key] = {++clock_, std::move(table)};
}

}  // namespace vendormatch::matching
