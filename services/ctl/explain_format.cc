// `vendormatchctl match --why`: the named providers of a match.
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl {
namespace {

namespace v1 = ::vendormatch::v1;

std::string StatusText(v1::Provider::Status status) {
  switch (status) {
    case v1::Provider::STATUS_PENDING:
      return "PENDING";
    case v1::Provider::STATUS_ACTIVE:
      return "ACTIVE";
    case v1::Provider::STATUS_SUSPENDED:
      return "SUSPENDED";
    case v1::Provider::STATUS_OFFBOARDED:
      return "OFFBOARDED";
    default:
      return "UNKNOWN";
  }
}

void PrintVerdicts(const v1::ProviderExplanation& e, std::ostream& out) {
  for (const auto& verdict : e.verdicts()) {
    if (verdict.skipped()) {
      out << "    " << verdict.plugin() << ": skipped (the plugin failed)\n";
      continue;
    }
    if (verdict.passed()) {
      out << "    " << verdict.plugin() << ": passes\n";
      continue;
    }
    for (const auto& reason : verdict.reasons()) {
      out << "    " << verdict.plugin() << ": FAILS " << SanitizeText(reason.code())
          << (reason.sentence().empty() ? "" : absl::StrCat(" - ", reason.sentence())) << "\n";
    }
  }
}

void PrintSuggestion(const v1::Suggestion& s, std::ostream& out) {
  std::string outcome;
  if (!s.eligible_after()) {
    outcome = "tried: still not eligible";
  } else {
    outcome = absl::StrCat("tried: eligible, rank ", s.rank_after(), ", total ",
                           absl::StrFormat("%.1f", s.total_after()));
  }
  out << "    " << (s.side() == "buyer" ? "you could: " : "the provider could: ")
      << SanitizeText(absl::StrJoin(s.changes(), "; ")) << " (" << outcome
      << (s.reaches_goal() ? "" : "; not enough") << ")\n";
}

}  // namespace

void PrintExplanations(const v1::MatchProvidersResponse& response, std::ostream& out) {
  for (const auto& e : response.explanations()) {
    out << "\n" << ProviderId(e.provider());
    if (!e.display_name().empty()) out << " (" << SanitizeText(e.display_name()) << ")";
    out << ": " << SanitizeText(e.summary()) << "\n";
    if (e.status() != v1::Provider::STATUS_ACTIVE) {
      out << "    status " << StatusText(e.status()) << ": only ACTIVE providers are matched\n";
      continue;
    }
    PrintVerdicts(e, out);
    if (e.eligible()) {
      for (const auto& score : e.match().scores()) {
        out << "    " << score.plugin() << " " << absl::StrFormat("%.1f", score.contribution())
            << " - " << SanitizeText(score.reason()) << "\n";
      }
      for (const auto& warning : e.match().warnings()) {
        out << "    warning: " << SanitizeText(warning.sentence()) << "\n";
      }
    }
    for (const auto& s : e.suggestions()) PrintSuggestion(s, out);
  }
}

}  // namespace vendormatch::ctl
