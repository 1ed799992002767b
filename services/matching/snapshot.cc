#include "services/matching/snapshot.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "services/storage/provider_store.h"

namespace vendormatch {
namespace {

std::optional<absl::CivilDay> DayOf(const google::type::Date& date) {
  if (date.year() == 0) return std::nullopt;
  return absl::CivilDay(date.year(), date.month(), date.day());
}

int MinuteOf(const google::type::TimeOfDay& t) { return t.hours() * 60 + t.minutes(); }

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

}  // namespace

sdk::Provider ToSdkProvider(const v1::Provider& p) {
  sdk::Provider out;
  out.id = ProviderId(p);
  out.display_name = p.display_name();
  out.headquarters_country = p.headquarters_country();
  for (int m : p.service_models()) out.service_models |= uint8_t(1u << m);
  out.services.assign(p.services().begin(), p.services().end());
  for (const auto& c : p.delivery_centers()) {
    sdk::Centre centre;
    centre.country = c.country_code();
    centre.city = c.city();
    centre.time_zone_name = c.time_zone();
    if (!absl::LoadTimeZone(c.time_zone(), &centre.time_zone))
      centre.time_zone = absl::UTCTimeZone();
    centre.headcount = c.headcount();
    centre.seats_available = c.seats_available();
    centre.round_the_clock = c.round_the_clock();
    for (const auto& s : c.shifts()) centre.shifts.push_back(ToSdkShift(s));
    out.centres.push_back(std::move(centre));
  }
  for (const auto& tag : p.languages()) out.languages.push_back(absl::AsciiStrToLower(tag));
  for (const auto& c : p.certifications()) {
    out.certifications.push_back({c.code(), DayOf(c.issue_date()), DayOf(c.expiry_date())});
  }
  out.industries.assign(p.industries().begin(), p.industries().end());
  for (const auto& r : p.rate_card()) {
    out.rates.push_back({r.service(),
                         static_cast<sdk::Seniority>(r.seniority()),
                         {r.hourly_rate().currency_code(), r.hourly_rate().minor_units()}});
  }
  out.rating = p.quality().rating();
  out.review_count = p.quality().review_count();
  out.sla_attainment_percent = p.quality().sla_attainment_percent();
  out.qualified_staff_percent = p.talent().qualified_staff_percent();
  for (int d : p.declared_delivery_models()) out.declared_delivery_models |= uint8_t(1u << d);
  out.min_headcount = p.minimum_engagement().headcount();
  return out;
}

absl::StatusOr<std::shared_ptr<const Snapshot>> LoadSnapshot(Database& db) {
  auto snapshot = std::make_shared<Snapshot>();
  absl::Status status = db.WithConnection([&](pqxx::connection& connection) {
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>
        txn(connection);
    snapshot->revision =
        txn.exec1("SELECT coalesce(max(id), 0) FROM audit_events")[0].as<int64_t>();
    for (const auto& row :
         txn.exec("SELECT body FROM providers WHERE status = 'ACTIVE' ORDER BY id")) {
      pqxx::binarystring bytes(row[0]);
      v1::Provider provider;
      provider.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
      snapshot->providers.push_back(ToSdkProvider(provider));
    }
    txn.commit();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  snapshot->built_at = absl::Now();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace vendormatch
