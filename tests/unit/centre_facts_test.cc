// Tests of what the matching framework derives per centre: delivery model
// rules, time-zone distance, business-hours overlap across daylight-saving
// changes and the choice of the deciding centre.
#include "services/matching/centre_facts.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace vendormatch::matching {
namespace {

using sdk::DeliveryModel;

constexpr uint8_t kWeekdays = 0x1F;
constexpr uint8_t kEveryDay = 0x7F;

absl::TimeZone Zone(const std::string& name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
  return zone;
}

sdk::Shift Hours(uint8_t days, int start_hour, int end_hour) {
  return sdk::Shift{days, static_cast<int16_t>(start_hour * 60),
                    static_cast<int16_t>(end_hour * 60)};
}

// A centre as the facts see it, with its country as text.
struct TestCentre {
  std::string country;
  CentreKind kind;
};

TestCentre MakeCentre(const std::string& country, const std::string& zone,
                      std::vector<sdk::Shift> shifts = {}, bool round_the_clock = false) {
  TestCentre centre;
  centre.country = country;
  centre.kind.time_zone = Zone(zone);
  centre.kind.shifts = std::move(shifts);
  centre.kind.round_the_clock = round_the_clock;
  return centre;
}

// A provider's centres.
struct Centres {
  std::vector<TestCentre> centres;
};

// A requirement with the client's country as text.
struct Req : sdk::Requirement {
  std::string country;
};

Req MakeRequirement(const std::string& country, const std::string& zone,
                    absl::CivilDay start_date) {
  Req req;
  req.country = country;
  req.client_time_zone = Zone(zone);
  req.client_hours = {Hours(kWeekdays, 9, 17)};
  req.start_date = start_date;
  return req;
}

int ComputeCentreFacts(const Req& req, const Centres& provider, const FactsOptions& options,
                       std::vector<sdk::CentreFacts>& facts) {
  std::vector<CentreKind> kinds;
  std::vector<absl::string_view> countries;
  for (const TestCentre& c : provider.centres) {
    kinds.push_back(c.kind);
    countries.push_back(c.country);
  }
  return matching::ComputeCentreFacts(req, req.country, kinds, countries, options, facts);
}

DeliveryJudgement Judge(const std::string& client_country, const std::string& client_zone,
                        const std::string& centre_country, const std::string& centre_zone,
                        absl::CivilDay day, int max_hours = 3) {
  const absl::TimeZone client = Zone(client_zone);
  return DeliveryModelFor(client_country, client, centre_country, Zone(centre_zone),
                          OffsetReferenceInstant(day, client), max_hours);
}

constexpr absl::CivilDay kJanuary(2025, 1, 13);  // a Monday
constexpr absl::CivilDay kJuly(2025, 7, 14);     // a Monday

// --- Delivery model rules -------------------------------------------------

TEST(DeliveryModelTest, SameCountryIsOnshore) {
  DeliveryJudgement j = Judge("IN", "Asia/Kolkata", "IN", "Asia/Kolkata", kJanuary);
  EXPECT_EQ(j.model, DeliveryModel::kOnshore);
  EXPECT_STREQ(j.rule, "same_country");
  EXPECT_EQ(j.hours_apart, 0);

  // Onshore however far apart, with the distance still reported.
  j = Judge("US", "America/New_York", "US", "America/Los_Angeles", kJanuary, 0);
  EXPECT_EQ(j.model, DeliveryModel::kOnshore);
  EXPECT_STREQ(j.rule, "same_country");
  EXPECT_EQ(j.hours_apart, 3);
}

TEST(DeliveryModelTest, SharedBorderIsNearshore) {
  const DeliveryJudgement j =
      Judge("US", "America/New_York", "MX", "America/Mexico_City", kJanuary, 0);
  EXPECT_EQ(j.model, DeliveryModel::kNearshore);
  EXPECT_STREQ(j.rule, "shared_border");
  EXPECT_EQ(j.hours_apart, 1);
}

TEST(DeliveryModelTest, SameSubregionIsNearshore) {
  const DeliveryJudgement j = Judge("PH", "Asia/Manila", "VN", "Asia/Ho_Chi_Minh", kJanuary, 0);
  EXPECT_EQ(j.model, DeliveryModel::kNearshore);
  EXPECT_STREQ(j.rule, "same_subregion");
  EXPECT_EQ(j.hours_apart, 1);
}

TEST(DeliveryModelTest, TimeZoneDistanceIsNearshore) {
  // CO neither borders the US nor shares its sub-region; Bogota is UTC-5
  // all year, New York UTC-5 in winter and UTC-4 in summer.
  DeliveryJudgement j = Judge("US", "America/New_York", "CO", "America/Bogota", kJanuary);
  EXPECT_EQ(j.model, DeliveryModel::kNearshore);
  EXPECT_STREQ(j.rule, "time_zone_distance");
  EXPECT_EQ(j.hours_apart, 0);

  j = Judge("US", "America/New_York", "CO", "America/Bogota", kJuly);
  EXPECT_EQ(j.model, DeliveryModel::kNearshore);
  EXPECT_STREQ(j.rule, "time_zone_distance");
  EXPECT_EQ(j.hours_apart, 1);
}

TEST(DeliveryModelTest, TimeZoneLimitIsInclusiveAndDstAware) {
  DeliveryJudgement j = Judge("US", "America/New_York", "CO", "America/Bogota", kJanuary, 0);
  EXPECT_EQ(j.model, DeliveryModel::kNearshore);
  EXPECT_STREQ(j.rule, "time_zone_distance");

  j = Judge("US", "America/New_York", "CO", "America/Bogota", kJuly, 0);
  EXPECT_EQ(j.model, DeliveryModel::kOffshore);
  EXPECT_STREQ(j.rule, "farther");
  EXPECT_EQ(j.hours_apart, 1);

  // A negative limit disables the rule.
  j = Judge("US", "America/New_York", "CO", "America/Bogota", kJanuary, -1);
  EXPECT_EQ(j.model, DeliveryModel::kOffshore);
}

TEST(DeliveryModelTest, OffsetsAreReadAtClientNoonOnTheStartDate) {
  // 2025-03-09 is the day New York moves to UTC-4, at 02:00: by noon it has.
  const DeliveryJudgement j =
      Judge("US", "America/New_York", "CO", "America/Bogota", absl::CivilDay(2025, 3, 9), 0);
  EXPECT_EQ(j.hours_apart, 1);
  EXPECT_EQ(j.model, DeliveryModel::kOffshore);
}

TEST(DeliveryModelTest, FractionalHoursApart) {
  DeliveryJudgement j = Judge("US", "America/New_York", "IN", "Asia/Kolkata", kJanuary);
  EXPECT_EQ(j.model, DeliveryModel::kOffshore);
  EXPECT_STREQ(j.rule, "farther");
  EXPECT_DOUBLE_EQ(j.hours_apart, 10.5);

  j = Judge("GB", "Europe/London", "NP", "Asia/Kathmandu", kJuly);
  EXPECT_DOUBLE_EQ(j.hours_apart, 4.75);
}

TEST(DeliveryModelTest, UnknownCountryOnlyByTimeZone) {
  DeliveryJudgement j = Judge("XX", "Europe/Berlin", "PL", "Europe/Warsaw", kJanuary);
  EXPECT_EQ(j.model, DeliveryModel::kNearshore);
  EXPECT_STREQ(j.rule, "time_zone_distance");
  j = Judge("XX", "Europe/Berlin", "PL", "Europe/Warsaw", kJanuary, -1);
  EXPECT_EQ(j.model, DeliveryModel::kOffshore);
}

// --- Overlap -------------------------------------------------------------

double Overlap(const std::string& client_zone, std::vector<sdk::Shift> client_hours,
               const TestCentre& centre, absl::CivilDay start) {
  return DailyOverlapHours(client_hours, Zone(client_zone), centre.kind, start);
}

TEST(OverlapTest, LondonClientNewYorkCentreMostOfTheYear) {
  const TestCentre ny = MakeCentre("US", "America/New_York", {Hours(kWeekdays, 9, 17)});
  // London 09-17 is New York 04-12 (5 h behind): 3 h a day.
  EXPECT_DOUBLE_EQ(Overlap("Europe/London", {Hours(kWeekdays, 9, 17)}, ny, kJanuary), 3);
  EXPECT_DOUBLE_EQ(Overlap("Europe/London", {Hours(kWeekdays, 9, 17)}, ny, kJuly), 3);
}

TEST(OverlapTest, LondonClientNewYorkCentreWhenOnlyTheUsHasDst) {
  const TestCentre ny = MakeCentre("US", "America/New_York", {Hours(kWeekdays, 9, 17)});
  // The US moved to DST on 2024-03-10, the UK moves on 2024-03-31: 4 h apart.
  EXPECT_DOUBLE_EQ(
      Overlap("Europe/London", {Hours(kWeekdays, 9, 17)}, ny, absl::CivilDay(2024, 3, 18)), 4);
  // A week across the UK change: Thu and Fri at 4 h, Mon-Wed at 3 h.
  EXPECT_DOUBLE_EQ(
      Overlap("Europe/London", {Hours(kWeekdays, 9, 17)}, ny, absl::CivilDay(2024, 3, 28)),
      (4 + 4 + 3 + 3 + 3) / 5.0);
}

TEST(OverlapTest, RoundTheClockCentreCoversTheWholeDay) {
  const TestCentre manila = MakeCentre("PH", "Asia/Manila", {}, /*round_the_clock=*/true);
  EXPECT_DOUBLE_EQ(Overlap("America/New_York", {Hours(kWeekdays, 9, 17)}, manila, kJanuary), 8);
  EXPECT_DOUBLE_EQ(Overlap("America/New_York", {Hours(kWeekdays, 9, 17)}, manila, kJuly), 8);
}

TEST(OverlapTest, OvernightCentreShiftServesAnotherContinentsDay) {
  // Manila 22:00-07:00 (UTC+8). New York 09-17 is Manila 22:00-06:00 in
  // winter (full overlap) and 21:00-05:00 in summer (7 h).
  const TestCentre manila = MakeCentre("PH", "Asia/Manila", {Hours(kWeekdays, 22, 7)});
  EXPECT_DOUBLE_EQ(Overlap("America/New_York", {Hours(kWeekdays, 9, 17)}, manila, kJanuary), 8);
  EXPECT_DOUBLE_EQ(Overlap("America/New_York", {Hours(kWeekdays, 9, 17)}, manila, kJuly), 7);
  // Starting mid-week changes nothing: every weekday still comes once.
  EXPECT_DOUBLE_EQ(
      Overlap("America/New_York", {Hours(kWeekdays, 9, 17)}, manila, absl::CivilDay(2025, 1, 16)),
      8);
}

TEST(OverlapTest, OvernightClientShift) {
  // A client working 22:00-06:00 Mon-Fri, a centre in the same zone open
  // 00:00-24:00 on weekdays only: Friday night's last 6 h fall on Saturday.
  const TestCentre centre = MakeCentre("GB", "Europe/London", {Hours(kWeekdays, 0, 24)});
  EXPECT_DOUBLE_EQ(Overlap("Europe/London", {Hours(kWeekdays, 22, 6)}, centre, kJanuary),
                   (4 * 8 + 2) / 5.0);
}

TEST(OverlapTest, EmptyShiftsMeanNineToFiveWeekdays) {
  const TestCentre centre = MakeCentre("DE", "Europe/Berlin");
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(kWeekdays, 9, 17)}, centre, kJanuary), 8);
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {}, centre, kJanuary), 8);
  EXPECT_DOUBLE_EQ(Overlap("Europe/London", {Hours(kWeekdays, 9, 17)}, centre, kJanuary), 7);
}

