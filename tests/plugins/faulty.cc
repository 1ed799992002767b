// A plugin that fails on purpose, as its "mode" setting says: "throw" (Filter
// throws), "error" (Score returns an error), "nan" (Score returns NaN) or
// "ok" (scores everyone 1).
#include <stdexcept>

#include "vendormatch/plugin_sdk.h"

namespace {

class Faulty : public vendormatch::sdk::Plugin {
 public:
  vendormatch::sdk::PluginInfo Info() const override {
    return {"fails on purpose", true, true, false, {{"mode", "ok"}}};
  }
  absl::Status Configure(const vendormatch::sdk::Settings& settings) override {
    mode_ = settings.String("mode", "ok");
    return absl::OkStatus();
  }
  absl::Status Filter(const vendormatch::sdk::MatchContext&,
                      std::span<const vendormatch::sdk::Candidate>,
                      std::span<vendormatch::sdk::FilterResult>) const override {
    if (mode_ == "throw") throw std::runtime_error("deliberate failure");
    return absl::OkStatus();
  }
  absl::Status Score(const vendormatch::sdk::MatchContext&,
                     std::span<const vendormatch::sdk::Candidate>,
                     std::span<vendormatch::sdk::ScoreResult> out) const override {
    if (mode_ == "error") return absl::InternalError("deliberate error");
    for (auto& s : out) s.raw = mode_ == "nan" ? std::nan("") : 1;
    return absl::OkStatus();
  }

 private:
  std::string mode_;
};

}  // namespace

VENDORMATCH_PLUGIN(Faulty, "faulty", "0.0.1")
