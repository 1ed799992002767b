// A filter that takes its time on purpose, for shutdown tests: every Filter
// call sleeps "delay_ms" (0, the default, means 1500), or, when "gate_dir" is
// set, creates a file "entered-<pid>-<n>" in that folder and waits until a
// file "open" appears there (at most "delay_ms", 0 meaning 60000), so a test
// knows exactly which calls are in flight. Everyone passes; scores everyone 1.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "vendormatch/plugin_sdk.h"

namespace {

namespace fs = std::filesystem;

class Slow : public vendormatch::sdk::Plugin {
 public:
  vendormatch::sdk::PluginInfo Info() const override {
    using vendormatch::sdk::SettingSpec;
    return {
        "waits on purpose",
        {SettingSpec::Integer("delay_ms", 0, 0, 3600000,
                              "how long each Filter call waits; 0: 1500, or 60000 with gate_dir"),
         SettingSpec::String("gate_dir", "", "a folder to wait on instead")}};
  }
  absl::Status Configure(const vendormatch::sdk::Settings& settings) override {
    gate_dir_ = settings.String("gate_dir");
    const int64_t delay = settings.Integer("delay_ms");
    delay_ = std::chrono::milliseconds(delay > 0 ? delay : gate_dir_.empty() ? 1500 : 60000);
    return absl::OkStatus();
  }
  absl::Status Filter(const vendormatch::sdk::MatchContext&,
                      std::span<const vendormatch::sdk::Candidate>,
                      std::span<vendormatch::sdk::FilterResult> out) const override {
    if (gate_dir_.empty()) {
      std::this_thread::sleep_for(delay_);
    } else {
      static std::atomic<int> entered{0};
      std::ofstream(fs::path(gate_dir_) /
                    ("entered-" + std::to_string(getpid()) + "-" + std::to_string(entered++)));
      const auto give_up = std::chrono::steady_clock::now() + delay_;
      while (!fs::exists(fs::path(gate_dir_) / "open") &&
             std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    for (auto& r : out) r = vendormatch::sdk::FilterResult{};  // everyone passes
    return absl::OkStatus();
  }
  absl::Status Score(const vendormatch::sdk::MatchContext&,
                     std::span<const vendormatch::sdk::Candidate>,
                     std::span<vendormatch::sdk::ScoreResult> out) const override {
    for (auto& s : out) s.raw = 1;
    return absl::OkStatus();
  }

 private:
  std::string gate_dir_;
  std::chrono::milliseconds delay_{1500};
};

}  // namespace

VENDORMATCH_PLUGIN(Slow, "slow", "0.0.1")
