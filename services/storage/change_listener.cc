#include "services/storage/change_listener.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <pqxx/pqxx>
#include <set>

#include "absl/time/clock.h"
#include "services/storage/database.h"

namespace vendormatch {
namespace {

// Records which channels were notified.
class Receiver : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& c, const std::string& channel, std::set<std::string>& changed)
      : pqxx::notification_receiver(c, channel), changed_(changed) {}
  void operator()(const std::string&, int) override { changed_.insert(channel()); }

 private:
  std::set<std::string>& changed_;
};

}  // namespace

ChangeListener::ChangeListener(std::string url, std::vector<std::string> channels,
                               OnChange on_change, std::function<void()> every_round,
                               absl::Duration ready_timeout)
    : url_(std::move(url)),
      channels_(std::move(channels)),
      on_change_(std::move(on_change)),
      every_round_(std::move(every_round)) {
  thread_ = std::thread([this] { Run(); });
  std::unique_lock lock(listening_mu_);
  listening_cv_.wait_for(lock, absl::ToChronoNanoseconds(ready_timeout),
                         [this] { return listening_; });
}

ChangeListener::~ChangeListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

bool ChangeListener::MarkListening() {
  {
    std::lock_guard lock(listening_mu_);
    if (listening_) return true;
    listening_ = true;
  }
  listening_cv_.notify_all();
  return false;
}

void ChangeListener::Run() {
  std::set<std::string> changed;
  while (!stop_) {
    try {
      pqxx::connection connection(WithConnectTimeout(url_));
      std::vector<std::unique_ptr<Receiver>> receivers;
      for (const std::string& channel : channels_) {
        receivers.push_back(std::make_unique<Receiver>(connection, channel, changed));
      }
      if (MarkListening()) {
        changed.insert(channels_.begin(), channels_.end());  // missed while away
      }
      while (!stop_) {
        std::set<std::string> pending;
        pending.swap(changed);
        for (const std::string& channel : pending) {
          if (!on_change_(channel)) changed.insert(channel);
        }
        if (every_round_) every_round_();
        connection.await_notification(0, 200'000);
      }
    } catch (const std::exception& e) {
      spdlog::warn("change listener ({}): {}; retrying in 1s", channels_.front(), e.what());
      MarkListening();
      for (int i = 0; i < 10 && !stop_; ++i) absl::SleepFor(absl::Milliseconds(100));
    }
  }
}

}  // namespace vendormatch
