// The market band of each catalogue service: the hourly rates, in US cents,
// between which most providers of the service charge, from offshore junior
// staff (low) to onshore senior staff (high). Reference data for the rate
// scorer: a rate is read against its service's band, never against the
// other providers of a match. Rough public figures (the seeds quote about
// USD 11/h for BPO and USD 24/h for KPO offshore); change a band here and
// the scores of every match move with it.
#include <algorithm>
#include <iterator>

#include "services/domain/catalog.h"

namespace vendormatch {
namespace {

struct Entry {
  absl::string_view code;
  int64_t low_cents;
  int64_t high_cents;
};

// Sorted by code (checked in FindMarketBand's test); every catalogue code.
constexpr Entry kBands[] = {
    {"ACCOUNTS_PAYABLE", 900, 4000},
    {"ACCOUNTS_RECEIVABLE", 900, 4000},
    {"ALGORITHM_DESIGN", 2500, 15000},
    {"ANIMATION_AND_DESIGN", 1800, 9000},
    {"ARCHITECTURAL_DESIGN", 2200, 12000},
    {"BACK_OFFICE_ADMINISTRATION", 700, 3200},
    {"BOOKKEEPING", 900, 4000},
    {"BUSINESS_RESEARCH", 2000, 10000},
    {"CALL_CENTER_INBOUND", 700, 3500},
    {"CALL_CENTER_OUTBOUND", 700, 3500},
    {"CLAIMS_PROCESSING", 900, 4000},
    {"CLINICAL_DATA_ANALYSIS", 2500, 14000},
    {"COLLECTIONS", 800, 3800},
    {"COMPETITIVE_INTELLIGENCE", 2000, 11000},
    {"CONTENT_MODERATION", 600, 3000},
    {"CONTRACT_ANALYSIS", 2500, 15000},
    {"CUSTOMER_SUPPORT", 700, 3500},
    {"DATA_ANALYTICS", 2200, 12000},
    {"DATA_ANNOTATION", 500, 2800},
    {"DATA_ENTRY", 500, 2500},
    {"DIGITAL_MARKETING", 1800, 9000},
    {"DOCUMENT_PROCESSING", 600, 3000},
    {"ENGINEERING_DESIGN", 2500, 14000},
    {"FINANCE_AND_ACCOUNTING", 1000, 4500},
    {"FINANCIAL_MODELING", 2500, 15000},
    {"FINANCIAL_RESEARCH", 2200, 13000},
    {"HEALTHCARE_INFORMATION_MANAGEMENT", 1800, 9000},
    {"HELP_DESK", 800, 4000},
    {"HR_ADMINISTRATION", 900, 4000},
    {"INVESTMENT_RESEARCH", 2500, 15000},
    {"IP_PATENT_RESEARCH", 2500, 16000},
    {"LEGAL_PROCESS_OUTSOURCING", 2500, 16000},
    {"MARKET_RESEARCH", 2000, 10000},
    {"MEDICAL_BILLING", 900, 4200},
    {"ORDER_MANAGEMENT", 700, 3200},
    {"PAYROLL", 900, 4000},
    {"RECRUITMENT", 1000, 4500},
    {"RESEARCH_AND_DEVELOPMENT", 3000, 18000},
    {"RISK_ANALYSIS", 2500, 14000},
    {"SCIENTIFIC_RESEARCH", 3000, 18000},
    {"SOFTWARE_DESIGN", 2500, 15000},
    {"STAFF_TRAINING", 1000, 4500},
    {"TECHNICAL_DOCUMENTATION", 1800, 9000},
    {"TECHNICAL_SUPPORT", 900, 4500},
    {"TRANSCRIPTION", 500, 2500},
    {"WEBSITE_MAINTENANCE", 1000, 5000},
};

}  // namespace

std::optional<MarketBandUsd> FindMarketBand(absl::string_view code) {
  const auto it = std::lower_bound(std::begin(kBands), std::end(kBands), code,
                                   [](const Entry& e, absl::string_view c) { return e.code < c; });
  if (it == std::end(kBands) || it->code != code) return std::nullopt;
  return MarketBandUsd{it->low_cents, it->high_cents};
}

size_t MarketBandCount() { return std::size(kBands); }

}  // namespace vendormatch
