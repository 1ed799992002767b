#include "services/common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace vendormatch {
namespace {

// The fields of the LogEvent call running on this thread, and the message
// they belong to (so a formatter never attaches them to another message).
thread_local const nlohmann::ordered_json* event_fields = nullptr;
thread_local const char* event_msg = nullptr;

const nlohmann::ordered_json* FieldsOf(const spdlog::details::log_msg& msg) {
  return event_fields != nullptr && msg.payload.data() == event_msg ? event_fields : nullptr;
}

bool Reserved(const std::string& key) { return key == "ts" || key == "level" || key == "msg"; }

std::string Timestamp(const spdlog::details::log_msg& msg) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromChrono(msg.time), absl::UTCTimeZone());
}

std::string Dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Append(const std::string& text, spdlog::memory_buf_t& dest) {
  dest.append(text.data(), text.data() + text.size());
  dest.push_back('\n');
}

class JsonFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    nlohmann::ordered_json line;
    line["ts"] = Timestamp(msg);
    line["level"] = LogLevelName(msg.level);
    line["msg"] = std::string(msg.payload.data(), msg.payload.size());
    if (msg.logger_name.size() > 0) {
      line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
    }
    if (const auto* fields = FieldsOf(msg); fields != nullptr && fields->is_object()) {
      for (const auto& [key, value] : fields->items()) {
        if (!Reserved(key)) line[key] = value;
      }
    }
    Append(Dump(line), dest);
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

class TextFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string line = absl::StrCat(Timestamp(msg), " ", LogLevelName(msg.level), " ",
                                    absl::string_view(msg.payload.data(), msg.payload.size()));
    if (const auto* fields = FieldsOf(msg); fields != nullptr && fields->is_object()) {
      for (const auto& [key, value] : fields->items()) {
        if (Reserved(key)) continue;
        absl::StrAppend(&line, " ", key, "=",
                        value.is_string() ? value.get<std::string>() : Dump(value));
      }
    }
    Append(line, dest);
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<TextFormatter>();
  }
};

}  // namespace

absl::StatusOr<spdlog::level::level_enum> ParseLogLevel(absl::string_view name) {
  using spdlog::level::level_enum;
  for (level_enum level : {spdlog::level::trace, spdlog::level::debug, spdlog::level::info,
                           spdlog::level::warn, spdlog::level::err}) {
    if (name == LogLevelName(level)) return level;
  }
  return absl::InvalidArgumentError("must be one of trace, debug, info, warn, error");
}

absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view name) {
  if (name == "json") return LogFormat::kJson;
  if (name == "text") return LogFormat::kText;
  return absl::InvalidArgumentError("must be json or text");
}

const char* LogLevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

std::unique_ptr<spdlog::formatter> MakeLogFormatter(LogFormat format) {
  if (format == LogFormat::kText) return std::make_unique<TextFormatter>();
  return std::make_unique<JsonFormatter>();
}

void SetUpLogging(const LogOptions& options) {
  auto logger =
      std::make_shared<spdlog::logger>("", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(MakeLogFormatter(options.format));
  logger->set_level(options.level);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

void LogEvent(spdlog::level::level_enum level, std::string_view msg,
              const nlohmann::ordered_json& fields) {
  spdlog::logger* logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  event_fields = &fields;
  event_msg = msg.data();
  logger->log(level, spdlog::string_view_t(msg.data(), msg.size()));
  event_fields = nullptr;
  event_msg = nullptr;
}

}  // namespace vendormatch
