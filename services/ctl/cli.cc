#include "services/ctl/cli.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::ctl {
namespace {

const FlagSpec* FindFlag(const std::vector<FlagSpec>& global, const std::vector<FlagSpec>* local,
                         absl::string_view name, bool is_short) {
  auto matches = [&](const FlagSpec& spec) {
    return is_short ? name.size() == 1 && spec.short_name == name[0] : spec.name == name;
  };
  if (local != nullptr) {
    for (const FlagSpec& spec : *local) {
      if (matches(spec)) return &spec;
    }
  }
  for (const FlagSpec& spec : global) {
    if (matches(spec)) return &spec;
  }
  return nullptr;
}

class Parser {
 public:
  Parser(const std::vector<std::string>& args, const std::vector<FlagSpec>& global,
         CommandFlagsLookup lookup)
      : args_(args), global_(global), lookup_(lookup) {}

  absl::StatusOr<ParsedArgs> Run() {
    bool flags_ended = false;
    for (i_ = 0; i_ < args_.size(); ++i_) {
      const std::string& arg = args_[i_];
      if (!flags_ended && arg == "--") {
        flags_ended = true;
      } else if (!flags_ended && arg.size() > 1 && arg[0] == '-') {
        if (absl::Status status = Flag(arg); !status.ok()) return status;
      } else if (result_.command.empty()) {
        if (absl::Status status = Command(arg); !status.ok()) return status;
      } else {
        result_.positional.push_back(arg);
      }
    }
    return std::move(result_);
  }

 private:
  absl::Status Command(const std::string& name) {
    local_ = lookup_(name);
    if (!local_) {
      return absl::InvalidArgumentError(absl::StrCat("unknown command \"", name, "\""));
    }
    result_.command = name;
    return absl::OkStatus();
  }

  absl::Status Flag(const std::string& arg) {
    const bool is_short = arg[1] != '-';
    absl::string_view body = absl::string_view(arg).substr(is_short ? 1 : 2);
    std::optional<std::string> value;
    if (const size_t eq = body.find('='); eq != body.npos) {
      value = std::string(body.substr(eq + 1));
      body = body.substr(0, eq);
    }
    const FlagSpec* spec = FindFlag(global_, local_ ? &*local_ : nullptr, body, is_short);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag ", is_short ? "-" : "--", body,
                       result_.command.empty() ? "" : absl::StrCat(" for ", result_.command)));
    }
    if (!spec->takes_value) return BoolFlag(*spec, value);
    if (!value) {
      if (i_ + 1 >= args_.size()) {
        return absl::InvalidArgumentError(absl::StrCat("flag --", spec->name, " needs a value"));
      }
      value = args_[++i_];
    }
    result_.flags[spec->name] = *value;
    result_.values[spec->name].push_back(*value);
    return absl::OkStatus();
  }

  absl::Status BoolFlag(const FlagSpec& spec, const std::optional<std::string>& value) {
    const std::string lower = value ? absl::AsciiStrToLower(*value) : "true";
    if (lower != "true" && lower != "false") {
      return absl::InvalidArgumentError(
          absl::StrCat("flag --", spec.name, " takes no value (or =true, =false)"));
    }
    result_.flags[spec.name] = lower;
    result_.values[spec.name].push_back(lower);
    return absl::OkStatus();
  }

  const std::vector<std::string>& args_;
  const std::vector<FlagSpec>& global_;
  CommandFlagsLookup lookup_;
  std::optional<std::vector<FlagSpec>> local_;
  ParsedArgs result_;
  size_t i_ = 0;
};

}  // namespace

std::string ParsedArgs::Get(absl::string_view name, absl::string_view fallback) const {
  const auto it = flags.find(std::string(name));
  return it == flags.end() ? std::string(fallback) : it->second;
}

bool ParsedArgs::GetBool(absl::string_view name) const { return Get(name) == "true"; }

std::vector<std::string> ParsedArgs::GetAll(absl::string_view name) const {
  const auto it = values.find(std::string(name));
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

absl::StatusOr<ParsedArgs> ParseCommandLine(const std::vector<std::string>& args,
                                            const std::vector<FlagSpec>& global,
                                            CommandFlagsLookup command_flags) {
  return Parser(args, global, command_flags).Run();
}

std::string FlagsUsage(const std::vector<FlagSpec>& flags) {
  std::vector<std::string> heads;
  size_t width = 0;
  for (const FlagSpec& spec : flags) {
    std::string head = spec.short_name != '\0'
                           ? absl::StrCat("  -", std::string(1, spec.short_name), ", --", spec.name)
                           : absl::StrCat("      --", spec.name);
    if (spec.takes_value) absl::StrAppend(&head, " ", spec.value_name);
    width = std::max(width, head.size());
    heads.push_back(std::move(head));
  }
  std::string out;
  for (size_t i = 0; i < flags.size(); ++i) {
    std::string head = heads[i];
    head.resize(width + 2, ' ');
    absl::StrAppend(&out, head, flags[i].help, "\n");
  }
  return out;
}

absl::StatusOr<int> ParseCount(absl::string_view flag, absl::string_view value) {
  int count;
  if (!absl::SimpleAtoi(value, &count) || count < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, " needs a non-negative integer, got \"", value, "\""));
  }
  return count;
}

}  // namespace vendormatch::ctl
