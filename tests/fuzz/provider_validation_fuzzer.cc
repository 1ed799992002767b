// Fuzzes provider normalisation and validation (services/domain/validation.h)
// with a vendormatch.v1.Provider in protobuf text format, as CreateProvider
// and UpdateProvider receive one. Beyond "no crash, no undefined behaviour":
//  - NormalizeProvider is idempotent (it gives the canonical form);
//  - normalising keeps a wire-valid provider wire-valid (UTF-8);
//  - every violation names a field and says why, and for a provider that
//    could come over the wire the INVALID_ARGUMENT status can be sent back.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "proto_mutator.h"
#include "services/domain/validation.h"
#include "vendormatch/v1/provider.pb.h"

using namespace vendormatch;        // NOLINT
using namespace vendormatch::fuzz;  // NOLINT

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  QuietProtobuf();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  v1::Provider provider;
  if (!ParseTextProto(AsText(data, size), provider)) return -1;
  const bool wire = WireValid(provider);

  // The raw record must not upset validation either.
  FieldViolations raw;
  ValidateProvider(provider, raw);

  v1::Provider once = provider;
  NormalizeProvider(once);
  v1::Provider twice = once;
  NormalizeProvider(twice);
  Check(Bytes(once) == Bytes(twice), "NormalizeProvider is not idempotent",
        absl::StrCat("once:  ", once.ShortDebugString(), "\ntwice: ", twice.ShortDebugString()));
  if (wire) {
    Check(WireValid(once), "NormalizeProvider made a string invalid UTF-8",
          once.ShortDebugString());
  }

  FieldViolations violations;
  ValidateProvider(once, violations);
  for (const FieldViolation& v : violations.violations()) {
    Check(!v.field.empty() && !v.description.empty(), "violation without field or description",
          absl::StrCat(v.field, ": ", v.description));
  }
  if (wire) CheckStatusSendable(violations.ToStatus("invalid provider"), "ValidateProvider");
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  static ProtoMutator mutator(ReferenceStrings());
  return mutator.Mutate(v1::Provider::default_instance(), data, size, max_size, seed);
}
