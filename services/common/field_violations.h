// Collecting "this field is wrong, and why" for INVALID_ARGUMENT answers.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace vendormatch {

// One bad field: `field` is a path such as "providers[3].delivery_centers[0].country_code".
struct FieldViolation {
  std::string field;
  std::string description;
};

// Accumulates field violations. Not thread-safe; use one per request.
class FieldViolations {
 public:
  // Records that `field` is invalid, with a human-readable reason.
  void Add(absl::string_view field, absl::string_view description);
  // Records every violation of `other` with `prefix` put before each field
  // (for example "providers[3]." for one row of an import).
  void AddAll(absl::string_view prefix, const FieldViolations& other);

  bool empty() const { return violations_.empty(); }
  size_t size() const { return violations_.size(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }

  // OK when empty; otherwise a status with `code` (INVALID_ARGUMENT unless
  // given) whose message lists the first few violations and whose
  // google.rpc.BadRequest payload lists up to kMaxReportedViolations of them
  // (gRPC trailers are small); the message says how many there were.
  absl::Status ToStatus(absl::string_view summary = "invalid request",
                        absl::StatusCode code = absl::StatusCode::kInvalidArgument) const;

  // Violations sent in one BadRequest at most.
  static constexpr size_t kMaxReportedViolations = 50;

 private:
  std::vector<FieldViolation> violations_;
};

// INVALID_ARGUMENT naming one field, with a google.rpc.BadRequest payload.
absl::Status InvalidField(absl::string_view field, absl::string_view description);

// The type URL under which BadRequest payloads are attached to absl::Status.
inline constexpr absl::string_view kBadRequestTypeUrl = "type.googleapis.com/google.rpc.BadRequest";

// Reads back the violations attached to `status` (empty when none).
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

}  // namespace vendormatch
