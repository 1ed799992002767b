// What the provider-file tests share (provider_io_test.cc, ctl_format_test.cc):
// a provider in YAML that uses most fields, and reading exactly one provider.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "services/ctl/provider_io.h"

namespace vendormatch::ctl {

// A provider in YAML with snake_case and lowerCamel names, a 24x7 centre, a
// certification, a rate and quality figures.
inline constexpr char kYamlProvider[] = R"(
id: acme
display_name: Acme Outsourcing
legalName: Acme Outsourcing Inc.
headquarters_country: PH
status: STATUS_ACTIVE
service_models: [SERVICE_MODEL_BPO]
services: [CUSTOMER_SUPPORT, HELP_DESK]
delivery_centers:
  - country_code: PH
    city: Manila
    time_zone: Asia/Manila
    headcount: 1200
    seatsAvailable: 150
    round_the_clock: yes
    shifts: []
languages: [en, fil]
certifications:
  - code: ISO27001
    issue_date: {year: 2023, month: 3, day: 1}
    expiryDate: {year: 2026, month: 2, day: 28}
rate_card:
  - service: CUSTOMER_SUPPORT
    seniority: SENIORITY_JUNIOR
    hourly_rate: {currency_code: USD, minor_units: 1100}
quality: {rating: 4.5, review_count: 120, sla_attainment_percent: 98.5}
declared_delivery_models: [DELIVERY_MODEL_OFFSHORE]
)";

// The single provider of `text`, failing the test otherwise.
inline ParsedProvider ParseOne(const std::string& text, Format format) {
  auto parsed = ParseProvidersTextDetailed(text, format, "test");
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  if (!parsed.ok() || parsed->size() != 1) {
    ADD_FAILURE() << "expected one provider";
    return {};
  }
  return (*parsed)[0];
}

}  // namespace vendormatch::ctl
