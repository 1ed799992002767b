// Tests of the compiled-in country geography: completeness against the
// registry's ISO 3166-1 table, border symmetry and spot checks of borders and
// UN M49 sub-regions.
#include "services/matching/geography.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/domain/reference_data.h"

namespace vendormatch::matching {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

std::vector<std::string> Borders(absl::string_view code) {
  const CountryGeo* geo = FindCountryGeo(code);
  std::vector<std::string> out;
  if (geo == nullptr) return out;
  for (absl::string_view border : geo->borders) out.emplace_back(border);
  return out;
}

TEST(GeographyTest, CoversEveryRegistryCountryInOrder) {
  std::vector<std::string> registry;
  for (const Country& country : Countries()) registry.emplace_back(country.code);
  std::vector<std::string> geography;
  for (const CountryGeo& geo : AllCountryGeos()) geography.emplace_back(geo.code);
  EXPECT_EQ(geography.size(), 249u);
  EXPECT_EQ(geography, registry);
  for (const std::string& code : registry) {
    const CountryGeo* geo = FindCountryGeo(code);
    ASSERT_NE(geo, nullptr) << code;
    EXPECT_EQ(geo->code, code);
  }
}

TEST(GeographyTest, BordersAreKnownSortedAndSymmetric) {
  int pairs = 0;
  for (const CountryGeo& geo : AllCountryGeos()) {
    EXPECT_TRUE(std::is_sorted(geo.borders.begin(), geo.borders.end())) << geo.code;
    EXPECT_EQ(std::adjacent_find(geo.borders.begin(), geo.borders.end()), geo.borders.end())
        << geo.code;
    for (absl::string_view neighbour : geo.borders) {
      EXPECT_NE(neighbour, geo.code);
      EXPECT_NE(FindCountryGeo(neighbour), nullptr) << geo.code << " borders " << neighbour;
      EXPECT_TRUE(ShareLandBorder(neighbour, geo.code)) << neighbour << " misses " << geo.code;
      ++pairs;
    }
  }
  EXPECT_EQ(pairs % 2, 0);
}

TEST(GeographyTest, SubregionsAreConsistent) {
  const std::set<absl::string_view> regions = {"Africa", "Americas", "Asia", "Europe", "Oceania"};
  std::map<absl::string_view, std::pair<absl::string_view, absl::string_view>> seen;
  for (const CountryGeo& geo : AllCountryGeos()) {
    if (geo.code == "AQ") {
      EXPECT_EQ(geo.subregion_code, "");
      EXPECT_EQ(geo.subregion_name, "");
      EXPECT_EQ(geo.region_name, "");
      continue;
    }
    EXPECT_EQ(geo.subregion_code.size(), 3u) << geo.code;
    EXPECT_FALSE(geo.subregion_name.empty()) << geo.code;
    EXPECT_TRUE(regions.contains(geo.region_name)) << geo.code;
    auto [it, inserted] =
        seen.emplace(geo.subregion_code, std::make_pair(geo.subregion_name, geo.region_name));
    if (!inserted) {
      EXPECT_EQ(it->second.first, geo.subregion_name) << geo.code;
      EXPECT_EQ(it->second.second, geo.region_name) << geo.code;
    }
  }
  // 17 M49 sub-regions, with Latin America split into its 3 intermediate regions.
  EXPECT_EQ(seen.size(), 19u);
  EXPECT_FALSE(seen.contains("419"));
}

TEST(GeographyTest, SpotChecksSubregions) {
  struct Case {
    const char* code;
    const char* subregion_code;
    const char* subregion_name;
    const char* region;
  };
  const Case cases[] = {
      {"PH", "035", "South-eastern Asia", "Asia"},
      {"VN", "035", "South-eastern Asia", "Asia"},
      {"IN", "034", "Southern Asia", "Asia"},
      {"TW", "030", "Eastern Asia", "Asia"},
      {"US", "021", "Northern America", "Americas"},
      {"MX", "013", "Central America", "Americas"},
      {"CO", "005", "South America", "Americas"},
      {"JM", "029", "Caribbean", "Americas"},
      {"PL", "151", "Eastern Europe", "Europe"},
      {"DE", "155", "Western Europe", "Europe"},
      {"GB", "154", "Northern Europe", "Europe"},
      {"ES", "039", "Southern Europe", "Europe"},
      {"EG", "015", "Northern Africa", "Africa"},
      {"ZA", "202", "Sub-Saharan Africa", "Africa"},
      {"AU", "053", "Australia and New Zealand", "Oceania"},
      {"FJ", "054", "Melanesia", "Oceania"},
  };
  for (const Case& c : cases) {
    const CountryGeo* geo = FindCountryGeo(c.code);
    ASSERT_NE(geo, nullptr) << c.code;
    EXPECT_EQ(geo->subregion_code, c.subregion_code) << c.code;
    EXPECT_EQ(geo->subregion_name, c.subregion_name) << c.code;
    EXPECT_EQ(geo->region_name, c.region) << c.code;
  }
}

TEST(GeographyTest, SpotChecksFullBorderLists) {
  const std::map<std::string, std::vector<std::string>> cases = {
      {"US", {"CA", "MX"}},
      {"MX", {"BZ", "GT", "US"}},
      {"CO", {"BR", "EC", "PA", "PE", "VE"}},
      {"CR", {"NI", "PA"}},
      {"PL", {"BY", "CZ", "DE", "LT", "RU", "SK", "UA"}},
      {"RO", {"BG", "HU", "MD", "RS", "UA"}},
      {"IN", {"BD", "BT", "CN", "MM", "NP", "PK"}},
      {"IE", {"GB"}},
      {"ZA", {"BW", "LS", "MZ", "NA", "SZ", "ZW"}},
      {"EG", {"IL", "LY", "PS", "SD"}},
      {"VN", {"CN", "KH", "LA"}},
      {"BR", {"AR", "BO", "CO", "GF", "GY", "PE", "PY", "SR", "UY", "VE"}},
      {"ES", {"AD", "FR", "GI", "MA", "PT"}},
      {"FR", {"AD", "BE", "CH", "DE", "ES", "IT", "LU", "MC"}},
      {"GF", {"BR", "SR"}},
  };
  for (const auto& [code, borders] : cases) {
    EXPECT_THAT(Borders(code), ElementsAreArray(borders)) << code;
  }
}

TEST(GeographyTest, IslandsHaveNoBorders) {
  for (absl::string_view code :
       {"PH", "JP", "AU", "NZ", "LK", "SG", "IS", "MT", "CU", "JM", "MG", "TW", "MU", "BH", "AQ"}) {
    EXPECT_THAT(Borders(code), IsEmpty()) << code;
  }
}

TEST(GeographyTest, ShareLandBorder) {
  EXPECT_TRUE(ShareLandBorder("US", "MX"));
  EXPECT_TRUE(ShareLandBorder("MX", "US"));
  EXPECT_TRUE(ShareLandBorder("RU", "PL"));
  EXPECT_TRUE(ShareLandBorder("MF", "SX"));
  EXPECT_FALSE(ShareLandBorder("US", "US"));
  EXPECT_FALSE(ShareLandBorder("US", "CO"));
  EXPECT_FALSE(ShareLandBorder("FR", "BR"));
  EXPECT_FALSE(ShareLandBorder("us", "mx"));
  EXPECT_FALSE(ShareLandBorder("XX", "US"));
  EXPECT_FALSE(ShareLandBorder("", ""));
}

TEST(GeographyTest, SameSubregion) {
  EXPECT_TRUE(SameSubregion("PH", "VN"));
  EXPECT_TRUE(SameSubregion("DE", "FR"));
  EXPECT_TRUE(SameSubregion("MX", "CR"));
  EXPECT_TRUE(SameSubregion("US", "US"));
  EXPECT_FALSE(SameSubregion("US", "MX"));
  EXPECT_FALSE(SameSubregion("MX", "CO"));
  EXPECT_FALSE(SameSubregion("PL", "DE"));
  EXPECT_FALSE(SameSubregion("AQ", "AQ"));
  EXPECT_FALSE(SameSubregion("XX", "XX"));
  EXPECT_FALSE(SameSubregion("ph", "vn"));
}

TEST(GeographyTest, UnknownCodes) {
  for (absl::string_view code : {"", "U", "us", "Us", "USA", "XX", "ZZ", "AA"}) {
    EXPECT_EQ(FindCountryGeo(code), nullptr) << code;
  }
  ASSERT_NE(FindCountryGeo("AD"), nullptr);
  ASSERT_NE(FindCountryGeo("ZW"), nullptr);
}

}  // namespace
}  // namespace vendormatch::matching
