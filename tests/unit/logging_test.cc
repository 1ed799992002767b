// The process log format: every line one JSON object with ts, level, msg and
// the event's fields, the message escaped; the text format for people.
#include "services/common/logging.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <sstream>
#include <vector>

#include "absl/strings/str_split.h"

namespace vendormatch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Makes the default logger write to a string in `format` for one test.
class LoggingTest : public ::testing::Test {
 protected:
  void Use(LogFormat format, spdlog::level::level_enum level = spdlog::level::trace) {
    auto logger = std::make_shared<spdlog::logger>(
        "", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
    logger->set_formatter(MakeLogFormatter(format));
    logger->set_level(level);
    previous_ = spdlog::default_logger();
    spdlog::set_default_logger(std::move(logger));
  }
  void TearDown() override {
    if (previous_) spdlog::set_default_logger(previous_);
  }

  std::vector<std::string> Lines() const {
    std::vector<std::string> lines = absl::StrSplit(out_.str(), '\n', absl::SkipEmpty());
    return lines;
  }

  // Every line parsed; fails the test on a line that is not a JSON object.
  std::vector<nlohmann::json> JsonLines() const {
    std::vector<nlohmann::json> parsed;
    for (const auto& line : Lines()) {
      auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      EXPECT_TRUE(json.is_object()) << "not a JSON object: " << line;
      parsed.push_back(std::move(json));
    }
    return parsed;
  }

  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(LoggingTest, EveryPlainSpdlogCallIsOneJsonObject) {
  Use(LogFormat::kJson);
  spdlog::info("plugin {} {} loaded from {}", "vm_rate", "1.0", "/x/vm_rate.so");
  spdlog::warn("quote \" backslash \\ newline\nsecond line\ttab");
  spdlog::error("unicode: Zürich 東京 ✓, control \x01\x1f");
  spdlog::debug("invalid UTF-8: \xff\xfe end");
  auto lines = JsonLines();
  ASSERT_EQ(lines.size(), 4u) << out_.str();
  EXPECT_EQ(lines[0]["msg"], "plugin vm_rate 1.0 loaded from /x/vm_rate.so");
  EXPECT_EQ(lines[0]["level"], "info");
  EXPECT_EQ(lines[1]["msg"], "quote \" backslash \\ newline\nsecond line\ttab");
  EXPECT_EQ(lines[1]["level"], "warn");
  EXPECT_EQ(lines[2]["msg"], "unicode: Zürich 東京 ✓, control \x01\x1f");
  EXPECT_EQ(lines[2]["level"], "error");
  EXPECT_THAT(lines[3]["msg"].get<std::string>(), HasSubstr("invalid UTF-8: "));
  EXPECT_EQ(lines[3]["level"], "debug");
  const std::regex rfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)");
  for (const auto& line : lines) {
    EXPECT_TRUE(std::regex_match(line["ts"].get<std::string>(), rfc3339)) << line;
  }
}

TEST_F(LoggingTest, EventFieldsFollowTheMessageInOrder) {
  Use(LogFormat::kJson);
  LogEvent(spdlog::level::info, "rpc",
           {{"method", "/vendormatch.v1.MatchingService/MatchProviders"},
            {"code", "OK"},
            {"latency_ms", 1.25},
            {"msg", "ignored"},
            {"level", "ignored"},
            {"note", "a \"quoted\"\nvalue"}});
  spdlog::info("after");  // a plain line after an event carries no fields
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("{\"ts\":"));
  auto event = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(event["msg"], "rpc");
  EXPECT_EQ(event["level"], "info");
  EXPECT_EQ(event["method"], "/vendormatch.v1.MatchingService/MatchProviders");
  EXPECT_EQ(event["code"], "OK");
  EXPECT_EQ(event["latency_ms"], 1.25);
  EXPECT_EQ(event["note"], "a \"quoted\"\nvalue");
  auto after = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(after.size(), 3u) << lines[1];
}

TEST_F(LoggingTest, EventsBelowTheLevelAreDropped) {
  Use(LogFormat::kJson, spdlog::level::warn);
  LogEvent(spdlog::level::info, "rpc", {{"code", "OK"}});
  LogEvent(spdlog::level::err, "rpc", {{"code", "INTERNAL"}});
  auto lines = JsonLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["code"], "INTERNAL");
  EXPECT_EQ(lines[0]["level"], "error");
}

TEST_F(LoggingTest, TextFormatIsOneLineWithFields) {
  Use(LogFormat::kText);
  LogEvent(spdlog::level::warn, "rpc", {{"code", "UNAVAILABLE"}, {"latency_ms", 2}});
  auto lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr(" warn rpc code=UNAVAILABLE latency_ms=2"));
  EXPECT_THAT(lines[0], Not(HasSubstr("{")));
}

TEST(LogSettingsTest, LevelsAndFormatsParse) {
  EXPECT_EQ(*ParseLogLevel("warn"), spdlog::level::warn);
  EXPECT_EQ(*ParseLogLevel("error"), spdlog::level::err);
  EXPECT_EQ(*ParseLogLevel("trace"), spdlog::level::trace);
  EXPECT_FALSE(ParseLogLevel("warning").ok());
  EXPECT_FALSE(ParseLogLevel("").ok());
  EXPECT_EQ(*ParseLogFormat("text"), LogFormat::kText);
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_FALSE(ParseLogFormat("xml").ok());
}

}  // namespace
}  // namespace vendormatch