TEST(OverlapTest, OverlappingShiftsAreNotCountedTwice) {
  const TestCentre centre =
      MakeCentre("DE", "Europe/Berlin", {Hours(kWeekdays, 8, 16), Hours(kWeekdays, 12, 20)});
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(kWeekdays, 9, 17), Hours(kWeekdays, 10, 12)},
                           centre, kJanuary),
                   8);
}

TEST(OverlapTest, AveragedOverClientWorkingDays) {
  const TestCentre centre = MakeCentre("DE", "Europe/Berlin", {Hours(kWeekdays, 9, 17)});
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(kEveryDay, 9, 17)}, centre, kJanuary),
                   5 * 8 / 7.0);
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(0, 9, 17)}, centre, kJanuary), 0);
}

TEST(OverlapTest, DstChangeInsideTheCentresWeek) {
  // A New York centre closed on Sundays reopens at Monday 00:00 local. The
  // US leaves DST on Sunday 2024-11-03, so that Monday 00:00 is 05:00 UTC,
  // 06:00 in Berlin (CET since 10-27). A Berlin client working Mondays
  // 05:00-07:00 overlaps 1 h on Monday 11-04 (2 h had New York stayed on EDT).
  const TestCentre ny = MakeCentre("US", "America/New_York", {Hours(0x3F, 0, 24)});
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(0x01, 5, 7)}, ny, absl::CivilDay(2024, 10, 29)),
                   1);
  // The same a week later, no change in sight: also 1 h.
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(0x01, 5, 7)}, ny, absl::CivilDay(2024, 11, 5)),
                   1);
  // And before the change, Monday 10-28 with New York on EDT: 2 h.
  EXPECT_DOUBLE_EQ(Overlap("Europe/Berlin", {Hours(0x01, 5, 7)}, ny, absl::CivilDay(2024, 10, 22)),
                   2);
}

