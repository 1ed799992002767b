// The country geography the matching framework derives delivery models from:
// for every ISO 3166-1 alpha-2 code (the 249 of the registry's reference
// table), its UN M49 sub-region and region and the countries it shares a land
// border with.
//
// Sub-regions follow the UN M49 standard with one deliberate change: for
// Latin America and the Caribbean (M49 sub-region 419) we use the M49
// *intermediate* regions instead, Caribbean (029), Central America (013,
// which includes Mexico) and South America (005), because one sub-region from
// Tijuana to Tierra del Fuego is too coarse to mean "nearby". Sub-Saharan
// Africa (202) stays one sub-region, as M49 has it. Taiwan (TW), which M49
// does not list separately, is in Eastern Asia (030). Antarctica (AQ) has no
// sub-region and no region (empty strings).
//
// Land borders are between ISO codes, so territories count on their own: GF
// (French Guiana) borders BR and SR while FR is European only; ES borders MA
// (Ceuta, Melilla) and GI; RU borders PL and LT (Kaliningrad); MF and SX share
// Saint Martin; PS borders IL, EG and JO. Kosovo has no ISO code, so borders
// across it are not modelled. Islands and bridges/causeways give no border.
//
// All data is compiled in and immutable; every function is thread-safe and
// allocation-free. Codes are upper case; any other string is unknown.
#pragma once

#include <span>

#include "absl/strings/string_view.h"

namespace vendormatch::matching {

struct CountryGeo {
  absl::string_view code;                      // ISO 3166-1 alpha-2, e.g. "PH"
  absl::string_view subregion_code;            // M49, e.g. "035"; "" for AQ
  absl::string_view subregion_name;            // e.g. "South-eastern Asia"; "" for AQ
  absl::string_view region_name;               // Africa, Americas, Asia, Europe, Oceania; "" for AQ
  std::span<const absl::string_view> borders;  // sorted codes sharing a land border
};

// Every country, sorted by code.
std::span<const CountryGeo> AllCountryGeos();

// The entry for `code`, or nullptr when it is not an upper-case ISO 3166-1
// alpha-2 code.
const CountryGeo* FindCountryGeo(absl::string_view code);

// True when `a` and `b` are known, different countries sharing a land border.
bool ShareLandBorder(absl::string_view a, absl::string_view b);

// True when `a` and `b` are known countries of the same sub-region (see
// above). A country is in its own sub-region; AQ is in none.
bool SameSubregion(absl::string_view a, absl::string_view b);

}  // namespace vendormatch::matching
