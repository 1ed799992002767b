#include "services/matching/snapshot.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/status_macros.h"
#include "services/domain/names.h"

namespace vendormatch {
namespace {

sdk::DayNumber DayOf(const google::type::Date& date) {
  if (date.year() == 0) return sdk::kNoDay;
  return sdk::DayNumberOf(absl::CivilDay(date.year(), date.month(), date.day()));
}

int16_t MinuteOf(const google::type::TimeOfDay& t) {
  return static_cast<int16_t>(t.hours() * 60 + t.minutes());
}

sdk::Shift ToSdkShift(const v1::Shift& shift) {
  sdk::Shift out;
  for (int day : shift.days()) {
    // google.type.DayOfWeek: MONDAY = 1 ... SUNDAY = 7; SDK bit 0 = Monday.
    if (day >= 1 && day <= 7) out.days |= uint8_t(1u << (day - 1));
  }
  out.start_minute = MinuteOf(shift.start_time());
  out.end_minute = MinuteOf(shift.end_time());
  return out;
}

std::string CanonicalTag(absl::string_view tag) {
  std::string out = absl::AsciiStrToLower(tag);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

template <typename T>
uint32_t Offset(const std::vector<T>& arena) {
  return static_cast<uint32_t>(arena.size());
}

}  // namespace

int64_t Segment::Find(absl::string_view id) const {
  auto it =
      std::lower_bound(providers_.begin(), providers_.end(), id,
                       [](const sdk::Provider& p, absl::string_view key) { return p.id() < key; });
  if (it == providers_.end() || it->id() != id) return -1;
  return it - providers_.begin();
}

size_t Segment::IndexBytes() const {
  size_t bytes = index_.capacity() * (sizeof(uint64_t) + sizeof(Bitmap) + 1);
  for (const auto& [key, bitmap] : index_) bytes += bitmap.MemoryBytes();
  return bytes;
}

size_t Segment::MemoryBytes() const {
  return sizeof(Segment) + text_.capacity() + symbols_.capacity() * sizeof(sdk::Symbol) +
         centres_.capacity() * sizeof(sdk::Centre) + dated_.capacity() * sizeof(sdk::DatedCode) +
         rates_.capacity() * sizeof(sdk::Rate) + providers_.capacity() * sizeof(sdk::Provider) +
         IndexBytes();
}

void SegmentBuilder::Reserve(size_t providers) {
  rows_.reserve(providers);
  segment_->providers_.reserve(providers);
}

absl::StatusOr<sdk::Symbol> SegmentBuilder::Intern(absl::string_view text) {
  return dictionary_.Intern(text);
}

absl::Status SegmentBuilder::AddLists(const v1::Provider& p, Row& row) {
  Segment& s = *segment_;
  row.symbols = Offset(s.symbols_);
#define VM_CODE_LIST(name, filter, index, kind)                                                  \
  for (const std::string& code : p.name()) {                                                     \
    VM_ASSIGN_OR_RETURN(                                                                         \
        sdk::Symbol sym,                                                                         \
        Intern(sdk::CodeKind::kind == sdk::CodeKind::kLanguageTag ? CanonicalTag(code) : code)); \
    s.symbols_.push_back(sym);                                                                   \
  }                                                                                              \
  row.codes[static_cast<size_t>(sdk::CodeList::name)] = static_cast<uint16_t>(p.name##_size());
#define VM_DATED_LIST(name, filter, index, kind)
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  row.dated = Offset(s.dated_);
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind)          \
  for (const auto& item : p.name()) {                     \
    sdk::DatedCode dated;                                 \
    VM_ASSIGN_OR_RETURN(dated.code, Intern(item.code())); \
    dated.issued = DayOf(item.issue_date());              \
    dated.expires = DayOf(item.expiry_date());            \
    s.dated_.push_back(dated);                            \
  }                                                       \
  row.n_dated[static_cast<size_t>(sdk::DatedList::name)] = static_cast<uint16_t>(p.name##_size());
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  return absl::OkStatus();
}

absl::Status SegmentBuilder::AddCentres(const v1::Provider& p, Row& row) {
  Segment& s = *segment_;
  row.centres = Offset(s.centres_);
  std::vector<sdk::Shift> shifts;
  for (const auto& c : p.delivery_centers()) {
    sdk::Centre centre;
    VM_ASSIGN_OR_RETURN(centre.country, Intern(c.country_code()));
    VM_ASSIGN_OR_RETURN(centre.city, Intern(c.city()));
    VM_ASSIGN_OR_RETURN(centre.time_zone, Intern(c.time_zone()));
    shifts.clear();
    for (const auto& shift : c.shifts()) shifts.push_back(ToSdkShift(shift));
    VM_ASSIGN_OR_RETURN(centre.kind, dictionary_.InternKind(centre.country, centre.time_zone,
                                                            shifts, c.round_the_clock()));
    centre.headcount = c.headcount();
    centre.seats_available = c.seats_available();
    centre.round_the_clock = c.round_the_clock();
    s.centres_.push_back(centre);
  }
  row.n_centres = static_cast<uint16_t>(p.delivery_centers_size());
  return absl::OkStatus();
}

absl::Status SegmentBuilder::Add(const v1::Provider& p) {
  Segment& s = *segment_;
  Row row;
  const std::string id = ProviderId(p);
  row.text = static_cast<uint32_t>(s.text_.size());
  row.id_size = static_cast<uint16_t>(id.size());
  row.name_size = static_cast<uint16_t>(p.display_name().size());
  s.text_ += id;
  s.text_ += p.display_name();
  VM_ASSIGN_OR_RETURN(row.headquarters_country, Intern(p.headquarters_country()));
  for (int m : p.service_models()) row.service_models |= uint8_t(1u << m);
  for (int d : p.declared_delivery_models()) row.declared_delivery_models |= uint8_t(1u << d);
  VM_RETURN_IF_ERROR(AddLists(p, row));
  VM_RETURN_IF_ERROR(AddCentres(p, row));
  row.rates = Offset(s.rates_);
  for (const auto& r : p.rate_card()) {
    sdk::Rate rate;
    VM_ASSIGN_OR_RETURN(rate.service, Intern(r.service()));
    rate.seniority = static_cast<sdk::Seniority>(r.seniority());
    VM_ASSIGN_OR_RETURN(rate.hourly.currency, Intern(r.hourly_rate().currency_code()));
    rate.hourly.minor_units = r.hourly_rate().minor_units();
    s.rates_.push_back(rate);
  }
  row.n_rates = static_cast<uint16_t>(p.rate_card_size());
  row.rating = p.quality().rating();
  row.review_count = p.quality().review_count();
  row.sla = p.quality().sla_attainment_percent();
  row.qualified = p.talent().qualified_staff_percent();
  row.min_headcount = p.minimum_engagement().headcount();
  rows_.push_back(row);
  return absl::OkStatus();
}

void SegmentBuilder::AddCopy(const sdk::Provider& p) {
  Segment& s = *segment_;
  Row row;
  row.text = static_cast<uint32_t>(s.text_.size());
  row.id_size = static_cast<uint16_t>(p.id().size());
  row.name_size = static_cast<uint16_t>(p.display_name().size());
  s.text_.append(p.id().data(), p.id().size());
  s.text_.append(p.display_name().data(), p.display_name().size());
  row.headquarters_country = p.headquarters_country();
  row.service_models = p.service_models();
  row.declared_delivery_models = p.declared_delivery_models();
  row.symbols = Offset(s.symbols_);
  for (size_t l = 0; l < sdk::kCodeLists; ++l) {
    const auto list = p.Codes(static_cast<sdk::CodeList>(l));
    s.symbols_.insert(s.symbols_.end(), list.begin(), list.end());
    row.codes[l] = static_cast<uint16_t>(list.size());
  }
  row.dated = Offset(s.dated_);
  for (size_t l = 0; l < sdk::kDatedLists; ++l) {
    const auto list = p.Dated(static_cast<sdk::DatedList>(l));
    s.dated_.insert(s.dated_.end(), list.begin(), list.end());
    row.n_dated[l] = static_cast<uint16_t>(list.size());
  }
  row.centres = Offset(s.centres_);
  s.centres_.insert(s.centres_.end(), p.centres().begin(), p.centres().end());
  row.n_centres = static_cast<uint16_t>(p.centres().size());
  row.rates = Offset(s.rates_);
  s.rates_.insert(s.rates_.end(), p.rates().begin(), p.rates().end());
  row.n_rates = static_cast<uint16_t>(p.rates().size());
  row.rating = p.rating();
  row.review_count = p.review_count();
  row.sla = p.sla_attainment_percent();
  row.qualified = p.qualified_staff_percent();
  row.min_headcount = p.min_headcount();
  rows_.push_back(row);
}

sdk::Symbol SegmentBuilder::PrimaryLanguage(sdk::Symbol tag) {
  auto [it, inserted] = primary_language_.try_emplace(tag, sdk::kNoSymbol);
  if (inserted) {
    const absl::string_view text = dictionary_.Name(tag);
    const size_t dash = text.find('-');
    if (dash != absl::string_view::npos && dash > 0) {
      auto primary = dictionary_.Intern(text.substr(0, dash));
      if (primary.ok()) it->second = *primary;
    }
  }
  return it->second;
}

std::shared_ptr<const Segment> SegmentBuilder::Finish() {
  Segment& s = *segment_;
  s.text_.shrink_to_fit();
  s.symbols_.shrink_to_fit();
  s.dated_.shrink_to_fit();
  s.centres_.shrink_to_fit();
  s.rates_.shrink_to_fit();
  s.providers_.clear();
  s.providers_.reserve(rows_.size());
  for (const Row& row : rows_) {
    sdk::ProviderParts parts;
    parts.id = absl::string_view(s.text_).substr(row.text, row.id_size);
    parts.display_name = absl::string_view(s.text_).substr(row.text + row.id_size, row.name_size);
    parts.headquarters_country = row.headquarters_country;
    parts.service_models = row.service_models;
    const sdk::Symbol* symbols = s.symbols_.data() + row.symbols;
    for (size_t l = 0; l < sdk::kCodeLists; ++l) {
      parts.codes[l] = {symbols, row.codes[l]};
      symbols += row.codes[l];
    }
    const sdk::DatedCode* dated = s.dated_.data() + row.dated;
    for (size_t l = 0; l < sdk::kDatedLists; ++l) {
      parts.dated[l] = {dated, row.n_dated[l]};
      dated += row.n_dated[l];
    }
    parts.centres = {s.centres_.data() + row.centres, row.n_centres};
    parts.rates = {s.rates_.data() + row.rates, row.n_rates};
    parts.rating = row.rating;
    parts.review_count = row.review_count;
    parts.sla_attainment_percent = row.sla;
    parts.qualified_staff_percent = row.qualified;
    parts.declared_delivery_models = row.declared_delivery_models;
    parts.min_headcount = row.min_headcount;
    s.providers_.push_back(sdk::Provider::View(parts));
  }
  std::vector<Row>().swap(rows_);
  std::sort(s.providers_.begin(), s.providers_.end(),
            [](const sdk::Provider& a, const sdk::Provider& b) { return a.id() < b.id(); });
  s.providers_.shrink_to_fit();
  for (size_t r = 0; r < s.providers_.size(); ++r) Index(s.providers_[r], r);
  std::shared_ptr<const Segment> out = std::move(segment_);
  segment_ = std::make_unique<Segment>();
  return out;
}

void SegmentBuilder::Index(const sdk::Provider& p, size_t r) {
  Segment& s = *segment_;
  const size_t n = s.providers_.size();
  auto post = [&](sdk::IndexField field, sdk::Symbol value) {
    auto [it, inserted] = s.index_.try_emplace(IndexKey(field, value));
    if (inserted) it->second = Bitmap(n);
    it->second.Set(r);
  };
  using F = sdk::IndexField;
#define VM_CODE_LIST(name, filter, index, kind)                                      \
  for (sdk::Symbol v : p.name()) {                                                   \
    post(F::index, v);                                                               \
    if (sdk::CodeKind::kind == sdk::CodeKind::kLanguageTag) {                        \
      /* "es-mx" is also found by its primary language "es". */                      \
      if (const sdk::Symbol primary = PrimaryLanguage(v); primary != sdk::kNoSymbol) \
        post(F::index, primary);                                                     \
    }                                                                                \
  }
#define VM_DATED_LIST(name, filter, index, kind) \
  for (const sdk::DatedCode& c : p.name()) post(F::index, c.code);
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  for (int m = 0; m < 8; ++m) {
    if (p.service_models() & (1u << m)) post(F::kServiceModel, m);
    if (p.declared_delivery_models() & (1u << m)) post(F::kDeclaredDeliveryModel, m);
  }
  for (const auto& c : p.centres()) post(F::kCentreCountry, c.country);
  if (p.headquarters_country() != sdk::kNoSymbol)
    post(F::kHeadquartersCountry, p.headquarters_country());
}

size_t Snapshot::size() const {
  size_t n = 0;
  for (const SegmentRef& ref : segments) n += ref.live_count;
  return n;
}

const sdk::Provider* Snapshot::Find(absl::string_view id) const {
  for (const SegmentRef& ref : segments) {
    const int64_t row = ref.segment->Find(id);
    if (row >= 0 && ref.live->Test(static_cast<size_t>(row))) {
      return &ref.segment->providers()[static_cast<size_t>(row)];
    }
  }
  return nullptr;
}

std::optional<v1::Provider::Status> Snapshot::StatusOf(absl::string_view id) const {
  if (Find(id) != nullptr) return v1::Provider::STATUS_ACTIVE;
  const auto it = inactive->find(id);
  if (it == inactive->end()) return std::nullopt;
  return it->second;
}

size_t Snapshot::MemoryBytes() const {
  size_t bytes = sizeof(Snapshot);
  for (const SegmentRef& ref : segments) {
    bytes += ref.segment->MemoryBytes() + ref.live->MemoryBytes();
  }
  return bytes;
}

namespace {

SegmentRef AllLive(std::shared_ptr<const Segment> segment) {
  auto live = std::make_shared<Bitmap>(segment->size());
  live->SetAll();
  const size_t n = segment->size();
  return SegmentRef{std::move(segment), std::move(live), n};
}

// One segment with the live rows of `refs`.
SegmentRef Merge(Dictionary& dictionary, std::span<const SegmentRef> refs) {
  SegmentBuilder builder(dictionary);
  size_t total = 0;
  for (const SegmentRef& ref : refs) total += ref.live_count;
  builder.Reserve(total);
  for (const SegmentRef& ref : refs) {
    const auto rows = ref.segment->providers();
    ref.live->ForEach([&](size_t row) { builder.AddCopy(rows[row]); });
  }
  return AllLive(builder.Finish());
}

// `base` with the statuses of `changed` (in their last versions, `last`):
// `shared` itself when no change touches the inactive set.
std::shared_ptr<const Snapshot::StatusMap> WithStatuses(
    const Snapshot::StatusMap& base, std::span<const v1::Provider> changed,
    const absl::flat_hash_map<std::string, size_t>& last,
    const std::shared_ptr<const Snapshot::StatusMap>& shared) {
  std::optional<Snapshot::StatusMap> next;
  for (const auto& [id, i] : last) {
    const bool active = changed[i].status() == v1::Provider::STATUS_ACTIVE;
    const auto it = base.find(id);
    if (active && it == base.end()) continue;
    if (!active && it != base.end() && it->second == changed[i].status()) continue;
    if (!next) next = base;
    if (active) {
      next->erase(id);
    } else {
      (*next)[id] = changed[i].status();
    }
  }
  if (!next) return shared;
  return std::make_shared<const Snapshot::StatusMap>(std::move(*next));
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshot(
    std::span<const v1::Provider> providers, std::shared_ptr<Dictionary> dictionary,
    int64_t revision) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->dictionary = dictionary ? std::move(dictionary) : std::make_shared<Dictionary>();
  snapshot->revision = revision;
  SegmentBuilder builder(*snapshot->dictionary);
  builder.Reserve(providers.size());
  Snapshot::StatusMap inactive;
  for (const v1::Provider& p : providers) {
    if (p.status() == v1::Provider::STATUS_ACTIVE) {
      VM_RETURN_IF_ERROR(builder.Add(p));
    } else {
      inactive[ProviderId(p)] = p.status();
    }
  }
  snapshot->inactive = std::make_shared<const Snapshot::StatusMap>(std::move(inactive));
  snapshot->segments.push_back(AllLive(builder.Finish()));
  snapshot->built_at = absl::Now();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

absl::StatusOr<std::shared_ptr<const Snapshot>> ApplyChanges(const Snapshot& base,
                                                             std::span<const v1::Provider> changed,
                                                             const FeedPosition& position) {
  auto next = std::make_shared<Snapshot>();
  next->dictionary = base.dictionary;
  next->revision = position.revision;
  next->position = position;
  next->segments = base.segments;
  // Old versions leave: copy-on-write of the live bitmap of each touched segment.
  std::vector<std::shared_ptr<Bitmap>> copies(next->segments.size());
  SegmentBuilder builder(*next->dictionary);
  // A provider changed several times counts once, in its last version.
  absl::flat_hash_map<std::string, size_t> last;
  for (size_t i = 0; i < changed.size(); ++i) last[ProviderId(changed[i])] = i;
  next->inactive = WithStatuses(*base.inactive, changed, last, base.inactive);
  for (size_t i = 0; i < changed.size(); ++i) {
    const v1::Provider& p = changed[i];
    const std::string id = ProviderId(p);
    if (last[id] != i) continue;
    for (size_t s = 0; s < next->segments.size(); ++s) {
      SegmentRef& ref = next->segments[s];
      const int64_t row = ref.segment->Find(id);
      if (row < 0 || !ref.live->Test(static_cast<size_t>(row))) continue;
      if (!copies[s]) {
        copies[s] = std::make_shared<Bitmap>(*ref.live);
        ref.live = copies[s];
      }
      copies[s]->Reset(static_cast<size_t>(row));
      --ref.live_count;
    }
    if (p.status() == v1::Provider::STATUS_ACTIVE) VM_RETURN_IF_ERROR(builder.Add(p));
  }
  if (builder.size() > 0) next->segments.push_back(AllLive(builder.Finish()));
  std::erase_if(next->segments, [](const SegmentRef& ref) { return ref.live_count == 0; });

  constexpr size_t kMaxSegments = 8;
  size_t delta = 0;
  for (size_t s = 1; s < next->segments.size(); ++s) delta += next->segments[s].live_count;
  if (next->segments.size() > 1 && delta * 4 > next->size()) {
    next->segments = {Merge(*next->dictionary, next->segments)};
  } else if (next->segments.size() > kMaxSegments) {
    SegmentRef merged =
        Merge(*next->dictionary, std::span<const SegmentRef>(next->segments).subspan(1));
    next->segments.resize(1);
    next->segments.push_back(std::move(merged));
  }
  next->built_at = absl::Now();
  return std::shared_ptr<const Snapshot>(std::move(next));
}

absl::StatusOr<std::shared_ptr<const Snapshot>> LoadSnapshot(
    RegistryFeed& feed, std::shared_ptr<Dictionary> dictionary) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->dictionary = dictionary ? std::move(dictionary) : std::make_shared<Dictionary>();
  SegmentBuilder builder(*snapshot->dictionary);
  VM_ASSIGN_OR_RETURN(
      RegistryRead read,
      feed.ReadAll([&](int64_t active) { builder.Reserve(static_cast<size_t>(active)); },
                   [&](const v1::Provider& p) { return builder.Add(p); }));
  snapshot->revision = read.position.revision;
  snapshot->position = std::move(read.position);
  snapshot->inactive =
      std::make_shared<const Snapshot::StatusMap>(read.inactive.begin(), read.inactive.end());
  snapshot->segments.push_back(AllLive(builder.Finish()));
  snapshot->built_at = absl::Now();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

absl::StatusOr<std::shared_ptr<const Snapshot>> RefreshSnapshot(
    RegistryFeed& feed, const std::shared_ptr<const Snapshot>& base) {
  VM_ASSIGN_OR_RETURN(RegistryChanges changes, feed.ReadChanges(base->position));
  if (changes.changed.empty() && changes.position.revision == base->revision) return base;
  return ApplyChanges(*base, changes.changed, changes.position);
}

}  // namespace vendormatch
