// "Did you mean": typos, other cases, prefixes; nothing for a far word.
#include "services/common/suggest.h"

#include <gtest/gtest.h>

namespace vendormatch {
namespace {

const std::vector<std::string> kServices = {"CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND",
                                            "LEGAL_PROCESS_OUTSOURCING", "MARKET_RESEARCH"};

TEST(SuggestTest, FindsTyposCasesAndPrefixes) {
  EXPECT_EQ(Closest("CUSTOMER_SUPORT", kServices), "CUSTOMER_SUPPORT");
  EXPECT_EQ(Closest("customer_support", kServices), "CUSTOMER_SUPPORT");
  EXPECT_EQ(Closest("MARKTE_RESEARCH", kServices), "MARKET_RESEARCH");  // a swap
  EXPECT_EQ(Closest("Europe/Londn", {"Europe/Lisbon", "Europe/London"}), "Europe/London");
  EXPECT_EQ(Closest("lst", {"list", "get", "create"}), "list");
  EXPECT_EQ(Closest("country", {"city", "country_code", "time_zone"}), "country_code");
  EXPECT_EQ(DidYouMean("lst", {"list"}), " (did you mean \"list\"?)");
}

TEST(SuggestTest, SaysNothingWhenNothingIsClose) {
  EXPECT_EQ(Closest("PAYROLL", kServices), std::nullopt);
  EXPECT_EQ(Closest("", kServices), std::nullopt);
  EXPECT_EQ(Closest("xy", {"list"}), std::nullopt);
  EXPECT_EQ(DidYouMean("zzz", kServices), "");
}

}  // namespace
}  // namespace vendormatch
