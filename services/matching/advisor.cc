#include "services/matching/advisor.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/field_violations.h"

namespace vendormatch {
namespace {

using ::vendormatch::v1::AdvisorCriterion;
using ::vendormatch::v1::RecommendServiceModelResponse;
using ::vendormatch::v1::ServiceModel;
using ::vendormatch::v1::WorkCharacteristics;

// Value used in the table for a bool characteristic that is true.
constexpr int kTrue = 1;

// One row of the weight table: what one stated value of one characteristic
// contributes. Negative points favour BPO, positive favour KPO, 0 is neutral.
struct AdvisorRule {
  absl::string_view criterion;  // the WorkCharacteristics field name
  int value;                    // the enum number, or kTrue
  int points;
  absl::string_view explanation;
};

// The weight table: every defined, stated value of every characteristic.
// Keep in step with the summary in advisor.h.
constexpr AdvisorRule kAdvisorRules[] = {
    // Expertise is what separates KPO from BPO most clearly ("knowledge"
    // process outsourcing), so it carries the most weight.
    {"expertise", v1::LEVEL_HIGH, +4,
     "Deep domain expertise and professional qualifications (CAs, MBAs, lawyers, analysts) are "
     "what KPO supplies."},
    {"expertise", v1::LEVEL_MEDIUM, +1,
     "Some specialised knowledge beyond BPO's basic technical and communication skills leans "
     "slightly toward KPO."},
    {"expertise", v1::LEVEL_LOW, -2,
     "Work that needs only basic technical and communication skills and minimal training suits "
     "BPO."},

    {"routine", v1::LEVEL_HIGH, -3,
     "Routine, rule-based, clearly defined work with predefined procedures suits BPO's "
     "standardised, process-driven delivery."},
    {"routine", v1::LEVEL_MEDIUM, 0,
     "Partly routine work mixes predefined procedures with some judgment, so it favours neither "
     "model."},
    {"routine", v1::LEVEL_LOW, +2,
     "Work that is not routine is judgment-based rather than rule-based, which is KPO's ground."},

    {"complexity", v1::LEVEL_HIGH, +3,
     "Complex problem-solving and advanced analysis call for KPO's knowledge-intensive work."},
    {"complexity", v1::LEVEL_MEDIUM, -1,
     "Medium complexity is still within BPO's low-to-medium range of tasks."},
    {"complexity", v1::LEVEL_LOW, -2,
     "Low-complexity tasks that need minimal decision-making suit BPO."},

    {"driver", v1::DRIVER_COST, -3,
     "A cost-driven decision points to BPO, which relies on cost arbitrage: the same work for "
     "less."},
    {"driver", v1::DRIVER_INSIGHT, +3,
     "An insight-driven decision points to KPO, which relies on knowledge arbitrage: expertise "
     "the client lacks."},
    {"driver", v1::DRIVER_BALANCED, 0,
     "Cost and insight matter about equally, so the driver favours neither model."},

    {"volume", v1::LEVEL_HIGH, -2,
     "A high volume of transactions suits BPO's volume-driven, cost-efficient delivery at scale."},
    {"volume", v1::LEVEL_MEDIUM, 0, "A moderate volume of work favours neither model."},
    {"volume", v1::LEVEL_LOW, +1,
     "Low volume leaves BPO little scale to exploit; KPO is insight-driven, not volume-driven."},

    {"collaboration", v1::LEVEL_HIGH, +2,
     "Close coordination and collaboration with the client's teams is how KPO works; BPO needs "
     "little."},
    {"collaboration", v1::LEVEL_MEDIUM, 0,
     "A moderate need for coordination with the client favours neither model."},
    {"collaboration", v1::LEVEL_LOW, -2,
     "Work that needs little coordination with the client suits BPO's low-coordination "
     "delivery."},

    {"core_to_business", kTrue, +2,
     "Core work tied to the value chain (strategy, R&D, innovation) points to KPO; BPO takes "
     "non-core functions."},

    {"structured_metrics", kTrue, -2,
     "Success measured by structured performance metrics (handle time, accuracy, SLAs) suits "
     "BPO's predefined parameters."},

    // Weak on purpose: sensitive data is handled under both models.
    {"data_sensitivity", v1::LEVEL_HIGH, +1,
     "Highly sensitive data and IP lean slightly toward KPO, whose practices handle the higher "
     "IP risk."},
    {"data_sensitivity", v1::LEVEL_MEDIUM, 0, "Moderately sensitive data favours neither model."},
    {"data_sensitivity", v1::LEVEL_LOW, 0,
     "Data of low sensitivity puts little intellectual property at risk under either model."},
};

constexpr int MaxAbsPoints() {
  int max = 0;
  for (const AdvisorRule& rule : kAdvisorRules) {
    max = std::max(max, rule.points < 0 ? -rule.points : rule.points);
  }
  return max;
}

// The largest |points| in the table; a criterion's reported weight is its
// |points| divided by this.
constexpr int kMaxAbsPoints = MaxAbsPoints();
static_assert(kMaxAbsPoints > 0);

// How a characteristic's value is typed in the proto.
enum class Kind { kLevel, kDriver, kFlag };

// One characteristic of the work as read from the proto; 0 means not stated.
struct Characteristic {
  absl::string_view name;
  Kind kind;
  int value;
};

constexpr size_t kCharacteristicCount = 9;

std::array<Characteristic, kCharacteristicCount> ReadCharacteristics(
    const WorkCharacteristics& work) {
  return {{
      {"routine", Kind::kLevel, work.routine()},
      {"volume", Kind::kLevel, work.volume()},
      {"complexity", Kind::kLevel, work.complexity()},
      {"expertise", Kind::kLevel, work.expertise()},
      {"collaboration", Kind::kLevel, work.collaboration()},
      {"driver", Kind::kDriver, work.driver()},
      {"data_sensitivity", Kind::kLevel, work.data_sensitivity()},
      {"core_to_business", Kind::kFlag, work.core_to_business() ? kTrue : 0},
      {"structured_metrics", Kind::kFlag, work.structured_metrics() ? kTrue : 0},
  }};
}

bool IsStated(const Characteristic& c) { return c.value != 0; }

bool IsDefined(const Characteristic& c) {
  switch (c.kind) {
    case Kind::kLevel:
      return v1::Level_IsValid(c.value);
    case Kind::kDriver:
      return v1::Driver_IsValid(c.value);
    case Kind::kFlag:
      return true;
  }
  return false;
}

std::string UndefinedValueMessage(const Characteristic& c) {
  if (c.kind == Kind::kDriver) {
    return absl::StrCat("unknown Driver value ", c.value,
                        "; use DRIVER_COST, DRIVER_INSIGHT or DRIVER_BALANCED, or leave it unset");
  }
  return absl::StrCat("unknown Level value ", c.value,
                      "; use LEVEL_LOW, LEVEL_MEDIUM or LEVEL_HIGH, or leave it unset");
}

std::string NothingStatedMessage() {
  std::vector<absl::string_view> names;
  for (const Characteristic& c : ReadCharacteristics(WorkCharacteristics())) {
    names.push_back(c.name);
  }
  return absl::StrCat("state at least one characteristic of the work (", absl::StrJoin(names, ", "),
                      ")");
}

// The table row for a stated, defined characteristic; null if the table
// lacks one (a bug, caught by the tests).
const AdvisorRule* FindRule(const Characteristic& c) {
  for (const AdvisorRule& rule : kAdvisorRules) {
    if (rule.criterion == c.name && rule.value == c.value) return &rule;
  }
  return nullptr;
}

// The rules that apply to `work`, strongest first, ties by criterion name.
std::vector<const AdvisorRule*> ApplicableRules(const WorkCharacteristics& work) {
  std::vector<const AdvisorRule*> rules;
  for (const Characteristic& c : ReadCharacteristics(work)) {
    if (!IsStated(c) || !IsDefined(c)) continue;
    if (const AdvisorRule* rule = FindRule(c)) rules.push_back(rule);
  }
  std::sort(rules.begin(), rules.end(), [](const AdvisorRule* a, const AdvisorRule* b) {
    const int strength_a = std::abs(a->points);
    const int strength_b = std::abs(b->points);
    if (strength_a != strength_b) return strength_a > strength_b;
    return a->criterion < b->criterion;
  });
  return rules;
}

ServiceModel Favoured(int points) {
  if (points < 0) return v1::SERVICE_MODEL_BPO;
  if (points > 0) return v1::SERVICE_MODEL_KPO;
  return v1::SERVICE_MODEL_UNSPECIFIED;
}

// On a zero sum: the model of the strongest criteria (`sorted` is strongest
// first) when they agree, else BPO, the lower-risk default.
ServiceModel BreakTie(const std::vector<const AdvisorRule*>& sorted) {
  if (sorted.empty() || sorted.front()->points == 0) return v1::SERVICE_MODEL_BPO;
  const int top_strength = std::abs(sorted.front()->points);
  const ServiceModel top_model = Favoured(sorted.front()->points);
  for (const AdvisorRule* rule : sorted) {
    if (std::abs(rule->points) != top_strength) break;
    if (Favoured(rule->points) != top_model) return v1::SERVICE_MODEL_BPO;
  }
  return top_model;
}

ServiceModel Decide(int sum, const std::vector<const AdvisorRule*>& sorted) {
  if (sum == 0) return BreakTie(sorted);
  return Favoured(sum);
}

double Confidence(int sum, int total_strength) {
  if (total_strength == 0) return 0.5;
  const double confidence = 0.5 + 0.5 * std::abs(sum) / static_cast<double>(total_strength);
  return std::clamp(confidence, 0.5, 1.0);
}

void FillCriterion(const AdvisorRule& rule, AdvisorCriterion& out) {
  out.set_criterion(std::string(rule.criterion));
  out.set_favours(Favoured(rule.points));
  out.set_weight(std::abs(rule.points) / static_cast<double>(kMaxAbsPoints));
  out.set_explanation(std::string(rule.explanation));
}

}  // namespace

absl::Status ValidateWork(const WorkCharacteristics& work, absl::string_view field_prefix) {
  FieldViolations violations;
  bool any_stated = false;
  for (const Characteristic& c : ReadCharacteristics(work)) {
    if (!IsStated(c)) continue;
    any_stated = true;
    if (!IsDefined(c)) {
      violations.Add(absl::StrCat(field_prefix, "work.", c.name), UndefinedValueMessage(c));
    }
  }
  if (!any_stated) violations.Add(absl::StrCat(field_prefix, "work"), NothingStatedMessage());
  return violations.ToStatus("invalid work characteristics");
}

RecommendServiceModelResponse RecommendServiceModel(const WorkCharacteristics& work) {
  const std::vector<const AdvisorRule*> rules = ApplicableRules(work);
  int sum = 0;
  int total_strength = 0;
  for (const AdvisorRule* rule : rules) {
    sum += rule->points;
    total_strength += std::abs(rule->points);
  }
  RecommendServiceModelResponse response;
  response.set_service_model(Decide(sum, rules));
  response.set_confidence(Confidence(sum, total_strength));
  for (const AdvisorRule* rule : rules) FillCriterion(*rule, *response.add_criteria());
  return response;
}

}  // namespace vendormatch
