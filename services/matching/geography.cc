#include "services/matching/geography.h"

#include <algorithm>
#include <iterator>

namespace vendormatch::matching {
namespace {

#include "services/matching/geography_data.inc"

constexpr bool IsSorted(std::span<const absl::string_view> codes) {
  for (size_t i = 1; i < codes.size(); ++i) {
    if (!(codes[i - 1] < codes[i])) return false;
  }
  return true;
}

constexpr bool TableIsSorted() {
  for (size_t i = 0; i < std::size(kCountryGeos); ++i) {
    if (i > 0 && !(kCountryGeos[i - 1].code < kCountryGeos[i].code)) return false;
    if (!IsSorted(kCountryGeos[i].borders)) return false;
  }
  return true;
}

static_assert(std::size(kCountryGeos) == 249, "one entry per ISO 3166-1 alpha-2 code");
static_assert(TableIsSorted(), "binary search needs sorted codes and borders");

}  // namespace

std::span<const CountryGeo> AllCountryGeos() { return kCountryGeos; }

const CountryGeo* FindCountryGeo(absl::string_view code) {
  const CountryGeo* end = std::end(kCountryGeos);
  const CountryGeo* it =
      std::lower_bound(std::begin(kCountryGeos), end, code,
                       [](const CountryGeo& geo, absl::string_view c) { return geo.code < c; });
  return it != end && it->code == code ? it : nullptr;
}

bool ShareLandBorder(absl::string_view a, absl::string_view b) {
  const CountryGeo* geo = FindCountryGeo(a);
  return geo != nullptr && std::binary_search(geo->borders.begin(), geo->borders.end(), b);
}

bool SameSubregion(absl::string_view a, absl::string_view b) {
  const CountryGeo* ga = FindCountryGeo(a);
  const CountryGeo* gb = FindCountryGeo(b);
  return ga != nullptr && gb != nullptr && !ga->subregion_code.empty() &&
         ga->subregion_code == gb->subregion_code;
}

}  // namespace vendormatch::matching
