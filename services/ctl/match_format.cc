// vendormatchctl's views of matching: match and compare results, advice,
// plugins and profiles.
#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/ctl/format.h"
#include "services/ctl/format_internal.h"

namespace vendormatch::ctl {
namespace {

std::string Lower(const google::protobuf::EnumDescriptor& type, int number) {
  return absl::AsciiStrToLower(ShortEnumName(type, number));
}

std::string PadRight(absl::string_view text, size_t width) {
  std::string out(text);
  const size_t shown = DisplayWidth(text);
  if (shown < width) out.append(width - shown, ' ');
  return out;
}

std::string PadLeft(absl::string_view text, size_t width) {
  const size_t shown = DisplayWidth(text);
  return absl::StrCat(std::string(shown < width ? width - shown : 0, ' '), text);
}

// The explain lines of a match table: cells per score, aligned across rows.
struct ExplainCells {
  std::string plugin, raw, norm, weight, contribution, reason;
};

ExplainCells CellsOf(const v1::ScoreContribution& score) {
  return {score.plugin(),
          FormatNumber(score.raw_score()),
          absl::StrFormat("%.1f", score.normalized_score()),
          FormatNumber(score.weight()),
          absl::StrFormat("%+.1f", score.contribution()),
          score.reason()};
}

struct ExplainWidths {
  size_t plugin = 0, raw = 0, norm = 0, weight = 0, contribution = 0;

