// Process logging: every spdlog call in the process comes out as one line,
// a JSON object {"ts","level","msg",...} by default or a plain text line for
// people. Structured fields ride along with LogEvent.
#pragma once

#include <spdlog/common.h>
#include <spdlog/formatter.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch {

enum class LogFormat { kJson, kText };

struct LogOptions {
  spdlog::level::level_enum level = spdlog::level::info;
  LogFormat format = LogFormat::kJson;
};

// "trace", "debug", "info", "warn" or "error". INVALID_ARGUMENT otherwise,
// listing the valid names. Pure.
absl::StatusOr<spdlog::level::level_enum> ParseLogLevel(absl::string_view name);
// "json" or "text". INVALID_ARGUMENT otherwise. Pure.
absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view name);
// The name ParseLogLevel accepts for `level` ("critical" and "off" for the
// two it does not). Pure.
const char* LogLevelName(spdlog::level::level_enum level);

// A formatter writing one line per message:
//  json: {"ts":"2026-01-02T03:04:05.123456Z","level":"info","msg":"...",<fields>}
//        with the message JSON-escaped (invalid UTF-8 replaced by U+FFFD);
//  text: 2026-01-02T03:04:05.123456Z info ... key=value ...
// The caller owns the result; install it with logger->set_formatter() or
// sink->set_formatter() (tests install their own sinks this way).
std::unique_ptr<spdlog::formatter> MakeLogFormatter(LogFormat format);

// Replaces spdlog's default logger with one writing to stderr in
// `options.format` at `options.level` and above. Call once at start, before
// other threads log; spdlog's default logger is then thread-safe.
void SetUpLogging(const LogOptions& options);

// Logs `msg` at `level` through spdlog's default logger with `fields` (a
// JSON object; keys "ts", "level" and "msg" are ignored) added to the line
// in their order. Thread-safe. Fields reach the formatters of synchronous
// loggers only (spdlog's default); an asynchronous logger writes `msg` alone.
void LogEvent(spdlog::level::level_enum level, std::string_view msg,
              const nlohmann::ordered_json& fields);

}  // namespace vendormatch
