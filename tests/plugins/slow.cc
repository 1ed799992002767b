// A filter that takes its time on purpose, for shutdown tests: every Filter
// call sleeps "delay_ms" (default 1500), or, when "gate_dir" is set, creates
// a file "entered-<pid>-<n>" in that folder and waits until a file "open"
// appears there (at most "delay_ms", default then 60000), so a test knows
// exactly which calls are in flight. Everyone passes; scores everyone 1.
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
    return {"waits on purpose", true, true, false, {{"delay_ms", ""}, {"gate_dir", ""}}};
  }
  absl::Status Configure(const vendormatch::sdk::Settings& settings) override {
    gate_dir_ = settings.String("gate_dir", "");
    auto delay = settings.Double("delay_ms", gate_dir_.empty() ? 1500 : 60000);
    if (!delay.ok()) return delay.status();
    delay_ = std::chrono::milliseconds(static_cast<int64_t>(*delay));
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
