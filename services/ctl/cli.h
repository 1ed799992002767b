// A small kubectl-style command-line parser for vendormatchctl:
//   vendormatchctl [global flags] COMMAND [ARGS] [flags]
// Flags may come before or after the command and its arguments, as
// `--name value`, `--name=value`, `-f value` or, for booleans, `--name`
// (or `--name=true|false`). `--` ends the flags; a lone `-` is an argument.
// A value flag given twice keeps the last value in `flags`; `values` keeps
// every value given, in order, for repeatable flags. Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch::ctl {

struct FlagSpec {
  std::string name;        // Long name without dashes, for example "page-size".
  char short_name = '\0';  // For example 'f'; '\0' for none.
  bool takes_value = true;
  std::string value_name;  // For usage, for example "FILE".
  std::string help;
};

struct ParsedArgs {
  std::string command;                       // Empty when none was given.
  std::vector<std::string> positional;       // Arguments after the command.
  std::map<std::string, std::string> flags;  // Long name -> value ("true" for booleans).
  // Long name -> every value given, in command-line order.
  std::map<std::string, std::vector<std::string>> values;

  bool Has(absl::string_view name) const { return flags.count(std::string(name)) > 0; }
  // The value of `name`, or `fallback` when the flag was not given.
  std::string Get(absl::string_view name, absl::string_view fallback = "") const;
  // A boolean flag's value; false when not given.
  bool GetBool(absl::string_view name) const;
  // Every value of a repeatable flag, in order; empty when not given.
  std::vector<std::string> GetAll(absl::string_view name) const;
};

// Looks up a command's flags by command name; nullopt for an unknown command.
using CommandFlagsLookup = std::optional<std::vector<FlagSpec>> (*)(absl::string_view command);

// Parses `args` (without the program name). `global` flags are allowed
// everywhere; a command's flags only after it. Errors (INVALID_ARGUMENT):
// unknown command or flag, a missing value, a value given to a boolean.
absl::StatusOr<ParsedArgs> ParseCommandLine(const std::vector<std::string>& args,
                                            const std::vector<FlagSpec>& global,
                                            CommandFlagsLookup command_flags);

// Usage lines for `flags`, one per flag, aligned:
//   "  -f, --file FILE       Provider file (YAML or JSON)".
std::string FlagsUsage(const std::vector<FlagSpec>& flags);

// Parses a non-negative int32 flag value; INVALID_ARGUMENT naming the flag.
absl::StatusOr<int> ParseCount(absl::string_view flag, absl::string_view value);

}  // namespace vendormatch::ctl
