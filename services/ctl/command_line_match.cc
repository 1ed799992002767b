// The matching commands of vendormatchctl: match, compare, advise, plugins
// and profiles (their flags and how each prepares its call).
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <ostream>
#include <sstream>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/ctl/cli.h"
#include "services/ctl/command_line_internal.h"
#include "services/ctl/commands.h"
#include "services/ctl/match_flags.h"

namespace vendormatch::ctl::cmdline {

// ---------------------------------------------------------------------------
// Matching commands.

FlagSpec RequirementFile() {
  return {"file", 'f', true, "FILE",
          "requirement file: YAML or JSON of a vendormatch.v1.Requirement (\"-\" for stdin)"};
}
FlagSpec MessageFormat() {
  return {"format", '\0', true, "FMT", "yaml or json (default: by extension, else by content)"};
}
FlagSpec Top() {
  return {"top", '\0', true, "N", "results wanted (server default 10, at most 100)"};
}

// `flags` followed by the InputFlags of match_flags.h.
std::vector<FlagSpec> WithInputFlags(std::vector<FlagSpec> flags,
                                     const std::vector<InputFlag>& inputs) {
  for (const InputFlag& input : inputs) {
    const std::string value_name = input.value_name;
    flags.push_back({input.name, '\0', !value_name.empty(), value_name, input.help});
  }
  return flags;
}

absl::StatusOr<Format> MessageFormatOf(const ParsedArgs& args) {
  if (!args.Has("format")) return Format::kAuto;
  absl::StatusOr<Format> format = ParseFormatName(args.Get("format"));
  if (!format.ok()) return format.status();
  if (*format == Format::kCsv || *format == Format::kJsonLines) {
    return absl::InvalidArgumentError(
        absl::StrCat("--format must be yaml or json here, got \"", args.Get("format"), "\""));
  }
  return *format;
}

// The requirement of -f FILE and the quick flags; one of them is needed.
absl::StatusOr<RequirementInput> RequirementInputOf(const ParsedArgs& args) {
  RequirementInput input;
  input.file = args.Get("file");
  absl::StatusOr<Format> format = MessageFormatOf(args);
  if (!format.ok()) return format.status();
  input.format = *format;
  absl::StatusOr<RequirementOverlay> flags = ParseRequirementFlags(args.values);
  if (!flags.ok()) return flags.status();
  input.flags = *std::move(flags);
  if (input.file.empty() && input.flags.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(args.command,
                     " needs -f REQUIREMENT_FILE or requirement flags (--service, "
                     "--client-country, --client-tz, ...)"));
  }
  return input;
}

absl::StatusOr<int> TopOf(const ParsedArgs& args) {
  if (!args.Has("top")) return 0;
  return ParseCount("top", args.Get("top"));
}

absl::StatusOr<Prepared> PrepareMatch(const ParsedArgs& args) {
  MatchOptions options;
  absl::StatusOr<RequirementInput> requirement = RequirementInputOf(args);
  if (!requirement.ok()) return requirement.status();
  options.requirement = *std::move(requirement);
  options.profile = args.Get("profile");
  absl::StatusOr<int> top = TopOf(args);
  if (!top.ok()) return top.status();
  options.top_k = *top;
  absl::StatusOr<std::map<std::string, double>> weights =
      ParseWeightFlags("weight", args.GetAll("weight"));
  if (!weights.ok()) return weights.status();
  options.weights = *std::move(weights);
  options.explain = args.GetBool("explain");
  for (const std::string& list : args.GetAll("why")) {
    for (absl::string_view id : absl::StrSplit(list, ',', absl::SkipWhitespace())) {
      options.why.emplace_back(absl::StripAsciiWhitespace(id));
    }
  }
  if (args.Has("hints")) {
    absl::StatusOr<int> hints =
        ParseEnumFlag("hints", *v1::HintPolicy_descriptor(), args.Get("hints"));
    if (!hints.ok()) return hints.status();
    options.hints = static_cast<v1::HintPolicy>(*hints);
  }
  if (args.Has("max-per-country")) {
    absl::StatusOr<int> limit = ParseCount("max-per-country", args.Get("max-per-country"));
    if (!limit.ok()) return limit.status();
    options.diversity.set_max_per_country(*limit);
    options.diversity.set_scope(v1::DIVERSITY_SCOPE_HEADQUARTERS_COUNTRY);
    if (args.Has("spread-by")) {
      absl::StatusOr<int> scope =
          ParseEnumFlag("spread-by", *v1::DiversityScope_descriptor(), args.Get("spread-by"));
      if (!scope.ok()) return scope.status();
      options.diversity.set_scope(static_cast<v1::DiversityScope>(*scope));
    }
  } else if (args.Has("spread-by")) {
    return absl::InvalidArgumentError("--spread-by: give --max-per-country N with it");
  }
  return Prepared([options](CommandContext& ctx) { return MatchProviders(ctx, options); });
}

