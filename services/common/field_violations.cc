#include "services/common/field_violations.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"

namespace vendormatch {

void FieldViolations::Add(absl::string_view field, absl::string_view description) {
  violations_.push_back({std::string(field), std::string(description)});
}

void FieldViolations::AddAll(absl::string_view prefix, const FieldViolations& other) {
  for (const auto& v : other.violations_) Add(absl::StrCat(prefix, v.field), v.description);
}

absl::Status FieldViolations::ToStatus(absl::string_view summary, absl::StatusCode code) const {
  if (violations_.empty()) return absl::OkStatus();
  constexpr size_t kShown = 3;
  std::vector<std::string> shown;
  google::rpc::BadRequest bad_request;
  for (const auto& v : violations_) {
    if (shown.size() < kShown) shown.push_back(absl::StrCat(v.field, ": ", v.description));
    if (bad_request.field_violations_size() == kMaxReportedViolations) break;
    auto* fv = bad_request.add_field_violations();
    fv->set_field(v.field);
    fv->set_description(v.description);
  }
  std::string message = absl::StrCat(summary, ": ", absl::StrJoin(shown, "; "));
  if (violations_.size() > kShown) {
    absl::StrAppend(&message, " (", violations_.size(), " violations in all");
    if (violations_.size() > kMaxReportedViolations) {
      absl::StrAppend(&message, "; details list the first ", kMaxReportedViolations);
    }
    absl::StrAppend(&message, ")");
  }
  absl::Status status(code, message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::Status InvalidField(absl::string_view field, absl::string_view description) {
  FieldViolations violations;
  violations.Add(field, description);
  return violations.ToStatus();
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  google::rpc::BadRequest bad_request;
  if (!payload || !bad_request.ParseFromString(std::string(*payload))) return out;
  for (const auto& fv : bad_request.field_violations()) {
    out.push_back({fv.field(), fv.description()});
  }
  return out;
}

}  // namespace vendormatch
