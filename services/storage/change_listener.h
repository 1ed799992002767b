// Follows PostgreSQL notifications on a dedicated connection and calls back
// when something changed, reconnecting by itself when the connection drops.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"

namespace vendormatch {

class ChangeListener {
 public:
  // Called on the listener's thread with the channel that changed. After a
  // reconnection it is called once per channel, since notifications may
  // have been missed meanwhile. Returns false to be called again on the next
  // round (say, PostgreSQL was unavailable). Must not throw.
  using OnChange = std::function<bool(const std::string& channel)>;

  // Starts LISTENing on `channels` over its own connection to `url` and
  // waits up to `ready_timeout` until LISTEN is in effect, so a change
  // committed after the constructor returns is never missed (unless the
  // database was unreachable: then the first successful connection counts
  // as a reconnection). `every_round`, when set, runs on the listener's
  // thread after each round of callbacks, at least every 200 ms.
  ChangeListener(std::string url, std::vector<std::string> channels, OnChange on_change,
                 std::function<void()> every_round = nullptr,
                 absl::Duration ready_timeout = absl::Seconds(10));
  // Stops the thread; waits at most the poll interval (200 ms).
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

 private:
  void Run();

  const std::string url_;
  const std::vector<std::string> channels_;
  const OnChange on_change_;
  const std::function<void()> every_round_;
  std::atomic<bool> stop_{false};
  // Set once the first LISTEN is in place (or the first attempt failed).
  // std::mutex rather than absl::Notification: ThreadSanitizer sees
  // through it (the system Abseil is not instrumented; see TESTING.md).
  std::mutex listening_mu_;
  std::condition_variable listening_cv_;
  bool listening_ = false;  // guarded by listening_mu_
  // Sets listening_; returns whether it was already set.
  bool MarkListening();
  std::thread thread_;
};

}  // namespace vendormatch
