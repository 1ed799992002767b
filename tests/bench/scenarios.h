// The fixed mix of requirements match_bench runs, and the "mirror" form of
// a profile and requirement that one SQL query can reproduce exactly.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/matching/requirement.h"
#include "vendormatch/plugin_sdk.h"
#include "vendormatch/v1/profile.pb.h"
#include "vendormatch/v1/requirement.pb.h"

namespace vendormatch::bench {

// The day requirements are validated on (and start on): fixed, so that
// certificate validity, and so every figure, is reproducible.
inline constexpr absl::CivilDay kToday(2026, 2, 2);

struct Scenario {
  std::string key;      // short name in tables and JSON
  std::string summary;  // one line
  std::string profile;  // shipped profile id it runs under ("cost_first")
  v1::Requirement requirement;
};

// (a) broad BPO call centre, (b) narrow KPO legal, (c) narrow KPO clinical,
// (d) one that matches nothing.
std::vector<Scenario> Scenarios();

// The plugins the mirror profile filters with: those whose verdict depends
// only on the provider's record and the requirement (no derived geography).
inline constexpr const char* kMirrorFilters[] = {
    "services", "service_model", "rate", "certifications", "languages", "capacity", "quality"};

// `shipped` cut down to what SQL can reproduce exactly: the filters above,
// and as scorers only `rate` and `quality`, with the weights and settings
// `shipped` gives them.
v1::Profile MirrorProfile(const v1::Profile& shipped);

// The requirement the mirror profile runs with: every delivery model
// accepted (so capacity counts the seats of every centre, which needs no
// geography) and no overlap minimum.
ValidRequirement MirrorRequirement(ValidRequirement requirement);

}  // namespace vendormatch::bench
