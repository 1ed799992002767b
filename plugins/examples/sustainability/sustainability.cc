// Example scorer: favours providers whose environmental management is
// certified (ISO 14001, valid on the engagement start date), and those
// delivering from nearer centres (less travel). Settings: `certified_bonus`
// (points for a valid ISO 14001, default 70) and `proximity_bonus` (points
// for an onshore or nearshore deciding centre, default 30), numbers >= 0.
// Built against SDK 3.0: the stages are the ones the class overrides, the
// settings typed specs, and batch sizes the framework's to check.
//
// A scorer's score should depend on the provider and the requirement alone,
// never on the other candidates: Normalize reads each raw score against the
// most any provider could get (both bonuses), not against this batch's top.
#include <algorithm>
#include <string>

#include "vendormatch/plugin_sdk.h"

namespace {

using vendormatch::sdk::Candidate;
using vendormatch::sdk::DayNumber;
using vendormatch::sdk::DeliveryModel;
using vendormatch::sdk::Symbol;

// Whether the provider holds ISO 14001 (`iso14001`), valid on `start`.
bool Certified(const Candidate& candidate, Symbol iso14001, DayNumber start) {
  if (iso14001 == vendormatch::sdk::kNoSymbol) return false;
  for (const auto& c : candidate.provider->certifications()) {
    if (c.code == iso14001 && c.ValidOn(start)) return true;
  }
  return false;
}

// Whether the deciding centre is onshore or nearshore.
bool Near(const Candidate& candidate) {
  return candidate.delivery_model == DeliveryModel::kOnshore ||
         candidate.delivery_model == DeliveryModel::kNearshore;
}

class Sustainability : public vendormatch::sdk::Plugin {
 public:
  // The stages are the ones this class overrides (Score, Normalize,
  // Explain): nothing to declare. Settings are typed; the framework checks a
  // profile's values against these specs and fills in the defaults, so
  // Configure only reads them.
  vendormatch::sdk::PluginInfo Info() const override {
    using vendormatch::sdk::SettingSpec;
    return {"favours ISO 14001 certified providers and nearby delivery",
            {SettingSpec::Number("certified_bonus", 70, 0, SettingSpec::kUnbounded,
                                 "points for ISO 14001 valid on the start date"),
             SettingSpec::Number("proximity_bonus", 30, 0, SettingSpec::kUnbounded,
                                 "points for an onshore or nearshore deciding centre")}};
  }

  absl::Status Configure(const vendormatch::sdk::Settings& settings) override {
    certified_bonus_ = settings.Number("certified_bonus");
    proximity_bonus_ = settings.Number("proximity_bonus");
    return absl::OkStatus();
  }

  absl::Status Score(const vendormatch::sdk::MatchContext& ctx, std::span<const Candidate> batch,
                     std::span<vendormatch::sdk::ScoreResult> out) const override {
    // out.size() == batch.size(): the framework guarantees it.
    // Once per batch: the symbol to compare with (kNoSymbol when no provider
    // lists ISO 14001, and then nobody is certified) and the start day.
    const Symbol iso14001 = ctx.Find("ISO14001");
    const DayNumber start = ctx.requirement().start_day;
    for (size_t i = 0; i < batch.size(); ++i) {
      out[i].raw = (Certified(batch[i], iso14001, start) ? certified_bonus_ : 0) +
                   (Near(batch[i]) ? proximity_bonus_ : 0);
    }
    return absl::OkStatus();
  }

  std::string Explain(const vendormatch::sdk::MatchContext& ctx, const Candidate& candidate,
                      double) const override {
    const bool certified = Certified(candidate, ctx.Find("ISO14001"), ctx.requirement().start_day);
    return absl::StrCat(certified ? "ISO 14001 certified" : "no valid ISO 14001",
                        Near(candidate) ? ", nearby delivery" : ", distant delivery");
  }

  absl::Status Normalize(const vendormatch::sdk::MatchContext&,
                         std::span<vendormatch::sdk::ScoreResult> scores) const override {
    // The best possible raw score: a fixed scale, the same in every match.
    const double top = certified_bonus_ + proximity_bonus_;
    for (auto& s : scores) s.normalized = top > 0 ? std::clamp(s.raw / top * 100, 0.0, 100.0) : 0;
    return absl::OkStatus();
  }

 private:
  double certified_bonus_ = 70;
  double proximity_bonus_ = 30;
};

}  // namespace

VENDORMATCH_PLUGIN(Sustainability, "sustainability", "1.0.0")
