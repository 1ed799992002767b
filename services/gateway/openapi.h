// The OpenAPI 3.0 document of the HTTP API, generated at build time from the
// google.api.http rules (proto/openapi) and compiled in. Thread-safe.
#pragma once

#include <string_view>

namespace vendormatch::gateway {

// The document (JSON), valid for the life of the process.
std::string_view OpenApiJson();

}  // namespace vendormatch::gateway
