// Which top-level fields differ between two versions of a record (for audit
// rows and "did anything change?").
#pragma once

#include <set>
#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace vendormatch {

// Names of the top-level fields of `before` and `after` (same type) whose
// values differ, sorted, leaving out the fields named in `ignored`. Pure;
// thread-safe.
std::vector<std::string> ChangedTopLevelFields(const google::protobuf::Message& before,
                                               const google::protobuf::Message& after,
                                               const std::set<std::string>& ignored);

}  // namespace vendormatch
