// Example scorer: favours providers whose environmental management is
// certified (ISO 14001, valid on the engagement start date), and those
// delivering from nearer centres (less travel). Settings: `certified_bonus`
// (points for a valid ISO 14001, default 70) and `proximity_bonus` (points
// for an onshore or nearshore deciding centre, default 30).
#include "vendormatch/plugin_sdk.h"

namespace {

using vendormatch::sdk::Candidate;
using vendormatch::sdk::DeliveryModel;

class Sustainability : public vendormatch::sdk::Plugin {
 public:
  vendormatch::sdk::PluginInfo Info() const override {
    return {"favours ISO 14001 certified providers and nearby delivery",
            /*filter=*/false,
            /*score=*/true,
            /*normalize=*/true,
            {{"certified_bonus", "70"}, {"proximity_bonus", "30"}}};
  }

  absl::Status Configure(const vendormatch::sdk::Settings& settings) override {
    auto certified = settings.Double("certified_bonus", 70);
    auto proximity = settings.Double("proximity_bonus", 30);
    if (!certified.ok()) return certified.status();
    if (!proximity.ok()) return proximity.status();
    certified_bonus_ = *certified;
    proximity_bonus_ = *proximity;
    return absl::OkStatus();
  }

  absl::Status Score(const vendormatch::sdk::MatchContext& ctx, std::span<const Candidate> batch,
                     std::span<vendormatch::sdk::ScoreResult> out) const override {
    const absl::CivilDay start = ctx.requirement().start_date;
    for (size_t i = 0; i < batch.size(); ++i) {
      bool certified = false;
      for (const auto& c : batch[i].provider->certifications) {
        certified |= c.code == "ISO14001" && c.ValidOn(start);
      }
      const bool near = batch[i].delivery_model == DeliveryModel::kOnshore ||
                        batch[i].delivery_model == DeliveryModel::kNearshore;
      out[i].raw = (certified ? certified_bonus_ : 0) + (near ? proximity_bonus_ : 0);
      out[i].reason = absl::StrCat(certified ? "ISO 14001 certified" : "no valid ISO 14001",
                                   near ? ", nearby delivery" : ", distant delivery");
    }
    return absl::OkStatus();
  }

  absl::Status Normalize(const vendormatch::sdk::MatchContext&,
                         std::span<vendormatch::sdk::ScoreResult> scores) const override {
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
