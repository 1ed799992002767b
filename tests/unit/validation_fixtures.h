// What the provider validation tests share (validation_test.cc,
// validation_rules_test.cc): a provider that uses every field and passes,
// builders of its parts, and ValidateProvider's violations as a list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/validation.h"

namespace vendormatch {

using ::vendormatch::v1::Certification;
using ::vendormatch::v1::DeliveryCenter;
using ::vendormatch::v1::Provider;
using ::vendormatch::v1::Rate;
using ::vendormatch::v1::Shift;

inline google::type::Date MakeDate(int y, int m, int d) {
  google::type::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

inline google::type::TimeOfDay MakeTime(int h, int m) {
  google::type::TimeOfDay t;
  t.set_hours(h);
  t.set_minutes(m);
  return t;
}

inline void AddCentre(Provider& p, const char* country, const char* city, const char* zone,
                      int headcount, int seats) {
  DeliveryCenter* c = p.add_delivery_centers();
  c->set_country_code(country);
  c->set_city(city);
  c->set_time_zone(zone);
  c->set_headcount(headcount);
  c->set_seats_available(seats);
}

inline void AddRate(Provider& p, const char* service, v1::Seniority seniority, const char* currency,
                    int64_t minor_units) {
  Rate* r = p.add_rate_card();
  r->set_service(service);
  r->set_seniority(seniority);
  r->mutable_hourly_rate()->set_currency_code(currency);
  r->mutable_hourly_rate()->set_minor_units(minor_units);
}

// A provider that uses every field and passes validation.
inline Provider ValidProvider() {
  Provider p;
  p.set_display_name("Acme Outsourcing");
  p.set_legal_name("Acme Outsourcing Services, Inc.");
  p.set_headquarters_country("PH");
  p.set_status(Provider::STATUS_ACTIVE);
  p.add_service_models(v1::SERVICE_MODEL_BPO);
  p.add_service_models(v1::SERVICE_MODEL_KPO);
  for (const char* s : {"CUSTOMER_SUPPORT", "DATA_ENTRY", "MARKET_RESEARCH"}) p.add_services(s);

  AddCentre(p, "PH", "Manila", "Asia/Manila", 500, 50);
  p.mutable_delivery_centers(0)->set_round_the_clock(true);
  AddCentre(p, "IN", "Pune", "Asia/Kolkata", 200, 20);
  Shift* day = p.mutable_delivery_centers(1)->add_shifts();
  for (auto d : {google::type::MONDAY, google::type::TUESDAY, google::type::WEDNESDAY,
                 google::type::THURSDAY, google::type::FRIDAY}) {
    day->add_days(d);
  }
  *day->mutable_start_time() = MakeTime(9, 0);
  *day->mutable_end_time() = MakeTime(18, 0);
  Shift* night = p.mutable_delivery_centers(1)->add_shifts();
  night->add_days(google::type::SATURDAY);
  *night->mutable_start_time() = MakeTime(22, 0);
  *night->mutable_end_time() = MakeTime(6, 0);  // ends next day
  AddCentre(p, "MX", "Monterrey", "America/Monterrey", 100, 10);

  for (const char* l : {"en", "en-US", "es-MX", "fil"}) p.add_languages(l);

  Certification* iso = p.add_certifications();
  iso->set_code("ISO27001");
  *iso->mutable_issue_date() = MakeDate(2022, 1, 15);
  *iso->mutable_expiry_date() = MakeDate(2025, 1, 14);
  iso->set_issuer("BSI");
  Certification* soc2 = p.add_certifications();
  soc2->set_code("SOC2");
  *soc2->mutable_issue_date() = MakeDate(2023, 6, 1);  // no expiry

  p.add_industries("BANKING");
  p.add_industries("HEALTHCARE");

  AddRate(p, "CUSTOMER_SUPPORT", v1::SENIORITY_JUNIOR, "USD", 1100);
  AddRate(p, "MARKET_RESEARCH", v1::SENIORITY_SENIOR, "USD", 2400);
  AddRate(p, "", v1::SENIORITY_UNSPECIFIED, "PHP", 60000);

  v1::MinimumEngagement* m = p.mutable_minimum_engagement();
  m->set_headcount(10);
  m->set_duration_months(6);
  m->mutable_monthly_value()->set_currency_code("USD");
  m->mutable_monthly_value()->set_minor_units(2'000'000);
  p.mutable_quality()->set_rating(4.5);
  p.mutable_quality()->set_review_count(120);
  p.mutable_quality()->set_sla_attainment_percent(98.5);
  p.mutable_talent()->set_qualified_staff_percent(35);
  for (const char* q : {"CA", "MBA", "PhD"}) p.mutable_talent()->add_qualifications(q);
  p.add_declared_delivery_models(v1::DELIVERY_MODEL_OFFSHORE);
  p.add_declared_delivery_models(v1::DELIVERY_MODEL_NEARSHORE);
  p.set_description("Customer support and research from Manila, Pune and Monterrey.\nSince 2001.");
  return p;
}

inline std::vector<FieldViolation> Validate(const Provider& p) {
  FieldViolations out;
  ValidateProvider(p, out);
  return out.violations();
}

inline std::string Describe(const std::vector<FieldViolation>& violations) {
  std::string s;
  for (const FieldViolation& v : violations)
    absl::StrAppend(&s, v.field, ": ", v.description, "\n");
  return s;
}

// Parts of ValidProvider() to change.
inline DeliveryCenter& Centre(Provider& p, int i) { return *p.mutable_delivery_centers(i); }
inline Shift& DayShift(Provider& p) { return *p.mutable_delivery_centers(1)->mutable_shifts(0); }
inline Certification& Cert(Provider& p, int i) { return *p.mutable_certifications(i); }
inline Rate& RateAt(Provider& p, int i) { return *p.mutable_rate_card(i); }

}  // namespace vendormatch
