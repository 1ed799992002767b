#include "services/auth/gate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/auth/policy.h"
#include "services/common/error_details.h"
#include "services/common/error_info.h"
#include "services/storage/deadline.h"

namespace vendormatch::auth {
namespace {

absl::string_view View(grpc::string_ref ref) { return absl::string_view(ref.data(), ref.size()); }

}  // namespace

absl::StatusOr<Principal> AuthGate::Authenticate(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const {
  auto [first, last] = metadata.equal_range("authorization");
  if (first == last) {
    return WithErrorInfo(
        absl::UnauthenticatedError(
            "missing credentials: send the metadata \"authorization: Bearer <API key>\""),
        "API_KEY_MISSING");
  }
  absl::string_view value = View(first->second);
  constexpr absl::string_view kScheme = "bearer ";
  if (std::next(first) != last || value.size() <= kScheme.size() ||
      !absl::EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
    return WithErrorInfo(
        absl::UnauthenticatedError(
            "malformed credentials: expected one \"authorization: Bearer <API key>\""),
        "API_KEY_MALFORMED");
  }
  return keys_.Authenticate(absl::StripAsciiWhitespace(value.substr(kScheme.size())), absl::Now());
}

absl::StatusOr<CallContext> AuthGate::Admit(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
    absl::string_view method) const {
  absl::StatusOr<Principal> principal = Authenticate(metadata);
  if (!principal.ok()) return principal.status();
  if (!Allowed(method, principal->role)) {
    return WithErrorInfo(
        absl::PermissionDeniedError(
            absl::StrCat("role ", RoleName(principal->role), " may not call ", method.substr(1))),
        "ROLE_NOT_ALLOWED",
        {{"role", RoleName(principal->role)}, {"method", std::string(method.substr(1))}});
  }
  CallContext call;
  call.key_id = principal->key_id;
  call.admin = principal->role == v1::ROLE_ADMIN;
  return call;
}

std::string AuthGate::KeyIdOf(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const {
  absl::StatusOr<Principal> principal = Authenticate(metadata);
  return principal.ok() ? principal->key_id : "";
}

grpc::Status AuthGate::Run(grpc::ServerContext& context, absl::string_view method,
                           const std::function<grpc::Status(const CallContext&)>& body) const {
  if (draining_) {
    return ToGrpcStatus(
        WithRetryInfo(WithErrorInfo(absl::UnavailableError("the server is shutting down; retry"),
                                    "SERVER_DRAINING"),
                      absl::ZeroDuration()));
  }
  absl::StatusOr<CallContext> call = Admit(context.client_metadata(), method);
  if (!call.ok()) return ToGrpcStatus(call.status());
  call->actor = CallContextOf(context).actor;
  // Database work of the call ends by the client's deadline.
  ScopedDeadline deadline(absl::FromChrono(context.deadline()));
  return body(*call);
}

}  // namespace vendormatch::auth
