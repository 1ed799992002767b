// A plugin that fails on purpose, as its "mode" setting (one of the
// choices) says: "throw" (Filter throws), "error" (Score returns an error),
// "nan" (Score returns NaN) or "ok" (passes everyone and scores everyone 1).
#include <cmath>
#include <stdexcept>
#include <string>

#include "vendormatch/plugin_sdk.h"

namespace {

class Faulty : public vendormatch::sdk::Plugin {
 public:
  vendormatch::sdk::PluginInfo Info() const override {
    return {"fails on purpose",
            {vendormatch::sdk::SettingSpec::OneOf("mode", {"ok", "throw", "error", "nan"}, "ok",
                                                  "how to fail")}};
  }
  absl::Status Configure(const vendormatch::sdk::Settings& settings) override {
    const std::string& mode = settings.String("mode");
    mode_ = mode == "throw"   ? Mode::kThrow
            : mode == "error" ? Mode::kError
            : mode == "nan"   ? Mode::kNan
                              : Mode::kOk;
    return absl::OkStatus();
  }
  absl::Status Filter(const vendormatch::sdk::MatchContext&,
                      std::span<const vendormatch::sdk::Candidate> batch,
                      std::span<vendormatch::sdk::FilterResult> out) const override {
    BatchSizesAsPromised(batch.size(), out.size());
    if (mode_ == Mode::kThrow) throw std::runtime_error("deliberate failure");
    for (auto& r : out) r = vendormatch::sdk::FilterResult{};  // everyone passes
    return absl::OkStatus();
  }
  absl::Status Score(const vendormatch::sdk::MatchContext&,
                     std::span<const vendormatch::sdk::Candidate> batch,
                     std::span<vendormatch::sdk::ScoreResult> out) const override {
    BatchSizesAsPromised(batch.size(), out.size());
    if (mode_ == Mode::kError) return absl::InternalError("deliberate error");
    const double raw = mode_ == Mode::kNan ? std::nan("") : 1;
    for (auto& s : out) s.raw = raw;
    return absl::OkStatus();
  }

 private:
  // The SDK promises out.size() == batch.size(); a broken promise fails the
  // match (the only plugin that checks, so the framework's promise is tested).
  static void BatchSizesAsPromised(size_t batch, size_t out) {
    if (batch != out) throw std::logic_error("the framework broke out.size() == batch.size()");
  }
  enum class Mode { kOk, kThrow, kError, kNan };
  Mode mode_ = Mode::kOk;
};

}  // namespace

VENDORMATCH_PLUGIN(Faulty, "faulty", "0.0.1")