absl::StatusOr<Prepared> PrepareCompare(const ParsedArgs& args) {
  CompareOptions options;
  absl::StatusOr<RequirementInput> requirement = RequirementInputOf(args);
  if (!requirement.ok()) return requirement.status();
  options.requirement = *std::move(requirement);
  options.profile_a = args.Get("profile-a");
  options.profile_b = args.Get("profile-b");
  absl::StatusOr<int> top = TopOf(args);
  if (!top.ok()) return top.status();
  options.top_k = *top;
  absl::StatusOr<std::map<std::string, double>> weights_a =
      ParseWeightFlags("weight-a", args.GetAll("weight-a"));
  if (!weights_a.ok()) return weights_a.status();
  options.weights_a = *std::move(weights_a);
  absl::StatusOr<std::map<std::string, double>> weights_b =
      ParseWeightFlags("weight-b", args.GetAll("weight-b"));
  if (!weights_b.ok()) return weights_b.status();
  options.weights_b = *std::move(weights_b);
  if (options.profile_b.empty() && options.weights_a.empty() && options.weights_b.empty()) {
    return absl::InvalidArgumentError(
        "compare needs --profile-b B (against --profile-a A, default balanced), or "
        "--weight-a/--weight-b to compare weights under one profile");
  }
  return Prepared([options](CommandContext& ctx) { return CompareProfiles(ctx, options); });
}

absl::StatusOr<Prepared> PrepareAdvise(const ParsedArgs& args) {
  AdviseOptions options;
  absl::StatusOr<v1::WorkCharacteristics> work = ParseWorkFlags(args.values);
  if (!work.ok()) return work.status();
  if (work->ByteSizeLong() == 0) {
    return absl::InvalidArgumentError(
        "advise needs at least one characteristic of the work (--routine, --expertise, "
        "--driver, --core, ...)");
  }
  options.work = *std::move(work);
  return Prepared([options](CommandContext& ctx) { return AdviseServiceModel(ctx, options); });
}

absl::StatusOr<Prepared> PreparePlugins(const ParsedArgs&) {
  return Prepared([](CommandContext& ctx) { return ListPlugins(ctx); });
}

// `profiles SUBCOMMAND ...`: the arguments and flags each subcommand takes.
struct ProfileSubcommand {
  const char* name;
  size_t args;  // Positional arguments after the subcommand.
  const char* synopsis;
  std::vector<std::string> flags;
};

const std::vector<ProfileSubcommand>& ProfileSubcommands() {
  static const auto* const kSubcommands = new std::vector<ProfileSubcommand>{
      {"list", 0, "profiles list", {"page-size"}},
      {"get", 1, "profiles get PROFILE", {}},
      {"create", 1, "profiles create ID -f FILE", {"file", "format"}},
      {"update",
       1,
       "profiles update PROFILE -f FILE [--update-mask a,b] [--etag E]",
       {"file", "format", "update-mask", "etag"}},
      {"set-weight", 3, "profiles set-weight PROFILE PLUGIN WEIGHT", {}},
  };
  return *kSubcommands;
}

