// Fuzzes profile compilation (services/matching/pipeline.h CompileProfile):
// how a profile's plugin list, weights and settings (map<string, string>)
// reach the built-in plugins' Configure. The input is a vendormatch.v1.Profile
// in protobuf text format, as CreateProfile/UpdateProfile receive one.
// Beyond "no crash, no undefined behaviour":
//  - a rejection is INVALID_ARGUMENT naming "profile..." fields, and can be
//    sent back when the profile could come over the wire;
//  - a profile that compiles runs: matches of typical requirements succeed
//    (a plugin that accepted its settings must not then fail), the indexed
//    and reference paths agree, and the response keeps its promises.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "fuzz_util.h"
#include "matching_world.h"
#include "proto_mutator.h"
#include "services/matching/requirement.h"

using namespace vendormatch;        // NOLINT
using namespace vendormatch::fuzz;  // NOLINT

namespace {

// Requirements of services/ctl/examples: BPO volume work with a rate
// ceiling, and KPO work with certifications, an industry and collaboration.
constexpr const char* kRequirements[] = {
    R"pb(services: "CUSTOMER_SUPPORT"
         services: "CALL_CENTER_INBOUND"
         preferred_service_model: SERVICE_MODEL_BPO
         client_country: "US"
         client_time_zone: "America/New_York"
         delivery_models: [ DELIVERY_MODEL_NEARSHORE, DELIVERY_MODEL_OFFSHORE ]
         rate_ceiling { currency_code: "USD" minor_units: 1800 }
         headcount: 120
         start_date { year: 2027 month: 3 day: 1 }
         languages: "en"
         languages: "es")pb",
    R"pb(services: "LEGAL_PROCESS_OUTSOURCING"
         services: "CONTRACT_ANALYSIS"
         service_match: SERVICE_MATCH_ANY
         work { complexity: LEVEL_HIGH expertise: LEVEL_HIGH driver: DRIVER_INSIGHT }
         client_country: "GB"
         client_time_zone: "Europe/London"
         rate_ceiling { currency_code: "EUR" minor_units: 12000 }
         headcount: 10
         certifications: "ISO27001"
         languages: "en"
         industry: "LEGAL"
         min_rating: 3.5
         min_overlap_hours: 2
         collaboration: LEVEL_HIGH)pb",
};

const std::vector<ValidRequirement>& Requirements() {
  static const auto* requirements = [] {
    auto* out = new std::vector<ValidRequirement>;
    for (const char* text : kRequirements) {
      v1::Requirement r;
      Check(ParseTextProto(text, r), "a built-in requirement does not parse", text);
      auto valid = ValidateRequirement(r, MatchingWorld::Get().today, nullptr);
      Check(valid.ok(), "a built-in requirement is invalid", valid.status().ToString());
      out->push_back(*std::move(valid));
    }
    return out;
  }();
  return *requirements;
}

// Plugin names, their setting keys and values of every kind, for the
// mutator.
std::vector<std::string> ProfileStrings() {
  std::vector<std::string> out = {
      "0",    "100",  "-1",   "1e309", "nan", "inf",    "-inf",
      "0x10", "abc",  "true", "yes",   "off", "USD",    "usd",
      "XYZ",  "EU R", "",     " 5",    "5 ",  "1e-320", "profiles/balanced"};
  for (const LoadedPlugin& p : MatchingWorld::Get().plugins) {
    out.push_back(p.name);
    for (const sdk::SettingSpec& spec : p.info.settings) {
      out.push_back(spec.name);
      out.push_back(spec.default_value);
      for (const std::string& choice : spec.choices) out.push_back(choice);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  QuietProtobuf();
  MatchingWorld::Get();
  Requirements();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  v1::Profile profile;
  if (!ParseTextProto(AsText(data, size), profile)) return -1;
  const bool wire = WireValid(profile);
  const std::string context = absl::StrCat("profile: ", profile.ShortDebugString());

  absl::StatusOr<std::shared_ptr<const CompiledProfile>> compiled =
      CompileProfile(profile, MatchingWorld::Get().plugins);
  if (!compiled.ok()) {
    CheckRejection(compiled.status(), wire, "profile.", context);
    return 0;
  }
  for (size_t i = 0; i < Requirements().size(); ++i) {
    CheckMatch(**compiled, Requirements()[i], 10, wire, absl::StrCat(context, "\nrequirement ", i));
  }
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  static ProtoMutator mutator(ProfileStrings());
  return mutator.Mutate(v1::Profile::default_instance(), data, size, max_size, seed);
}
