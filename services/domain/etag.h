// Etags and stable request fingerprints. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace vendormatch {

// The etag of revision `revision` of provider `id`: opaque to clients,
// different for every (id, revision), the same on every replica.
std::string ProviderEtag(absl::string_view id, int64_t revision);

// True when a client's etag matches; an empty client etag always matches
// (the write is unconditional, as AIP-154 allows).
bool EtagMatches(absl::string_view client_etag, absl::string_view current_etag);

// A stable 64-bit FNV-1a hash, hex encoded, of `bytes`.
std::string StableHash(absl::string_view bytes);

// StableHash of the deterministic serialisation of `message`.
std::string MessageFingerprint(const google::protobuf::Message& message);

}  // namespace vendormatch
