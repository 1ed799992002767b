// The sample registry of local development (deploy/local/sample/providers.yaml):
// the plan's providers drawn one after the other from one sequence, with
// unique names and their supplier-diversity classifications (from a stream of
// their own), then the lifecycle of a few (suspended, pending, expired
// certificates, centres still hiring), in order of name.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/registry/generator.h"
#include "services/registry/generator_builder.h"
#include "services/registry/generator_rng.h"
#include "services/registry/generator_tables.h"

namespace vendormatch {
namespace {

using ::vendormatch::gen::Country;
using ::vendormatch::gen::CountryId;
using ::vendormatch::gen::kCountries;
using ::vendormatch::gen::kCountryCount;
using ::vendormatch::gen::Kind;
using ::vendormatch::gen::Rng;
using ::vendormatch::v1::Provider;

// The ASCII letters of U+00C0..U+024F (their Unicode NFKD decomposition
// without the combining marks; "" for letters without one, such as "ł").
// clang-format off
constexpr absl::string_view kLatinToAscii[0x250 - 0xC0] = {"A", "A", "A", "A", "A", "A", "", "C",
    "E", "E", "E", "E", "I", "I", "I", "I", "", "N", "O", "O", "O", "O", "O", "", "", "U", "U", "U",
    "U", "Y", "", "", "a", "a", "a", "a", "a", "a", "", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "", "n", "o", "o", "o", "o", "o", "", "", "u", "u", "u", "u", "y", "", "y", "A", "a", "A", "a",
    "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", "", "", "E", "e", "E", "e", "E",
    "e", "E", "e", "E", "e", "G", "g", "G", "g", "G", "g", "G", "g", "H", "h", "", "", "I", "i",
    "I", "i", "I", "i", "I", "i", "I", "", "IJ", "ij", "J", "j", "K", "k", "", "L", "l", "L", "l",
    "L", "l", "L", "l", "", "", "N", "n", "N", "n", "N", "n", "n", "", "", "O", "o", "O", "o", "O",
    "o", "", "", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s", "S", "s", "T", "t",
    "T", "t", "", "", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "W", "w", "Y",
    "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s", "", "", "", "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "O", "o", "", "",
    "", "", "", "", "", "", "", "", "", "", "", "U", "u", "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "DZ", "Dz", "dz", "LJ", "Lj", "lj", "NJ", "Nj", "nj", "A",
    "a", "I", "i", "O", "o", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "", "A", "a", "A",
    "a", "", "", "", "", "G", "g", "K", "k", "O", "o", "O", "o", "", "", "j", "DZ", "Dz", "dz", "G",
    "g", "", "", "N", "n", "A", "a", "", "", "", "", "A", "a", "A", "a", "E", "e", "E", "e", "I",
    "i", "I", "i", "O", "o", "O", "o", "R", "r", "R", "r", "U", "u", "U", "u", "S", "s", "T", "t",
    "", "", "H", "h", "", "", "", "", "", "", "A", "a", "E", "e", "O", "o", "O", "o", "O", "o", "O",
    "o", "Y", "y", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", ""};
// clang-format on

// Display name -> id: Latin letters without their accents, in lower case,
// other characters as '-' (runs of them as one), none at either end;
// "Bajío Credit Services" -> "bajio-credit-services".
std::string Slug(absl::string_view text) {
  std::string ascii;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ascii.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    // A multi-byte UTF-8 sequence: decode it; only U+00C0..U+024F map.
    const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t code = c & (0x7F >> length);
    for (int k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (code >= 0xC0 && code < 0x250) absl::StrAppend(&ascii, kLatinToAscii[code - 0xC0]);
    i += length;
  }
  std::string slug;
  for (char c : absl::AsciiStrToLower(ascii)) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

// Names stay unique: each root once per registry, ids made unique with the
// headquarters country (then a number) when two display names slug alike.
class Names {
 public:
  absl::string_view PickRoot(Rng& rng, const Country& country) {
    absl::string_view free[std::extent_v<decltype(Country::roots.data)>];
    int n = 0;
    for (const absl::string_view root : country.roots) {
      if (!used_roots_.contains(root)) free[n++] = root;
    }
    if (n == 0) {  // More providers planned than roots: names repeat, ids get a suffix.
      for (const absl::string_view root : country.roots) free[n++] = root;
    }
    const absl::string_view root = rng.Pick(free, n);
    used_roots_.insert(root);
    return root;
  }
  std::string Id(const Provider& p) {
    std::string id = Slug(p.display_name());
    if (ids_.contains(id)) {
      id = absl::StrCat(id, "-", absl::AsciiStrToLower(p.headquarters_country()));
    }
    const std::string base = id;
    for (int k = 2; ids_.contains(id); ++k) id = absl::StrCat(base, "-", k);
    ids_.insert(id);
    return id;
  }

 private:
  std::set<absl::string_view> used_roots_;
  std::set<std::string> ids_;
};

// 10 providers suspended and 5 pending (new: few or no reviews), 12 with a
// certificate that expired in 2024-2025 (6 of them among the suspended), and
// two new centres still hiring: more seats than staff today.
void ApplyLifecycle(Rng& rng, std::vector<Provider>& providers) {
  std::vector<int> order(providers.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  for (int i = static_cast<int>(order.size()) - 1; i > 0; --i) {
    std::swap(order[i], order[rng.Below(i + 1)]);
  }
  // order[0, 12): expired certificates; [0, 6) and [12, 16): suspended;
  // [16, 21): pending; [21, 23): hiring.
  for (int k = 0; k < 12; ++k) gen::AddExpiredCertificate(rng, providers[order[k]]);
  for (int k : {0, 1, 2, 3, 4, 5, 12, 13, 14, 15}) {
    providers[order[k]].set_status(Provider::STATUS_SUSPENDED);
  }
  for (int k = 16; k < 21; ++k) {
    Provider& p = providers[order[k]];
    p.set_status(Provider::STATUS_PENDING);
    const int reviews = k == 16 ? 0 : rng.Between(1, 12);
    p.mutable_quality()->set_review_count(reviews);
    if (reviews == 0) p.mutable_quality()->clear_rating();
  }
  for (int k = 21; k < 23; ++k) {
    Provider& p = providers[order[k]];
    v1::DeliveryCenter* c = p.mutable_delivery_centers(p.delivery_centers_size() - 1);
    c->set_seats_available(c->headcount() + rng.Between(2, 8) * 10);
  }
}

}  // namespace

std::vector<Provider> GenerateSampleRegistry(uint64_t seed) {
  Rng rng(seed);
  // Classifications on a stream of their own: the other fields draw as
  // before they existed.
  Rng diversity(gen::Mix64(seed ^ gen::kDiversityStream));
  Names names;
  std::vector<Provider> providers;
  int planned = 0;
  for (const Country& c : kCountries) planned += c.plan[0] + c.plan[1] + c.plan[2];
  providers.reserve(planned);
  for (int c = 0; c < kCountryCount; ++c) {
    for (const Kind kind : {gen::kBpo, gen::kKpo, gen::kBoth}) {
      for (int k = 0; k < kCountries[c].plan[kind]; ++k) {
        Provider& p = providers.emplace_back();
        gen::ProviderBuilder(rng, static_cast<CountryId>(c), kind, p)
            .Build([&](const Country& country) { return names.PickRoot(rng, country); });
        p.set_name(absl::StrCat("providers/", names.Id(p)));
        p.set_status(Provider::STATUS_ACTIVE);
        gen::AddDiversityClassifications(diversity, static_cast<CountryId>(c), p);
      }
    }
  }
  ApplyLifecycle(rng, providers);
  std::sort(providers.begin(), providers.end(),
            [](const Provider& a, const Provider& b) { return a.name() < b.name(); });
  return providers;
}

}  // namespace vendormatch
