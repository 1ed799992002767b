// A vendormatch-server binary run as a child process by a test, its stdout
// and stderr collected.
#pragma once

#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"

namespace vendormatch::testing {

// Not thread-safe apart from output(). Kills the process (SIGKILL) on
// destruction if it is still running.
class ServerProcess {
 public:
  // Starts `args` (args[0]: the binary) with the test's environment plus
  // `env` ("NAME=value"). pid() is 0 when it could not start.
  ServerProcess(const std::vector<std::string>& args, const std::vector<std::string>& env);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Everything it printed so far. Thread-safe.
  std::string output() const;

  // The port from "serving on HOST:PORT", once printed; 0 when the process
  // ends or `wait` passes first.
  int WaitForPort(absl::Duration wait);

  // The exit status once the process ends within `wait`, or -1.
  int WaitForExit(absl::Duration wait);

 private:
  pid_t pid_ = 0;
  bool exited_ = false;
  mutable std::mutex mu_;
  std::string output_ ABSL_GUARDED_BY(mu_);
  std::thread reader_;
};

}  // namespace vendormatch::testing
