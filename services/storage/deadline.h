// The deadline of the call a thread serves, for the database work it does.
// No libpqxx here: the gRPC edge opens one per call.
#pragma once

#include "absl/time/time.h"

namespace vendormatch {

// The deadline of the call the current thread serves, for the database work
// it does: while a scope is open, InTransaction and WithConnection on this
// thread return DEADLINE_EXCEEDED without touching PostgreSQL once it has
// passed, wait for a pooled connection no longer than it, and bound every
// statement by `statement_timeout` (the milliseconds left, at least 1), so
// a statement still running at the deadline is cancelled (DEADLINE_EXCEEDED)
// and its transaction rolled back. Nested scopes keep the earliest deadline;
// each restores the one before it when it ends. Thread-local: create and
// destroy it on one thread, innermost first (as a local variable does). In a
// gRPC handler: `ScopedDeadline deadline(absl::FromChrono(context->deadline()));`
// (gRPC's "no deadline" is far enough away to set no timeout).
class ScopedDeadline {
 public:
  explicit ScopedDeadline(absl::Time deadline);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

  // The earliest deadline open on this thread; absl::InfiniteFuture() when
  // none is.
  static absl::Time Current();

 private:
  absl::Time previous_;
};

}  // namespace vendormatch
