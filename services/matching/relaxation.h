// Answers that are verified by trying them: relaxation hints whose counts
// are what the match with the change returned, and for named providers
// what it would take (on the buyer's side and the provider's) to be
// eligible or in the top K. Both work by running the match again through
// a Rerun, with the change applied to a copy of the requirement or of the
// provider's record. Thread-safe as the Rerun is.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/matching/pipeline.h"
#include "vendormatch/v1/matching_service.pb.h"

namespace vendormatch {

struct RerunOptions {
  std::vector<std::string> explain;  // provider ids
  const sdk::Provider* substitute = nullptr;
  bool substitute_only = false;
  int top_k = 0;
};
struct RerunOutput {
  v1::MatchProvidersResponse response;
  std::vector<const sdk::Provider*> eligible;  // sorted by address
  std::vector<NamedDetail> named;
};

// How relaxation reaches the match: the same snapshot, profile and
// weights as the answer being completed, for another requirement.
struct Rerun {
  // Validates `requirement` and runs the match (no hints, no suggestions).
  std::function<absl::StatusOr<RerunOutput>(const v1::Requirement&, const RerunOptions&)> run;
  // CollectFixes under `requirement`.
  std::function<absl::StatusOr<std::vector<std::vector<NamedChange>>>(
      const v1::Requirement&, std::span<const sdk::Provider* const>)>
      fixes;
  // The filter plugins of the profile, by name.
  std::vector<std::string> filters;
  // The dictionary's Symbol of a code ("USD", "PAYROLL"), kNoSymbol if none.
  std::function<sdk::Symbol(const std::string&)> symbol;
};

// The whole answer to `request`, whose requirement (validated), profile,
// weights, top K, explain list and diversity `input` holds: the match,
// then the verified hints (request.hints) and what it would take for the
// named providers. Errors: as RunPipeline. Thread-safe.
absl::StatusOr<v1::MatchProvidersResponse> Answer(MatchInput input,
                                                  const v1::MatchProvidersRequest& request,
                                                  absl::CivilDay today);

// A Rerun over `base`'s snapshot, profile, weights, exchange rates and
// facts options, validating requirements against `today`. `base`'s
// pointers must outlive it.
Rerun MakeRerun(const MatchInput& base, absl::CivilDay today);

// Fills response.relaxation_hints and hint_report. Hints are computed when
// `policy` is ALWAYS, or when it is unspecified and fewer than `top_k` are
// eligible. Each is one change (or a pair of changes to different
// constraints that gains providers neither gains alone) to a negotiable
// constraint; a numeric one (rate ceiling, headcount, minimum rating or
// overlap) is set to the value that reaches top_k eligible, or admits
// every provider the constraint alone keeps out. Each count is the match's
// with the change. Ordered lowest priority first, then singles before
// pairs, then most gained. `eligible` is the answer's eligible set (any order).
absl::Status AddVerifiedHints(const Rerun& rerun, const v1::Requirement& requirement,
                              v1::HintPolicy policy, int top_k,
                              const std::vector<const sdk::Provider*>& eligible,
                              v1::MatchProvidersResponse& response);

// Adds to each explanation of `response` (one per `named`, in order) what
// it would take: for a provider that is not eligible, all the buyer-side
// changes its failing filters name, together, and all the provider-side
// ones, each set tried in a match with the change; for one ranked below
// the top K, the smallest lower rate and the fewest added seats that bring
// it in (searched on its own total, then verified by a full match).
// Whether each suggestion holds is found on the provider alone (its
// verdicts and total with the change); its rank with a changed record is
// counted among `totals` (the answer's eligible) when the profile's scores
// are absolute, and from a full match otherwise, as it is for a changed
// requirement.
using Totals = std::vector<std::pair<double, const sdk::Provider*>>;
absl::Status AddSuggestions(const Rerun& rerun, const v1::Requirement& requirement, int top_k,
                            const std::vector<NamedDetail>& named, const Totals* totals,
                            v1::MatchProvidersResponse& response);

// A copy of `provider` that owns its storage.
sdk::ProviderData CopyProvider(const sdk::Provider& provider);

// Applies a provider-side change to `data`; false when it is not one.
// `seniority` is the requirement's (a rate is added at it), `centre` the
// centre that gets added seats.
bool ApplyToProvider(const sdk::Change& change, sdk::Seniority seniority, int centre,
                     sdk::ProviderData& data);

}  // namespace vendormatch
