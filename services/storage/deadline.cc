#include "services/storage/deadline.h"

#include <algorithm>

namespace vendormatch {
namespace {

thread_local absl::Time current_deadline = absl::InfiniteFuture();

}  // namespace

ScopedDeadline::ScopedDeadline(absl::Time deadline) : previous_(current_deadline) {
  current_deadline = std::min(previous_, deadline);
}

ScopedDeadline::~ScopedDeadline() { current_deadline = previous_; }

absl::Time ScopedDeadline::Current() { return current_deadline; }

}  // namespace vendormatch
