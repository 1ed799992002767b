#include "services/matching/dictionary.h"

#include "absl/strings/str_cat.h"

namespace vendormatch::matching {

Dictionary::Dictionary() {
  names_.Append("");  // kNoSymbol
}

absl::StatusOr<sdk::Symbol> Dictionary::Intern(absl::string_view text) {
  if (text.empty()) return sdk::kNoSymbol;
  absl::MutexLock lock(&mu_);
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
  absl::MutexLock lock(&mu_);
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
  absl::MutexLock lock(&mu_);
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

}  // namespace vendormatch::matching