  void Widen(const ExplainCells& c) {
    plugin = std::max(plugin, DisplayWidth(c.plugin));
    raw = std::max(raw, DisplayWidth(c.raw));
    norm = std::max(norm, DisplayWidth(c.norm));
    weight = std::max(weight, DisplayWidth(c.weight));
    contribution = std::max(contribution, DisplayWidth(c.contribution));
  }
};

std::string ExplainLine(const ExplainCells& c, const ExplainWidths& w) {
  return absl::StrCat("  ", PadRight(c.plugin, w.plugin), "  raw ", PadLeft(c.raw, w.raw),
                      "  norm ", PadLeft(c.norm, w.norm), "  w ", PadLeft(c.weight, w.weight), "  ",
                      PadLeft(c.contribution, w.contribution), "  ", c.reason);
}

// "  offers A, B (KPO); deciding centre 1.5 h from the client", or "".
std::string OffersLine(const v1::ProviderMatch& match) {
  std::vector<std::string> parts;
  if (!match.matched_services().empty()) {
    std::string offers = absl::StrCat("offers ", absl::StrJoin(match.matched_services(), ", "));
    if (!match.service_models().empty()) {
      absl::StrAppend(
          &offers, " (",
          absl::StrJoin(ShortNames(v1::ServiceModel_descriptor, match.service_models()), ", "),
          ")");
    }
    parts.push_back(std::move(offers));
  }
  if (match.has_delivery() && !match.delivery().country_code().empty()) {
    parts.push_back(absl::StrCat("deciding centre ", FormatNumber(match.delivery().hours_apart()),
                                 " h from the client"));
  }
  return parts.empty() ? "" : absl::StrCat("  ", absl::StrJoin(parts, "; "));
}

std::string ReasonCounts(const v1::FilterOutcome& outcome) {
  std::vector<std::string> parts;
  for (const auto& reason : outcome.reasons()) {
    parts.push_back(absl::StrCat(reason.reason(), " (", reason.count(), ")"));
  }
  return parts.empty() ? "" : absl::StrCat(": ", absl::StrJoin(parts, ", "));
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string FormatSettings(const google::protobuf::Map<std::string, std::string>& settings) {
  std::vector<std::string> items;
  for (const auto& [key, value] : settings) items.push_back(absl::StrCat(key, "=", value));
  std::sort(items.begin(), items.end());
  return JoinStrings(items, ", ");
}

}  // namespace

// ---------------------------------------------------------------------------
// Matching views.

std::string FormatDelivery(const v1::DeliveryDecision& delivery) {
  if (delivery.delivery_model() == v1::DELIVERY_MODEL_UNSPECIFIED &&
      delivery.country_code().empty() && delivery.rule().empty()) {
    return std::string(kNone);
  }
  std::vector<std::string> parts;
  if (delivery.delivery_model() != v1::DELIVERY_MODEL_UNSPECIFIED) {
    parts.push_back(Lower(*v1::DeliveryModel_descriptor(), delivery.delivery_model()));
  }
  if (!delivery.country_code().empty()) parts.push_back(delivery.country_code());
  if (!delivery.city().empty()) parts.push_back(delivery.city());
  if (!delivery.rule().empty()) parts.push_back(absl::StrCat("(", delivery.rule(), ")"));
  return absl::StrJoin(parts, " ");
}

Table MatchTable(const v1::MatchProvidersResponse& response, bool explain) {
  std::vector<std::string> plugins;
  ExplainWidths widths;
  for (const auto& match : response.matches()) {
    for (const auto& score : match.scores()) {
      if (std::find(plugins.begin(), plugins.end(), score.plugin()) == plugins.end()) {
        plugins.push_back(score.plugin());
      }
      widths.Widen(CellsOf(score));
    }
  }
  std::vector<std::string> headers = {"RANK", "PROVIDER", "NAME", "TOTAL", "DELIVERY"};
  for (const std::string& plugin : plugins) headers.push_back(absl::AsciiStrToUpper(plugin));
  Table table(std::move(headers));
  table.SetAlign(0, Table::Align::kRight);
  table.SetAlign(3, Table::Align::kRight);
  for (size_t i = 0; i < plugins.size(); ++i) table.SetAlign(5 + i, Table::Align::kRight);
  for (const auto& match : response.matches()) {
    std::vector<std::string> row = {
        absl::StrCat(match.rank()), ProviderId(match.provider()), match.display_name(),
        absl::StrFormat("%.1f", match.total_score()),
        match.has_delivery() ? FormatDelivery(match.delivery()) : std::string(kNone)};
    for (const std::string& plugin : plugins) {
      std::string cell(kNone);
      for (const auto& score : match.scores()) {
        if (score.plugin() == plugin) cell = absl::StrFormat("%.1f", score.contribution());
      }
      row.push_back(std::move(cell));
    }
    table.AddRow(std::move(row));
    for (const auto& warning : match.warnings()) {
      table.AddDetail(SanitizeText(absl::StrCat(
          "  warning: ", warning.sentence().empty() ? warning.code() : warning.sentence())));
    }
    if (!explain) continue;
    for (const auto& score : match.scores()) table.AddDetail(ExplainLine(CellsOf(score), widths));
    if (match.has_ahead_of_next()) {
      table.AddDetail(SanitizeText(absl::StrCat("  ", match.ahead_of_next().summary())));
    }
    if (std::string offers = OffersLine(match); !offers.empty()) {
      table.AddDetail(std::move(offers));
    }
  }
  return table;
}

void PrintMatchResult(const v1::MatchProvidersResponse& response, bool explain, std::ostream& out) {
  if (!response.summary().empty()) out << SanitizeText(response.summary()) << "\n";
  out << "snapshot r" << response.snapshot_revision() << ", profile "
      << ProfileId(response.profile()) << " r" << response.profile_revision() << "\n\n";
  if (response.matches().empty()) {
    out << "No provider is eligible.\n";
  } else {
    MatchTable(response, explain).Print(out);
  }
  if (!response.filter_outcomes().empty()) {
    size_t width = 0;
    for (const auto& outcome : response.filter_outcomes()) {
      width = std::max(width, DisplayWidth(outcome.plugin()));
    }
    out << "\nfilters:\n";
    for (const auto& outcome : response.filter_outcomes()) {
      out << "  " << PadRight(outcome.plugin(), width) << "  removed " << outcome.removed()
          << SanitizeText(ReasonCounts(outcome)) << "\n";
    }
  }
  const bool notes = !response.relaxation_hints().empty() || !response.skipped_plugins().empty() ||
                     response.has_service_model_advice() || !response.pushed_down().empty() ||
                     response.hint_report().computed();
  if (notes) out << "\n";
  for (const auto& hint : response.relaxation_hints()) {
    out << "relax " << hint.plugin() << ": " << hint.eligible_if_relaxed() << " eligible (+"
        << hint.gained() << ") if you " << SanitizeText(hint.suggestion()) << "\n";
  }
  if (response.hint_report().computed() && response.relaxation_hints().empty()) {
    out << "no single relaxation (or pair) of a negotiable constraint gains a provider\n";
  }
  for (const auto& pushed : response.pushed_down()) {
    out << "pushed down by the diversity limit: " << ProviderId(pushed.provider()) << " (would be #"
        << pushed.rank_without_limit() << ", " << SanitizeText(pushed.country_code()) << ")\n";
  }
  PrintExplanations(response, out);
  for (const auto& skipped : response.skipped_plugins()) {
    out << "skipped " << skipped.plugin() << ": " << SanitizeText(skipped.message()) << "\n";
  }
  if (response.has_service_model_advice()) {
    const auto& advice = response.service_model_advice();
    std::vector<std::string> criteria;
    for (const auto& criterion : advice.criteria()) criteria.push_back(criterion.criterion());
    out << "advisor: " << FormatAdviceHeadline(advice)
        << (criteria.empty() ? "" : absl::StrCat(": ", absl::StrJoin(criteria, ", "))) << "\n";
  }
}

std::string FormatRankChange(const v1::RankChange& change) {
  if (change.rank_a() == 0 && change.rank_b() == 0) return std::string(kNone);
  if (change.rank_a() == 0) return "new";
  if (change.rank_b() == 0) return "gone";
  const int places = change.rank_a() - change.rank_b();
  return places > 0 ? absl::StrCat("+", places) : absl::StrCat(places);
}

Table RankChangeTable(const v1::CompareProfilesResponse& response) {
  struct Seen {
    std::string name;
    std::string total_a = std::string(kNone);
    std::string total_b = std::string(kNone);
  };
  std::map<std::string, Seen> seen;
  for (const auto& match : response.result_a().matches()) {
    Seen& s = seen[match.provider()];
    s.name = match.display_name();
    s.total_a = absl::StrFormat("%.1f", match.total_score());
  }
  for (const auto& match : response.result_b().matches()) {
    Seen& s = seen[match.provider()];
    s.name = match.display_name();
    s.total_b = absl::StrFormat("%.1f", match.total_score());
  }
  Table table({"PROVIDER", "NAME", "RANK A", "RANK B", "CHANGE", "TOTAL A", "TOTAL B"});
  for (size_t column : {2, 3, 4, 5, 6}) table.SetAlign(column, Table::Align::kRight);
  auto rank = [](int r) { return r > 0 ? absl::StrCat(r) : std::string(kNone); };
  for (const auto& change : response.rank_changes()) {
    const Seen& s = seen[change.provider()];
    table.AddRow({ProviderId(change.provider()), s.name, rank(change.rank_a()),
                  rank(change.rank_b()), FormatRankChange(change), s.total_a, s.total_b});
  }
  return table;
}

void PrintCompareResult(const v1::CompareProfilesResponse& response, std::ostream& out) {
  for (const auto& [label, result] :
       {std::pair<const char*, const v1::MatchProvidersResponse*>{"A", &response.result_a()},
        {"B", &response.result_b()}}) {
    out << label << ": profile " << ProfileId(result->profile()) << " r"
        << result->profile_revision() << ": " << SanitizeText(result->summary()) << "\n";
  }
  out << "snapshot r" << response.result_b().snapshot_revision() << "\n\n";
  if (response.rank_changes().empty()) {
    out << "No provider is eligible under either profile.\n";
    return;
  }
  RankChangeTable(response).Print(out);
}

std::string FormatAdviceHeadline(const v1::RecommendServiceModelResponse& advice) {
  return absl::StrFormat("%s (confidence %.2f)",
                         ShortEnumName(*v1::ServiceModel_descriptor(), advice.service_model()),
                         advice.confidence());
}

void PrintAdvice(const v1::RecommendServiceModelResponse& advice, std::ostream& out) {
  out << FormatAdviceHeadline(advice) << "\n";
  if (advice.criteria().empty()) return;
  Table table({"CRITERION", "FAVOURS", "WEIGHT", "EXPLANATION"});
  table.SetAlign(2, Table::Align::kRight);
  for (const auto& c : advice.criteria()) {
    table.AddRow({c.criterion(), ShortEnumName(*v1::ServiceModel_descriptor(), c.favours()),
                  absl::StrFormat("%.2f", c.weight()), c.explanation()});
  }
  out << "\n";
  table.Print(out);
}

Table PluginTable(const google::protobuf::RepeatedPtrField<v1::PluginInfo>& plugins) {
  // A setting as "name=default" and what it allows: "sla_weight=0.3 (0..1)",
  // "rating_floor=3 (0..<5)", "prior_reviews=20 (>=0)", "mode=ok (ok|throw)".
  auto setting = [](const v1::SettingSpec& s) {
    std::string text = absl::StrCat(s.name(), "=", s.default_value());
    const bool numeric =
        s.type() == v1::SettingSpec::TYPE_NUMBER || s.type() == v1::SettingSpec::TYPE_INTEGER;
    const bool low = numeric && std::isfinite(s.min()), high = numeric && std::isfinite(s.max());
    const std::string below = s.max_exclusive() ? "<" : "";
    if (s.type() == v1::SettingSpec::TYPE_CHOICE) {
      absl::StrAppend(&text, " (", absl::StrJoin(s.choices(), "|"), ")");
    } else if (low && high) {
      absl::StrAppend(&text, " (", s.min(), "..", below, s.max(), ")");
    } else if (low) {
      absl::StrAppend(&text, " (>=", s.min(), ")");
    } else if (high) {
      absl::StrAppend(&text, " (", below.empty() ? "<=" : below, s.max(), ")");
    }
    return text;
  };
  Table table({"NAME", "VERSION", "STAGES", "SDK", "FILE", "SETTINGS"});
  for (const auto& p : plugins) {
    std::vector<std::string> settings;
    for (const auto& s : p.settings()) settings.push_back(setting(s));
    table.AddRow({p.name(), p.version(), JoinStrings(p.stages(), ","), p.sdk_version(), p.file(),
                  JoinStrings(settings, "; ")});
  }
  return table;
}

Table ProfileTable(const google::protobuf::RepeatedPtrField<v1::Profile>& profiles) {
  Table table({"ID", "DISPLAY NAME", "PLUGINS", "SCORERS", "REVISION", "UPDATED"});
  for (size_t column : {2, 3, 4}) table.SetAlign(column, Table::Align::kRight);
  for (const auto& p : profiles) {
    int scorers = 0;
    for (const auto& setting : p.plugins()) scorers += setting.score_enabled() ? 1 : 0;
    table.AddRow({ProfileId(p.name()), p.display_name(), absl::StrCat(p.plugins_size()),
                  absl::StrCat(scorers), absl::StrCat(p.revision()),
                  FormatTimestamp(p.update_time())});
  }
  return table;
}

void DescribeProfile(const v1::Profile& profile, std::ostream& out) {
  Line(out, "Name", profile.name());
  Line(out, "Display name", profile.display_name());
  Line(out, "Description", SanitizeText(profile.description()));
  Table plugins({"PLUGIN", "FILTER", "SCORE", "WEIGHT", "BOUNDS", "ON ERROR", "SETTINGS"});
  plugins.SetAlign(3, Table::Align::kRight);
  for (const auto& s : profile.plugins()) {
    const std::string on_error = s.on_error() == v1::FAILURE_POLICY_UNSPECIFIED
                                     ? "FAIL"
                                     : ShortEnumName(*v1::FailurePolicy_descriptor(), s.on_error());
    plugins.AddRow({s.plugin(), YesNo(s.filter_enabled()), YesNo(s.score_enabled()),
                    FormatNumber(s.weight()),
                    absl::StrCat(FormatNumber(s.min_weight()), "-", FormatNumber(s.max_weight())),
                    on_error, FormatSettings(s.settings())});
  }
  Section(out, "Plugins", plugins);
  Line(out, "Updated", FormatTimestamp(profile.update_time()));
  Line(out, "Revision", absl::StrCat(profile.revision()));
  Line(out, "Etag", profile.etag());
}

}  // namespace vendormatch::ctl
