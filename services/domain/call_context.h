// Who is behind a call, as the audit trail records it. Pure data.
#pragma once

#include <string>

namespace vendormatch {

struct CallContext {
  // Free text from the `vendormatch-actor` metadata: the person or system
  // on whose behalf the key's holder acts; "anonymous" when not given.
  std::string actor = "anonymous";
  // Id of the API key that authenticated the call; empty in code paths
  // that run without a caller (tests of the plain logic, seeding).
  std::string key_id;
  // Whether that key has the admin role (what only admins may see, such as
  // the server's plugin files, is left out for the others).
  bool admin = false;
};

}  // namespace vendormatch
