#include "services/common/error_details.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "services/common/error_info.h"
#include "services/common/field_violations.h"

namespace vendormatch {
namespace {

constexpr absl::string_view kResourceInfoUrl = "type.googleapis.com/google.rpc.ResourceInfo";
constexpr absl::string_view kPreconditionUrl = "type.googleapis.com/google.rpc.PreconditionFailure";
constexpr absl::string_view kRetryInfoUrl = "type.googleapis.com/google.rpc.RetryInfo";

struct ResourceNames {
  absl::string_view reason_prefix;
  absl::string_view type;
};

ResourceNames NamesOf(Resource resource) {
  switch (resource) {
    case Resource::kProvider:
      return {"PROVIDER", "vendormatch.example.com/Provider"};
    case Resource::kProfile:
      return {"PROFILE", "vendormatch.example.com/Profile"};
    case Resource::kApiKey:
      return {"API_KEY", "vendormatch.example.com/ApiKey"};
    case Resource::kRequest:
      return {"REQUEST_ID", "vendormatch.example.com/Request"};
  }
  return {"RESOURCE", ""};
}

absl::Status WithResourceInfo(absl::Status status, Resource resource, absl::string_view name,
                              absl::string_view suffix) {
  const ResourceNames names = NamesOf(resource);
  google::rpc::ResourceInfo info;
  info.set_resource_type(std::string(names.type));
  info.set_resource_name(std::string(name));
  info.set_description(std::string(status.message()));
  status.SetPayload(kResourceInfoUrl, absl::Cord(info.SerializeAsString()));
  return WithErrorInfo(std::move(status), absl::StrCat(names.reason_prefix, suffix),
                       {{"resource_name", std::string(name)}});
}

}  // namespace

absl::Status NotFound(Resource resource, absl::string_view name, absl::string_view message) {
  return WithResourceInfo(absl::NotFoundError(message), resource, name, "_NOT_FOUND");
}

absl::Status AlreadyExists(Resource resource, absl::string_view name, absl::string_view message) {
  return WithResourceInfo(absl::AlreadyExistsError(message), resource, name, "_ALREADY_EXISTS");
}

namespace {

absl::Status WithPreconditionFailure(absl::Status status, absl::string_view reason,
                                     absl::string_view type, absl::string_view subject) {
  google::rpc::PreconditionFailure failure;
  auto* v = failure.add_violations();
  v->set_type(std::string(type));
  v->set_subject(std::string(subject));
  v->set_description(std::string(status.message()));
  status.SetPayload(kPreconditionUrl, absl::Cord(failure.SerializeAsString()));
  return WithErrorInfo(std::move(status), reason, {{"subject", std::string(subject)}});
}

}  // namespace

absl::Status FailedPrecondition(absl::string_view reason, absl::string_view type,
                                absl::string_view subject, absl::string_view message) {
  return WithPreconditionFailure(absl::FailedPreconditionError(message), reason, type, subject);
}

absl::Status EtagMismatch(absl::string_view name, absl::string_view message) {
  return WithPreconditionFailure(absl::AbortedError(message), "ETAG_MISMATCH", "ETAG", name);
}

absl::Status WithRetryInfo(absl::Status status, absl::Duration delay) {
  if (status.ok()) return status;
  google::rpc::RetryInfo info;
  const int64_t nanos = absl::ToInt64Nanoseconds(delay);
  info.mutable_retry_delay()->set_seconds(nanos / 1'000'000'000);
  info.mutable_retry_delay()->set_nanos(static_cast<int32_t>(nanos % 1'000'000'000));
  status.SetPayload(kRetryInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

absl::Status ConcurrentChange(absl::string_view message) {
  return WithRetryInfo(WithErrorInfo(absl::AbortedError(message), "CONCURRENT_CHANGE"),
                       absl::ZeroDuration());
}

absl::Status WithDefaultDetails(absl::Status status) {
  if (status.ok()) return status;
  if (!ErrorInfoOf(status)) {
    std::vector<FieldViolation> violations = ViolationsOf(status);
    std::map<std::string, std::string> metadata;
    if (!violations.empty()) metadata["field"] = violations.front().field;
    status = WithErrorInfo(std::move(status),
                           violations.empty()
                               ? absl::AsciiStrToUpper(absl::StatusCodeToString(status.code()))
                               : "INVALID_FIELD",
                           metadata);
  }
  if (absl::IsUnavailable(status) && !status.GetPayload(kRetryInfoUrl)) {
    status = WithRetryInfo(std::move(status), absl::Seconds(1));
  }
  return status;
}

}  // namespace vendormatch
