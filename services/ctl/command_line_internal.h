// What command_line.cc and command_line_match.cc share: the prepared call
// and the matching commands' flags and preparers. Inside the ctl only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/ctl/cli.h"
#include "services/ctl/commands.h"
#include "services/ctl/match_flags.h"

namespace vendormatch::ctl::cmdline {

// A command ready to run once the connection is made; returns the exit code.
using Prepared = std::function<int(CommandContext&)>;

// The -f FILE a command needs. Errors: INVALID_ARGUMENT naming the command.
absl::StatusOr<std::string> RequiredFile(const ParsedArgs& args);

// Flags the registry commands share.
FlagSpec File();
FlagSpec FormatFlag();
FlagSpec Etag();
FlagSpec Reason();
FlagSpec PageSize();
FlagSpec PageToken();
FlagSpec All();
FlagSpec RequestId();
FlagSpec ValidateOnly();

// Preparers of the registry, key and generate commands.
absl::StatusOr<Prepared> PrepareCreate(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareGet(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareList(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareUpdate(const ParsedArgs& args);
// activate, suspend, delete.
template <Transition kTransition>
absl::StatusOr<Prepared> PrepareTransition(const ParsedArgs& args) {
  TransitionOptions options;
  options.name = args.positional[0];
  options.etag = args.Get("etag");
  options.reason = args.Get("reason");
  return Prepared(
      [options](CommandContext& ctx) { return ChangeStatus(ctx, kTransition, options); });
}

absl::StatusOr<Prepared> PrepareImport(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareAudit(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareCatalog(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareKeys(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareGenerate(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareTemplate(const ParsedArgs& args);

// Flags of the matching commands.
FlagSpec RequirementFile();
FlagSpec MessageFormat();
FlagSpec Top();
// `flags` followed by the InputFlags of match_flags.h.
std::vector<FlagSpec> WithInputFlags(std::vector<FlagSpec> flags,
                                     const std::vector<InputFlag>& inputs);

// Each checks its arguments and returns the call to make. Errors:
// INVALID_ARGUMENT naming the flag.
absl::StatusOr<Prepared> PrepareMatch(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareCompare(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareAdvise(const ParsedArgs& args);
absl::StatusOr<Prepared> PreparePlugins(const ParsedArgs& args);
absl::StatusOr<Prepared> PrepareProfiles(const ParsedArgs& args);

}  // namespace vendormatch::ctl::cmdline
