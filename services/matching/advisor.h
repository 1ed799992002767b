// The BPO-vs-KPO advisor: recommends a service model for a piece of work from
// its characteristics. Pure functions over the generated protos; no I/O, no
// mutable global state, so every function here is thread-safe.
//
// Method (the weight table itself lives in advisor.cc, kAdvisorRules, one row
// per criterion and value). Each characteristic that is stated (an enum other
// than UNSPECIFIED, or a bool that is true) is one criterion and contributes
// signed points: negative points favour BPO, positive points favour KPO, zero
// is neutral. The criteria and their direction follow the domain articles:
//
//   criterion          value      points  favours
//   expertise          HIGH         +4    KPO  (professional qualifications)
//                      MEDIUM       +1    KPO
//                      LOW          -2    BPO  (basic skills, minimal training)
//   routine            HIGH         -3    BPO  (rule-based, clearly defined)
//                      MEDIUM        0    -
//                      LOW          +2    KPO  (judgment-based)
//   complexity         HIGH         +3    KPO  (complex problem-solving)
//                      MEDIUM       -1    BPO  (BPO: low to medium complexity)
//                      LOW          -2    BPO
//   driver             COST         -3    BPO  (cost arbitrage)
//                      INSIGHT      +3    KPO  (knowledge arbitrage)
//                      BALANCED      0    -
//   volume             HIGH         -2    BPO  (volume-driven)
//                      MEDIUM        0    -
//                      LOW          +1    KPO  (insight- not volume-driven)
//   collaboration      HIGH         +2    KPO  (high coordination)
//                      MEDIUM        0    -
//                      LOW          -2    BPO  (low coordination)
//   core_to_business   true         +2    KPO  (core, value-chain work)
//   structured_metrics true         -2    BPO  (predefined metrics, SLAs)
//   data_sensitivity   HIGH         +1    KPO  (IP risk; weak signal)
//                      MEDIUM        0    -
//                      LOW           0    -
//
// The sum of the points decides: negative -> BPO, positive -> KPO. On a zero
// sum the strongest single criterion (largest |points|) decides; if the
// strongest criteria disagree, or every criterion is neutral, the answer is
// BPO, the lower-cost and lower-risk default (less IP exposure, shorter
// onboarding), and the easier one to revisit.
//
// confidence = 0.5 + 0.5 * |sum| / (sum of |points| over the stated
// criteria), clipped to [0.5, 1]: 1.0 when every non-neutral criterion
// agrees, about 0.5 when they balance out, and 0.5 when nothing non-neutral
// was stated.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "vendormatch/v1/matching_service.pb.h"
#include "vendormatch/v1/requirement.pb.h"

namespace vendormatch {

// Checks `work` as a client sent it. OK when at least one characteristic is
// stated (an enum field other than UNSPECIFIED, or a bool field set to true)
// and every enum field holds a value defined in the proto. Otherwise
// INVALID_ARGUMENT with a google.rpc.BadRequest payload listing every
// violation:
//   - "<field_prefix>work" when nothing is stated;
//   - "<field_prefix>work.<field>" for each enum field with an undefined
//     number (for example "work.expertise" holding 7).
// `field_prefix` is the path of the message that holds `work`, with its
// trailing dot: "" for RecommendServiceModelRequest (fields "work",
// "work.routine"), "requirement." for a MatchProvidersRequest (fields
// "requirement.work", "requirement.work.routine").
absl::Status ValidateWork(const vendormatch::v1::WorkCharacteristics& work,
                          absl::string_view field_prefix);

// Recommends BPO or KPO for `work` by the weighted scoring described at the
// top of this file. The response holds:
//   - service_model: SERVICE_MODEL_BPO or SERVICE_MODEL_KPO (never
//     UNSPECIFIED);
//   - confidence: in [0.5, 1];
//   - criteria: one entry per stated characteristic, strongest first (larger
//     |points|), ties by criterion name; each names the proto field
//     ("routine", "driver", ...), the model it favours (UNSPECIFIED when
//     neutral), its weight (|points| / the largest |points| in the table,
//     so 0..1 and comparable across responses; expertise HIGH is 1.0) and
//     a one-line plain-English explanation.
// Pure and deterministic: the same `work` always gives the same response.
// Meant for validated input (see ValidateWork); an undefined enum number is
// treated as not stated, and empty work gives BPO at confidence 0.5 with no
// criteria.
vendormatch::v1::RecommendServiceModelResponse RecommendServiceModel(
    const vendormatch::v1::WorkCharacteristics& work);

}  // namespace vendormatch
