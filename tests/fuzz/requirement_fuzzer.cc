// Fuzzes requirement validation (services/matching/requirement.h
// ValidateRequirement) with a vendormatch.v1.Requirement in protobuf text
// format, as MatchProviders receives one, and then matches every requirement
// it accepts. Beyond "no crash, no undefined behaviour":
//  - a rejection is INVALID_ARGUMENT naming "requirement..." fields, and can
//    be sent back when the requirement could come over the wire;
//  - an accepted client time zone is an IANA zone as a delivery centre's is
//    (both fields are documented as IANA names: provider validation is the
//    yardstick);
//  - an accepted requirement matches without error with a default profile,
//    the indexed and reference paths agree, and the response keeps its
//    promises (see CheckMatch).
#include <cstddef>
#include <cstdint>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "fuzz_util.h"
#include "matching_world.h"
#include "proto_mutator.h"
#include "services/domain/validation.h"
#include "services/matching/requirement.h"

using namespace vendormatch;        // NOLINT
using namespace vendormatch::fuzz;  // NOLINT

namespace {

// Whether provider validation accepts `zone` as a delivery centre's zone.
bool CentreAcceptsZone(const std::string& zone) {
  v1::Provider p;
  p.add_delivery_centers()->set_time_zone(zone);
  FieldViolations violations;
  ValidateProvider(p, violations);
  for (const FieldViolation& v : violations.violations()) {
    if (v.field == "delivery_centers[0].time_zone") return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  QuietProtobuf();
  MatchingWorld::Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  v1::Requirement requirement;
  if (!ParseTextProto(AsText(data, size), requirement)) return -1;
  const bool wire = WireValid(requirement);
  const MatchingWorld& world = MatchingWorld::Get();
  const std::string context = absl::StrCat("requirement: ", requirement.ShortDebugString());

  v1::RecommendServiceModelResponse advice;
  absl::StatusOr<ValidRequirement> valid = ValidateRequirement(requirement, world.today, &advice);
  if (!valid.ok()) {
    CheckRejection(valid.status(), wire, "requirement", context);
    return 0;
  }

  Check(CentreAcceptsZone(requirement.client_time_zone()),
        "client_time_zone accepted that is not an IANA zone (a delivery centre may not have it)",
        context);
  // Every default profile in turn (by input), on both matching paths.
  const auto& profile = *world.profiles[size % world.profiles.size()];
  CheckMatch(profile, *valid, 5, wire, absl::StrCat(context, "\nprofile: ", profile.proto.name()));
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  static ProtoMutator mutator(ReferenceStrings());
  return mutator.Mutate(v1::Requirement::default_instance(), data, size, max_size, seed);
}
