// `vendormatchctl template provider|requirement`: a commented YAML file to
// start from. Each template is a valid record (tests/unit/ctl_template_test
// parses and validates both), using the short enum names the files accept.
#include "services/ctl/templates.h"

#include "absl/strings/str_cat.h"

namespace vendormatch::ctl {
namespace {

constexpr char kProvider[] =
    R"(# A provider for `vendormatchctl create -f provider.yaml` (or a list under
# `providers:` for `import`). Field names are those of vendormatch.v1.Provider
# (proto/vendormatch/v1/provider.proto); camelCase names work too. Enums take
# their short names (BPO, ACTIVE, OFFSHORE) or their full ones (SERVICE_MODEL_BPO).
# `vendormatchctl catalog` lists the service codes.
name: providers/acme-support          # id: 3-63 of [a-z0-9-], starting with a letter
display_name: Acme Support
legal_name: Acme Support Services Inc.
headquarters_country: PH              # ISO 3166-1 alpha-2
status: PENDING                       # PENDING (default), ACTIVE, SUSPENDED
service_models: [BPO]                 # BPO and/or KPO
services: [CUSTOMER_SUPPORT, CALL_CENTER_INBOUND]
declared_delivery_models: [OFFSHORE]  # what you sell as; matching derives it per client
delivery_centers:
  - country_code: PH
    city: Cebu City
    time_zone: Asia/Manila            # IANA time zone
    headcount: 300
    seats_available: 40               # seats free for new work
    shifts:                           # staffed hours, local time (none: business hours)
      - {days: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY], start_time: {hours: 8}, end_time: {hours: 17}}
languages: [en, fil]                  # BCP 47
industries: [RETAIL_ECOMMERCE, TELECOM]
certifications:
  - code: ISO27001
    issue_date: {year: 2025, month: 1, day: 15}
    expiry_date: {year: 2028, month: 1, day: 14}
    issuer: Bureau Veritas
rate_card:                            # money in minor units: 1200 is USD 12.00
  - {service: CUSTOMER_SUPPORT, seniority: JUNIOR, hourly_rate: {currency_code: USD, minor_units: 1200}}
  - {service: CUSTOMER_SUPPORT, seniority: SENIOR, hourly_rate: {currency_code: USD, minor_units: 1800}}
minimum_engagement:
  headcount: 5
  duration_months: 6
quality: {rating: 4.4, review_count: 120, sla_attainment_percent: 97}
description: Customer support and inbound calls from Cebu for retail and telecom clients.
)";

constexpr char kRequirement[] =
    R"(# A client's requirement for `vendormatchctl match -f requirement.yaml`.
# Field names are those of vendormatch.v1.Requirement
# (proto/vendormatch/v1/requirement.proto). Only services, client_country and
# client_time_zone are required; everything else narrows or ranks.
services: [CUSTOMER_SUPPORT, CALL_CENTER_INBOUND]  # `vendormatchctl catalog` lists them
service_match: ALL                    # ALL services (default) or ANY one
preferred_service_model: BPO          # BPO, KPO, or leave out (then `work` decides)
client_country: US
client_time_zone: America/New_York
delivery_models: [NEARSHORE, OFFSHORE]  # relative to the client; none: any
rate_ceiling: {currency_code: USD, minor_units: 2000}  # USD 20.00 an hour at most
seniority: JUNIOR                     # the rate that counts against the ceiling
headcount: 50                         # seats needed in one centre
start_date: {year: 2027, month: 3, day: 1}
end_date: {year: 2028, month: 2, day: 29}
languages: [en]
certifications: [ISO27001]            # held, valid on the start date
certifications_valid_through_end: true
industry: RETAIL_ECOMMERCE            # experience in the client's industry
min_rating: 4.0
min_overlap_hours: 4                  # shared working hours with the client
collaboration: MEDIUM                 # LOW, MEDIUM, HIGH
data_sensitivity: HIGH
)";

}  // namespace

absl::StatusOr<std::string> TemplateFor(absl::string_view kind) {
  if (kind == "provider") return std::string(kProvider);
  if (kind == "requirement") return std::string(kRequirement);
  return absl::InvalidArgumentError(
      absl::StrCat("template needs provider or requirement, not \"", kind, "\""));
}

}  // namespace vendormatch::ctl