// --- Deciding centre -----------------------------------------------------

Centres ThreeContinents() {
  Centres provider;
  provider.centres = {MakeCentre("IN", "Asia/Kolkata"), MakeCentre("PL", "Europe/Warsaw"),
                      MakeCentre("MX", "America/Mexico_City")};
  return provider;
}

TEST(CentreFactsTest, ThreeContinentsUsClientGetsMexico) {
  const Req req = MakeRequirement("US", "America/New_York", kJanuary);
  std::vector<sdk::CentreFacts> facts;
  EXPECT_EQ(ComputeCentreFacts(req, ThreeContinents(), FactsOptions{}, facts), 2);
  ASSERT_EQ(facts.size(), 3u);
  EXPECT_EQ(facts[0].delivery_model, DeliveryModel::kOffshore);
  EXPECT_STREQ(facts[0].rule, "farther");
  EXPECT_DOUBLE_EQ(facts[0].hours_apart, 10.5);
  EXPECT_EQ(facts[1].delivery_model, DeliveryModel::kOffshore);
  EXPECT_EQ(facts[1].hours_apart, 6);
  EXPECT_EQ(facts[1].overlap_hours, 2);  // Warsaw 09-17 is New York 03-11
  EXPECT_EQ(facts[2].delivery_model, DeliveryModel::kNearshore);
  EXPECT_STREQ(facts[2].rule, "shared_border");
  EXPECT_EQ(facts[2].hours_apart, 1);
  EXPECT_EQ(facts[2].overlap_hours, 7);
}

