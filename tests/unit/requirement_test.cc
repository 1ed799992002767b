// ValidateRequirement: the client's place and zone are required and named.
#include "services/matching/requirement.h"

#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/field_violations.h"

namespace vendormatch {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;

constexpr absl::CivilDay kToday(2026, 3, 2);

v1::Requirement UsLegal() {
  v1::Requirement r;
  r.add_services("LEGAL_PROCESS_OUTSOURCING");
  r.set_client_country("US");
  r.set_client_time_zone("America/New_York");
  return r;
}

TEST(RequirementTest, AcceptsAMinimalRequirement) {
  auto valid = ValidateRequirement(UsLegal(), kToday, nullptr);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->codes.client_country, "US");
}

TEST(RequirementTest, MissingClientCountryAndZoneAreCalledRequired) {
  v1::Requirement r = UsLegal();
  r.clear_client_country();
  r.clear_client_time_zone();
  auto valid = ValidateRequirement(r, kToday, nullptr);
  ASSERT_EQ(valid.status().code(), absl::StatusCode::kInvalidArgument);
  const auto violations = ViolationsOf(valid.status());
  EXPECT_THAT(violations,
              Contains(AllOf(Field(&FieldViolation::field, "requirement.client_country"),
                             Field(&FieldViolation::description, HasSubstr("required")))));
  EXPECT_THAT(violations,
              Contains(AllOf(Field(&FieldViolation::field, "requirement.client_time_zone"),
                             Field(&FieldViolation::description, HasSubstr("required")))));
}

TEST(RequirementTest, UnknownCountryAndZoneQuoteTheValue) {
  v1::Requirement r = UsLegal();
  r.set_client_country("XX");
  r.set_client_time_zone("Mars/Olympus_Mons");
  const auto violations = ViolationsOf(ValidateRequirement(r, kToday, nullptr).status());
  EXPECT_THAT(violations,
              Contains(AllOf(Field(&FieldViolation::field, "requirement.client_country"),
                             Field(&FieldViolation::description, HasSubstr("\"XX\"")))));
  EXPECT_THAT(violations,
              Contains(AllOf(Field(&FieldViolation::field, "requirement.client_time_zone"),
                             Field(&FieldViolation::description,
                                   HasSubstr("unknown IANA time zone \"Mars/Olympus_Mons\"")))));
}

// Found by tests/fuzz: the client's zone was handed to Abseil as given, so
// paths (read from disk), "Asia//Kolkata" and "Fixed/UTC+05:30" passed, and
// every name asked for stayed in Abseil's cache. Now the rule of delivery
// centres (ValidateProvider) applies.
TEST(RequirementTest, ClientZoneMustBeAnIanaNameAsForDeliveryCentres) {
  for (const char* zone : {"Asia//Kolkata", "/usr/share/zoneinfo/Asia/Kolkata",
                           "../zoneinfo/Asia/Kolkata", "Fixed/UTC+05:30:00", "localtime"}) {
    v1::Requirement r = UsLegal();
    r.set_client_time_zone(zone);
    EXPECT_THAT(ViolationsOf(ValidateRequirement(r, kToday, nullptr).status()),
                Contains(Field(&FieldViolation::field, "requirement.client_time_zone")))
        << zone;
  }
  v1::Requirement r = UsLegal();
  r.set_client_time_zone("Etc/GMT+5");
  EXPECT_TRUE(ValidateRequirement(r, kToday, nullptr).ok());
}

}  // namespace
// Found by tests/fuzz (UBSan): hours * 60 + minutes overflowed int for hours
// near INT32_MAX. Out-of-range fields are now refused before any arithmetic.
TEST(RequirementTest, ClientHoursOutOfRangeAreRefusedWithoutOverflow) {
  for (const auto& [hours, minutes] : std::vector<std::pair<int, int>>{
           {2147483647, 0}, {22, 2147483647}, {-2147483647 - 1, 0}, {24, 1}, {25, 0}, {0, 60}}) {
    v1::Requirement r = UsLegal();
    v1::Shift* shift = r.add_client_hours();
    shift->add_days(google::type::MONDAY);
    shift->mutable_start_time()->set_hours(9);
    shift->mutable_end_time()->set_hours(hours);
    shift->mutable_end_time()->set_minutes(minutes);
    EXPECT_THAT(ViolationsOf(ValidateRequirement(r, kToday, nullptr).status()),
                Contains(Field(&FieldViolation::field, "requirement.client_hours[0]")))
        << hours << ":" << minutes;
  }
  v1::Requirement r = UsLegal();
  v1::Shift* shift = r.add_client_hours();
  shift->add_days(google::type::MONDAY);
  shift->mutable_start_time()->set_hours(9);
  shift->mutable_end_time()->set_hours(24);
  EXPECT_TRUE(ValidateRequirement(r, kToday, nullptr).ok());
}

}  // namespace vendormatch
