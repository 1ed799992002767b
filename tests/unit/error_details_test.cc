// Machine-readable errors: each constructor's code, reason and detail, and
// the details the edge adds to every error.
#include "services/common/error_details.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "services/common/error_info.h"
#include "services/common/field_violations.h"

namespace vendormatch {
namespace {

template <typename T>
std::optional<T> Detail(const absl::Status& status) {
  T detail;
  const auto payload =
      status.GetPayload(absl::StrCat("type.googleapis.com/", T::descriptor()->full_name()));
  if (!payload || !detail.ParseFromString(std::string(*payload))) return std::nullopt;
  return detail;
}

std::string Reason(const absl::Status& status) {
  auto info = ErrorInfoOf(status);
  return info ? info->reason() : "";
}

TEST(ErrorDetailsTest, NotFoundAndAlreadyExistsNameTheResource) {
  absl::Status missing = NotFound(Resource::kProvider, "providers/acme", "no acme");
  EXPECT_TRUE(absl::IsNotFound(missing));
  EXPECT_EQ(missing.message(), "no acme");
  EXPECT_EQ(Reason(missing), "PROVIDER_NOT_FOUND");
  EXPECT_EQ(ErrorInfoOf(missing)->domain(), "vendormatch.v1");
  auto info = Detail<google::rpc::ResourceInfo>(missing);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->resource_type(), "vendormatch.example.com/Provider");
  EXPECT_EQ(info->resource_name(), "providers/acme");

  absl::Status taken = AlreadyExists(Resource::kProfile, "profiles/mine", "taken");
  EXPECT_TRUE(absl::IsAlreadyExists(taken));
  EXPECT_EQ(Reason(taken), "PROFILE_ALREADY_EXISTS");
  EXPECT_EQ(Detail<google::rpc::ResourceInfo>(taken)->resource_type(),
            "vendormatch.example.com/Profile");
}

TEST(ErrorDetailsTest, PreconditionsSayWhichAndAbortsSayHowToRetry) {
  absl::Status stale = EtagMismatch("providers/acme", "stale");
  EXPECT_TRUE(absl::IsAborted(stale));
  EXPECT_EQ(Reason(stale), "ETAG_MISMATCH");
  auto failure = Detail<google::rpc::PreconditionFailure>(stale);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->violations(0).type(), "ETAG");
  EXPECT_EQ(failure->violations(0).subject(), "providers/acme");

  absl::Status lifecycle =
      FailedPrecondition("LIFECYCLE_TRANSITION_NOT_ALLOWED", "LIFECYCLE", "providers/a", "no");
  EXPECT_TRUE(absl::IsFailedPrecondition(lifecycle));
  EXPECT_EQ(Detail<google::rpc::PreconditionFailure>(lifecycle)->violations(0).description(), "no");

  absl::Status clash = ConcurrentChange("again");
  EXPECT_EQ(Reason(clash), "CONCURRENT_CHANGE");
  EXPECT_TRUE(Detail<google::rpc::RetryInfo>(clash).has_value());
}

TEST(ErrorDetailsTest, TheEdgeGivesEveryErrorAReasonAndUnavailableARetry) {
  EXPECT_TRUE(WithDefaultDetails(absl::OkStatus()).ok());
  EXPECT_EQ(Reason(WithDefaultDetails(absl::InternalError("x"))), "INTERNAL");
  EXPECT_EQ(Reason(WithDefaultDetails(InvalidField("provider.city", "required"))), "INVALID_FIELD");
  EXPECT_EQ(ErrorInfoOf(WithDefaultDetails(InvalidField("provider.city", "required")))
                ->metadata()
                .at("field"),
            "provider.city");
  // A reason given before stays.
  EXPECT_EQ(Reason(WithDefaultDetails(ConcurrentChange("x"))), "CONCURRENT_CHANGE");

  absl::Status unavailable = WithDefaultDetails(absl::UnavailableError("down"));
  EXPECT_EQ(Reason(unavailable), "UNAVAILABLE");
  auto retry = Detail<google::rpc::RetryInfo>(unavailable);
  ASSERT_TRUE(retry.has_value());
  EXPECT_EQ(retry->retry_delay().seconds(), 1);
  // A RetryInfo given before stays.
  absl::Status soon =
      WithDefaultDetails(WithRetryInfo(absl::UnavailableError("x"), absl::Milliseconds(250)));
  EXPECT_EQ(Detail<google::rpc::RetryInfo>(soon)->retry_delay().nanos(), 250'000'000);
}

}  // namespace
}  // namespace vendormatch
