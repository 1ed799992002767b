// The indexed matching path against the reference path (every filter on
// every live provider, no indexes): the same answer, field for field, on a
// generated registry and random requirements, on one segment and on a
// snapshot split over several by incremental changes.
#include <random>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "matching_fixtures.h"
#include "services/matching/snapshot.h"

namespace vendormatch::testing {
namespace {

// Runs `req` on both paths over `snapshot` with every default profile and
// several top K; returns how many matches had eligible providers.
int ExpectPathsAgree(const Snapshot& snapshot, const ValidRequirement& req, int round) {
  const BuiltIns& built = BuiltIns::Get();
  const ExchangeRates rates = ExchangeRates::Default();
  int non_empty = 0;
  for (const auto& profile : built.profiles) {
    for (int top_k : {1, 10, 60}) {
      MatchInput in;
      in.snapshot = &snapshot;
      in.profile = profile.get();
      in.requirement = &req;
      in.exchange_rates = &rates;
      in.top_k = top_k;
      auto indexed = RunPipeline(in);
      in.reference = true;
      auto reference = RunPipeline(in);
      EXPECT_EQ(indexed.ok(), reference.ok()) << indexed.status() << " / " << reference.status();
      EXPECT_TRUE(indexed.ok()) << indexed.status();
      if (!indexed.ok() || !reference.ok()) continue;
      std::string difference;
      google::protobuf::util::MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&difference);
      EXPECT_TRUE(differencer.Compare(*reference, *indexed))
          << "round " << round << ", profile " << profile->proto.name() << ", top " << top_k
          << ":\n"
          << difference;
      if (indexed->eligible_count() > 0) ++non_empty;
    }
  }
  return non_empty;
}

TEST(MatchingPathsTest, IndexedAgreesWithReferenceOnRandomRequirements) {
  const std::vector<v1::Provider> registry = Generate(3000, 11, 0.85);
  auto snapshot = BuildSnapshot(registry);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  std::mt19937_64 rng(20261121);
  int non_empty = 0;
  const int rounds = 100;
  for (int round = 0; round < rounds; ++round) {
    non_empty += ExpectPathsAgree(**snapshot, RandomRequirement(rng), round);
  }
  // The requirements must exercise both outcomes, not only empty answers.
  EXPECT_GT(non_empty, 60);
  EXPECT_LT(non_empty, rounds * 9);
}

TEST(MatchingPathsTest, IndexedAgreesWithReferenceOverSeveralSegments) {
  std::vector<v1::Provider> registry = Generate(2400, 12, 0.9);
  const std::vector<v1::Provider> first(registry.begin(), registry.begin() + 1200);
  auto snapshot = BuildSnapshot(first);
  ASSERT_TRUE(snapshot.ok());
  std::shared_ptr<const Snapshot> current = *snapshot;
  // The rest arrives in small batches, with some of the first half changed
  // or suspended, so the live sets have holes and there are several segments.
  std::mt19937_64 rng(7);
  for (size_t at = 1200; at < registry.size(); at += 150) {
    std::vector<v1::Provider> batch(registry.begin() + at,
                                    registry.begin() + std::min(at + 150, registry.size()));
    for (int k = 0; k < 10; ++k) {
      v1::Provider changed = registry[rng() % 1200];
      changed.set_status(rng() % 3 == 0 ? v1::Provider::STATUS_SUSPENDED
                                        : v1::Provider::STATUS_ACTIVE);
      changed.mutable_quality()->set_rating(static_cast<double>(rng() % 50) / 10.0);
      batch.push_back(changed);
    }
    auto next = ApplyChanges(
        *current, batch,
        FeedPosition{.revision = current->revision + 1, .horizon = 0, .in_flight = {}});
    ASSERT_TRUE(next.ok()) << next.status();
    current = *next;
  }
  EXPECT_GT(current->segments.size(), 1u);
  for (int round = 0; round < 30; ++round) {
    ExpectPathsAgree(*current, RandomRequirement(rng), round);
  }
}

}  // namespace
}  // namespace vendormatch::testing
