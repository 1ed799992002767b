#include "services/domain/etag.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace vendormatch {

namespace {

uint64_t Fnv1a64(absl::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string StableHash(absl::string_view bytes) { return absl::StrFormat("%016x", Fnv1a64(bytes)); }

std::string ProviderEtag(absl::string_view id, int64_t revision) {
  // The revision keeps etags ordered for people reading logs; the hash ties
  // the etag to its provider so one provider's etag never fits another.
  // FNV-1a mixes its last bytes only into the low bits, so a final avalanche
  // step (splitmix64's) spreads them before the hash is shortened.
  uint64_t h = Fnv1a64(absl::StrCat(id, "#", revision));
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return absl::StrCat(revision, "-", absl::StrFormat("%012x", h >> 16));
}

bool EtagMatches(absl::string_view client_etag, absl::string_view current_etag) {
  return client_etag.empty() || client_etag == current_etag;
}

std::string MessageFingerprint(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return StableHash(bytes);
}

}  // namespace vendormatch
