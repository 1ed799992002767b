// The snapshot's layout and indexes, and incremental refresh against a
// full rebuild.
#include "services/matching/snapshot.h"

#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "matching_fixtures.h"
#include "services/domain/names.h"

namespace vendormatch::testing {
namespace {

TEST(SnapshotTest, HoldsActiveProvidersSortedAndComplete) {
  const std::vector<v1::Provider> registry = Generate(500, 3, 0.8);
  auto snapshot = BuildSnapshot(registry);
  ASSERT_TRUE(snapshot.ok());
  const Snapshot& s = **snapshot;
  size_t active = 0;
  for (const auto& p : registry) active += p.status() == v1::Provider::STATUS_ACTIVE;
  EXPECT_EQ(s.size(), active);
  ASSERT_EQ(s.segments.size(), 1u);
  const auto rows = s.segments[0].segment->providers();
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_LT(rows[i - 1].id(), rows[i].id());
  for (const auto& p : registry) {
    const sdk::Provider* found = s.Find(ProviderId(p));
    EXPECT_EQ(found != nullptr, p.status() == v1::Provider::STATUS_ACTIVE) << p.name();
    if (!found) continue;
    EXPECT_EQ(found->display_name(), p.display_name());
    ASSERT_EQ(found->rates().size(), static_cast<size_t>(p.rate_card_size()));
    for (int r = 0; r < p.rate_card_size(); ++r) {
      EXPECT_EQ(s.dictionary->Name(found->rates()[r].service), p.rate_card(r).service());
      EXPECT_EQ(found->rates()[r].hourly.minor_units, p.rate_card(r).hourly_rate().minor_units());
    }
    ASSERT_EQ(found->centres().size(), static_cast<size_t>(p.delivery_centers_size()));
    for (int c = 0; c < p.delivery_centers_size(); ++c) {
      EXPECT_EQ(s.dictionary->Name(found->centres()[c].time_zone),
                p.delivery_centers(c).time_zone());
      EXPECT_EQ(found->centres()[c].seats_available, p.delivery_centers(c).seats_available());
    }
  }
}

// Every posting set equals a scan of the rows for that value.
TEST(SnapshotTest, IndexesAgreeWithAScan) {
  auto snapshot = BuildSnapshot(Generate(800, 4, 1.0));
  ASSERT_TRUE(snapshot.ok());
  const Snapshot& s = **snapshot;
  const Segment& segment = *s.segments[0].segment;
  const auto rows = segment.providers();
  using F = sdk::IndexField;
  auto check = [&](F field, sdk::Symbol value, auto has) {
    const Bitmap* postings = segment.Postings(field, value);
    size_t expected = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      const bool want = has(rows[r]);
      expected += want;
      EXPECT_EQ(postings != nullptr && postings->Test(r), want)
          << "field " << static_cast<int>(field) << " value " << s.dictionary->Name(value)
          << " row " << r;
    }
    EXPECT_EQ(postings ? postings->Count() : 0, expected);
  };
  int checked = 0;
  for (sdk::Symbol v = 1; v < s.dictionary->symbol_count(); ++v, ++checked) {
    auto listed = [v](std::span<const sdk::Symbol> list) {
      return std::find(list.begin(), list.end(), v) != list.end();
    };
    check(F::kService, v, [&](const sdk::Provider& p) { return listed(p.services()); });
    check(F::kIndustry, v, [&](const sdk::Provider& p) { return listed(p.industries()); });
    check(F::kCertification, v, [&](const sdk::Provider& p) {
      for (const auto& c : p.certifications()) {
        if (c.code == v) return true;
      }
      return false;
    });
    check(F::kCentreCountry, v, [&](const sdk::Provider& p) {
      for (const auto& c : p.centres()) {
        if (c.country == v) return true;
      }
      return false;
    });
    check(F::kHeadquartersCountry, v,
          [&](const sdk::Provider& p) { return p.headquarters_country() == v; });
    const std::string name(s.dictionary->Name(v));
    check(F::kLanguage, v, [&](const sdk::Provider& p) {
      for (sdk::Symbol tag : p.languages()) {
        const absl::string_view text = s.dictionary->Name(tag);
        if (tag == v || text.substr(0, text.find('-')) == name) return true;
      }
      return false;
    });
  }
  for (sdk::Symbol m = 1; m <= 3; ++m) {
    check(F::kServiceModel, m,
          [&](const sdk::Provider& p) { return (p.service_models() >> m) & 1; });
    check(F::kDeclaredDeliveryModel, m,
          [&](const sdk::Provider& p) { return (p.declared_delivery_models() >> m) & 1; });
  }
  EXPECT_GT(checked, 100);
}

// `p` with one random change: suspended, activated or offboarded; a service
// fewer and a new rating; or a new first rate and one more language.
v1::Provider RandomlyChanged(v1::Provider p, std::mt19937_64& rng) {
  switch (rng() % 5) {
    case 0:
      p.set_status(v1::Provider::STATUS_SUSPENDED);
      break;
    case 1:
      p.set_status(v1::Provider::STATUS_ACTIVE);
      break;
    case 2:
      p.set_status(v1::Provider::STATUS_OFFBOARDED);
      break;
    case 3:
      if (p.services_size() > 1) p.mutable_services()->RemoveLast();
      p.mutable_quality()->set_rating(static_cast<double>(rng() % 50) / 10.0);
      break;
    default:
      if (p.rate_card_size() > 0) {
        p.mutable_rate_card(0)->mutable_hourly_rate()->set_minor_units(
            static_cast<int64_t>(rng() % 20000));
      }
      p.add_languages("fr-ca");
      break;
  }
  return p;
}

// Round `round`'s changes to providers of `current`: 1 to 25 random ones,
// or up to 600 every tenth round.
std::vector<v1::Provider> RandomChanges(int round,
                                        const std::map<std::string, v1::Provider>& current,
                                        std::mt19937_64& rng) {
  std::vector<v1::Provider> changes;
  const int n = 1 + static_cast<int>(rng() % (round % 10 == 9 ? 600 : 25));
  for (int k = 0; k < n; ++k) {
    auto it = std::next(current.begin(), static_cast<long>(rng() % current.size()));
    changes.push_back(RandomlyChanged(it->second, rng));
  }
  return changes;
}

// Every built-in profile gives the same answer to a random requirement over
// `incremental` as over `full`.
void ExpectSameMatches(const Snapshot& incremental, const Snapshot& full, std::mt19937_64& rng,
                       int round) {
  const BuiltIns& builtins = BuiltIns::Get();
  const ExchangeRates rates = ExchangeRates::Default();
  const ValidRequirement req = RandomRequirement(rng);
  for (const auto& profile : builtins.profiles) {
    MatchInput in;
    in.profile = profile.get();
    in.requirement = &req;
    in.exchange_rates = &rates;
    in.top_k = 20;
    in.snapshot = &incremental;
    auto a = RunPipeline(in);
    in.snapshot = &full;
    auto b = RunPipeline(in);
    ASSERT_TRUE(a.ok() && b.ok());
    a->clear_snapshot_revision();
    b->clear_snapshot_revision();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*a, *b))
        << "round " << round << " profile " << profile->proto.name();
  }
}