namespace {

// The subcommand `args` names, once its arguments and flags fit it. Errors:
// INVALID_ARGUMENT for an unknown subcommand, the wrong number of arguments
// (with the usage) or a flag it does not take.
absl::StatusOr<const ProfileSubcommand*> FindProfileSubcommand(const ParsedArgs& args) {
  const std::string& name = args.positional[0];
  const ProfileSubcommand* sub = nullptr;
  for (const ProfileSubcommand& candidate : ProfileSubcommands()) {
    if (candidate.name == name) sub = &candidate;
  }
  if (sub == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown profiles subcommand \"", name,
                                                   "\" (list, get, create, update, set-weight)"));
  }
  if (args.positional.size() != sub->args + 1) {
    return absl::InvalidArgumentError(absl::StrCat("usage: ", sub->synopsis));
  }
  for (const char* flag : {"file", "format", "update-mask", "etag", "page-size"}) {
    if (args.Has(flag) &&
        std::find(sub->flags.begin(), sub->flags.end(), flag) == sub->flags.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag, " does not apply to profiles ", sub->name));
    }
  }
  return sub;
}

// profiles list [--page-size N].
absl::StatusOr<Prepared> PrepareProfileList(const ParsedArgs& args) {
  ProfileListOptions options;
  if (args.Has("page-size")) {
    absl::StatusOr<int> size = ParseCount("page-size", args.Get("page-size"));
    if (!size.ok()) return size.status();
    options.page_size = *size;
  }
  return Prepared([options](CommandContext& ctx) { return ListProfiles(ctx, options); });
}

// profiles set-weight PROFILE PLUGIN WEIGHT.
absl::StatusOr<Prepared> PrepareSetWeight(const ParsedArgs& args) {
  SetWeightOptions options;
  options.name = args.positional[1];
  options.plugin = args.positional[2];
  absl::StatusOr<std::map<std::string, double>> weight =
      ParseWeightFlags("weight", {absl::StrCat(options.plugin, "=", args.positional[3])});
  if (!weight.ok() || options.plugin.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("profiles set-weight needs a plugin and a non-negative WEIGHT, got \"",
                     args.positional[2], "\" \"", args.positional[3], "\""));
  }
  options.weight = weight->begin()->second;
  return Prepared([options](CommandContext& ctx) { return SetProfileWeight(ctx, options); });
}

// profiles create ID -f FILE, or (when not `create`) profiles update PROFILE
// -f FILE [--update-mask a,b] [--etag E].
absl::StatusOr<Prepared> PrepareProfileWrite(const ParsedArgs& args, bool create) {
  ProfileWriteOptions options;
  options.name = args.positional[1];
  absl::StatusOr<std::string> file = RequiredFile(args);
  if (!file.ok()) return file.status();
  options.file = *file;
  absl::StatusOr<Format> format = MessageFormatOf(args);
  if (!format.ok()) return format.status();
  options.format = *format;
  if (create) {
    return Prepared([options](CommandContext& ctx) { return CreateProfile(ctx, options); });
  }
  for (absl::string_view path : absl::StrSplit(args.Get("update-mask"), ',')) {
    path = absl::StripAsciiWhitespace(path);
    if (!path.empty()) options.update_mask.emplace_back(path);
  }
  if (args.Has("etag")) options.etag = args.Get("etag");
  return Prepared([options](CommandContext& ctx) { return UpdateProfile(ctx, options); });
}

}  // namespace

absl::StatusOr<Prepared> PrepareProfiles(const ParsedArgs& args) {
  absl::StatusOr<const ProfileSubcommand*> sub = FindProfileSubcommand(args);
  if (!sub.ok()) return sub.status();
  const std::string sub_name = (*sub)->name;
  if (sub_name == "list") return PrepareProfileList(args);
  if (sub_name == "get") {
    const std::string profile = args.positional[1];
    return Prepared([profile](CommandContext& ctx) { return GetProfile(ctx, profile); });
  }
  if (sub_name == "set-weight") return PrepareSetWeight(args);
  return PrepareProfileWrite(args, /*create=*/sub_name == "create");
}

}  // namespace vendormatch::ctl::cmdline