TEST(CentreFactsTest, ThreeContinentsGermanClientGetsPoland) {
  const Req req = MakeRequirement("DE", "Europe/Berlin", kJuly);
  std::vector<sdk::CentreFacts> facts;
  EXPECT_EQ(ComputeCentreFacts(req, ThreeContinents(), FactsOptions{}, facts), 1);
  EXPECT_EQ(facts[1].delivery_model, DeliveryModel::kNearshore);
  EXPECT_STREQ(facts[1].rule, "shared_border");
  EXPECT_EQ(facts[1].overlap_hours, 8);
  EXPECT_EQ(facts[0].delivery_model, DeliveryModel::kOffshore);  // 3.5 h in summer
  EXPECT_DOUBLE_EQ(facts[0].hours_apart, 3.5);
  EXPECT_EQ(facts[2].delivery_model, DeliveryModel::kOffshore);
}

TEST(CentreFactsTest, ThreeContinentsIndianClientGetsIndia) {
  const Req req = MakeRequirement("IN", "Asia/Kolkata", kJanuary);
  std::vector<sdk::CentreFacts> facts;
  EXPECT_EQ(ComputeCentreFacts(req, ThreeContinents(), FactsOptions{}, facts), 0);
  EXPECT_EQ(facts[0].delivery_model, DeliveryModel::kOnshore);
  EXPECT_STREQ(facts[0].rule, "same_country");
  EXPECT_EQ(facts[0].overlap_hours, 8);
}