// Rounds of random changes applied incrementally give the same snapshot
// (and the same matches) as a full rebuild from the resulting registry.
TEST(SnapshotTest, IncrementalRefreshEqualsFullRebuild) {
  std::vector<v1::Provider> registry = Generate(1500, 5, 0.85);
  std::map<std::string, v1::Provider> current;
  for (const auto& p : registry) current[ProviderId(p)] = p;
  auto built = BuildSnapshot(registry);
  ASSERT_TRUE(built.ok());
  std::shared_ptr<const Snapshot> incremental = *built;
  std::mt19937_64 rng(99);
  const auto extra = Generate(3000, 6, 1.0);  // new providers (other ids) to add
  size_t next_extra = 0;
  size_t max_segments = 0;
  for (int round = 0; round < 40; ++round) {
    std::vector<v1::Provider> changes = RandomChanges(round, current, rng);
    for (int k = 0; k < 5 && next_extra < extra.size(); ++k) {
      v1::Provider p = extra[next_extra++];
      p.set_name(absl::StrCat("providers/new-", next_extra));
      changes.push_back(p);
    }
    for (const auto& p : changes) current[ProviderId(p)] = p;
    auto next = ApplyChanges(
        *incremental, changes,
        FeedPosition{.revision = incremental->revision + 1, .horizon = 0, .in_flight = {}});
    ASSERT_TRUE(next.ok()) << next.status();
    incremental = *next;
    max_segments = std::max(max_segments, incremental->segments.size());
    EXPECT_LE(incremental->segments.size(), 9u);

    std::vector<v1::Provider> all;
    for (const auto& [id, p] : current) all.push_back(p);
    auto full = BuildSnapshot(all, incremental->dictionary);
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(incremental->size(), (*full)->size()) << "round " << round;
    EXPECT_EQ(Contents(*incremental), Contents(**full)) << "round " << round;

    if (round % 8 == 7) {
      ASSERT_NO_FATAL_FAILURE(ExpectSameMatches(*incremental, **full, rng, round));
    }
  }
  EXPECT_GT(max_segments, 2u);  // the changes did stay in small segments
}

TEST(SnapshotTest, UnchangedSegmentsAreShared) {
  auto base = BuildSnapshot(Generate(400, 8, 1.0));
  ASSERT_TRUE(base.ok());
  v1::Provider changed = Generate(400, 8, 1.0)[17];
  changed.set_display_name("Renamed");
  const std::vector<v1::Provider> changes = {changed};
  auto next =
      ApplyChanges(**base, changes, FeedPosition{.revision = 2, .horizon = 0, .in_flight = {}});
  ASSERT_TRUE(next.ok());
  ASSERT_EQ((*next)->segments.size(), 2u);
  EXPECT_EQ((*next)->segments[0].segment, (*base)->segments[0].segment);
  EXPECT_NE((*next)->segments[0].live, (*base)->segments[0].live);
  EXPECT_EQ((*next)->size(), 400u);
  EXPECT_EQ((*next)->Find(ProviderId(changed))->display_name(), "Renamed");
  EXPECT_NE((*base)->Find(ProviderId(changed))->display_name(), "Renamed");
}

}  // namespace
}  // namespace vendormatch::testing
