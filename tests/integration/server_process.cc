#include "tests/integration/server_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"

extern char** environ;

namespace vendormatch::testing {

ServerProcess::ServerProcess(const std::vector<std::string>& args,
                             const std::vector<std::string>& env) {
  int fds[2];
  if (pipe(fds) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = 0;
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  reader_ = std::thread([this, fd = fds[0]] {
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
      std::lock_guard lock(mu_);
      output_.append(buffer, n);
    }
    close(fd);
  });
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (reader_.joinable()) reader_.join();
}

std::string ServerProcess::output() const {
  std::lock_guard lock(mu_);
  return output_;
}

int ServerProcess::WaitForPort(absl::Duration wait) {
  const absl::Time give_up = absl::Now() + wait;
  while (absl::Now() < give_up && !exited_) {
    const std::string out = output();
    if (size_t at = out.find("serving on "); at != std::string::npos) {
      const size_t end = out.find_first_of("\r\n\"", at);
      if (end != std::string::npos) {
        const std::string address = out.substr(at, end - at);
        int port = 0;
        if (absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port)) return port;
      }
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) exited_ = true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return 0;
}

int ServerProcess::WaitForExit(absl::Duration wait) {
  const absl::Time give_up = absl::Now() + wait;
  while (absl::Now() < give_up) {
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return -1;
}

}  // namespace vendormatch::testing