TEST(CentreFactsTest, NoCentres) {
  const Req req = MakeRequirement("US", "America/New_York", kJanuary);
  std::vector<sdk::CentreFacts> facts(4);
  EXPECT_EQ(ComputeCentreFacts(req, Centres{}, FactsOptions{}, facts), -1);
  EXPECT_TRUE(facts.empty());
}

TEST(CentreFactsTest, DecidingCentreRespectsAcceptedModels) {
  Centres provider;
  provider.centres = {MakeCentre("IN", "Asia/Kolkata"), MakeCentre("US", "America/Chicago"),
                      MakeCentre("MX", "America/Mexico_City")};
  Req req = MakeRequirement("US", "America/New_York", kJanuary);
  std::vector<sdk::CentreFacts> facts(7);  // resized, old contents dropped

  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 1);
  EXPECT_EQ(facts.size(), 3u);
  req.delivery_models = sdk::Bit(DeliveryModel::kNearshore) | sdk::Bit(DeliveryModel::kOffshore);
  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 2);
  req.delivery_models = sdk::Bit(DeliveryModel::kOffshore);
  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 0);

  // Nothing accepted: the closest of all decides.
  provider.centres.erase(provider.centres.begin());
  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 0);
  EXPECT_EQ(facts[0].delivery_model, DeliveryModel::kOnshore);
}

TEST(CentreFactsTest, TiesBreakOnHoursThenOverlapThenIndex) {
  Req req = MakeRequirement("PH", "Asia/Manila", kJanuary);
  Centres provider;
  provider.centres = {
      MakeCentre("TH", "Asia/Bangkok"),                                 // 1 h, 7 h overlap
      MakeCentre("VN", "Asia/Ho_Chi_Minh", {Hours(kWeekdays, 8, 16)}),  // 1 h, 8 h overlap
      MakeCentre("MY", "Asia/Kuala_Lumpur"),                            // 0 h, 8 h overlap
  };
  std::vector<sdk::CentreFacts> facts;
  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 2);
  EXPECT_EQ(facts[0].overlap_hours, 7);
  EXPECT_EQ(facts[1].overlap_hours, 8);

  provider.centres.pop_back();
  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 1);

  provider.centres = {MakeCentre("SG", "Asia/Singapore"), MakeCentre("MY", "Asia/Kuala_Lumpur")};
  EXPECT_EQ(ComputeCentreFacts(req, provider, FactsOptions{}, facts), 0);
}

TEST(CentreFactsTest, OptionsSetTheTimeZoneLimit) {
  const Req req = MakeRequirement("US", "America/New_York", kJuly);
  Centres provider;
  provider.centres = {MakeCentre("CO", "America/Bogota")};
  std::vector<sdk::CentreFacts> facts;
  ComputeCentreFacts(req, provider, FactsOptions{}, facts);
  EXPECT_EQ(facts[0].delivery_model, DeliveryModel::kNearshore);
  ComputeCentreFacts(req, provider, FactsOptions{.max_nearshore_hours = 0}, facts);
  EXPECT_EQ(facts[0].delivery_model, DeliveryModel::kOffshore);
  EXPECT_STREQ(facts[0].rule, "farther");
}

}  // namespace
}  // namespace vendormatch::matching
