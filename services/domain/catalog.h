// The service catalogue: every service a provider can offer and a client can
// ask for, each belonging to BPO or KPO. Compiled in; immutable; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "absl/strings/string_view.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

struct CatalogService {
  absl::string_view code;  // Stable upper-snake code, e.g. "CUSTOMER_SUPPORT".
  absl::string_view display_name;
  vendormatch::v1::ServiceModel service_model;
  absl::string_view description;
};

// Every catalogue entry, sorted by code.
std::span<const CatalogService> CatalogServices();

// The entry with `code`, or nullptr when unknown. Exact, case-sensitive.
const CatalogService* FindCatalogService(absl::string_view code);

// The market band of a service: the hourly rates, in US cents, between
// which most of its providers charge (market_bands.cc says where they come
// from). Reference data, the same for every match.
struct MarketBandUsd {
  int64_t low_cents = 0;
  int64_t high_cents = 0;
};
// The band of catalogue service `code`, or nullopt when it has none.
// Thread-safe.
std::optional<MarketBandUsd> FindMarketBand(absl::string_view code);
// How many services have a band (every catalogue service; for its test).
size_t MarketBandCount();

}  // namespace vendormatch
