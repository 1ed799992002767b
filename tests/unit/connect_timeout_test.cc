// WithConnectTimeout: every connection string gets a bounded connect.
#include "gtest/gtest.h"
#include "services/storage/database.h"

namespace vendormatch {
namespace {

TEST(ConnectTimeoutTest, AddsItToUrlsAndKeyValueStrings) {
  EXPECT_EQ(WithConnectTimeout("postgresql://u@db:5432/vm", 5),
            "postgresql://u@db:5432/vm?connect_timeout=5");
  EXPECT_EQ(WithConnectTimeout("postgres:///vm?host=/tmp/s&port=1", 7),
            "postgres:///vm?host=/tmp/s&port=1&connect_timeout=7");
  EXPECT_EQ(WithConnectTimeout("host=db dbname=vm", 5), "host=db dbname=vm connect_timeout=5");
  EXPECT_EQ(WithConnectTimeout("", 5), "connect_timeout=5");
}

TEST(ConnectTimeoutTest, KeepsOneTheUrlSets) {
  EXPECT_EQ(WithConnectTimeout("postgresql://db/vm?connect_timeout=30", 5),
            "postgresql://db/vm?connect_timeout=30");
  EXPECT_EQ(WithConnectTimeout("host=db connect_timeout=2", 5), "host=db connect_timeout=2");
}

}  // namespace
}  // namespace vendormatch
