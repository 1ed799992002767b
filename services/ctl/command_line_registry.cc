// The registry, key and generate commands of vendormatchctl: their flags
// and how each prepares its call.
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
#include "services/ctl/templates.h"

namespace vendormatch::ctl::cmdline {

FlagSpec File() {
  return {"file", 'f', true, "FILE", "provider file: YAML, JSON or JSON Lines (\"-\" for stdin)"};
}
FlagSpec FormatFlag() {
  return {"format", '\0', true, "FMT", "yaml, json, jsonl or csv (default: by extension)"};
}
FlagSpec Etag() { return {"etag", '\0', true, "ETAG", "fail with ABORTED unless this is current"}; }
FlagSpec Reason() { return {"reason", '\0', true, "TEXT", "why, for the audit trail"}; }
FlagSpec PageSize() {
  return {"page-size", '\0', true, "N", "results per page (server default 50)"};
}
FlagSpec PageToken() {
  return {"page-token", '\0', true, "TOKEN", "continue from a previous page"};
}
FlagSpec All() { return {"all", '\0', false, "", "fetch every page"}; }
FlagSpec RequestId() {
  return {"request-id", '\0', true, "ID", "idempotency key: a retry returns the first result"};
}
FlagSpec ValidateOnly() { return {"validate-only", '\0', false, "", "check only; write nothing"}; }

absl::StatusOr<Format> FormatOf(const ParsedArgs& args) {
  return args.Has("format") ? ParseFormatName(args.Get("format")) : Format::kAuto;
}

absl::StatusOr<Prepared> PrepareCreate(const ParsedArgs& args) {
  CreateOptions options;
  auto file = RequiredFile(args);
  if (!file.ok()) return file.status();
  auto format = FormatOf(args);
  if (!format.ok()) return format.status();
  options.file = *file;
  options.format = *format;
  options.id = args.Get("id");
  options.request_id = args.Get("request-id");
  options.validate_only = args.GetBool("validate-only");
  return Prepared([options](CommandContext& ctx) { return CreateProvider(ctx, options); });
}

absl::StatusOr<Prepared> PrepareGet(const ParsedArgs& args) {
  const std::string name = args.positional[0];
  return Prepared([name](CommandContext& ctx) { return GetProvider(ctx, name); });
}

absl::StatusOr<Prepared> PrepareList(const ParsedArgs& args) {
  ListOptions options;
  options.filter = args.Get("filter");
  options.order_by = args.Get("order-by");
  if (args.Has("page-size")) {
    auto size = ParseCount("page-size", args.Get("page-size"));
    if (!size.ok()) return size.status();
    options.page_size = *size;
  }
  options.page_token = args.Get("page-token");
  options.all = args.GetBool("all");
  options.show_deleted = args.GetBool("show-deleted");
  return Prepared([options](CommandContext& ctx) { return ListProviders(ctx, options); });
}

absl::StatusOr<Prepared> PrepareUpdate(const ParsedArgs& args) {
  UpdateOptions options;
  auto file = RequiredFile(args);
  if (!file.ok()) return file.status();
  auto format = FormatOf(args);
  if (!format.ok()) return format.status();
  options.name = args.positional[0];
  options.file = *file;
  options.format = *format;
  for (absl::string_view path : absl::StrSplit(args.Get("update-mask"), ',')) {
    path = absl::StripAsciiWhitespace(path);
    if (!path.empty()) options.update_mask.emplace_back(path);
  }
  if (args.Has("etag")) options.etag = args.Get("etag");
  options.request_id = args.Get("request-id");
  options.validate_only = args.GetBool("validate-only");
  return Prepared([options](CommandContext& ctx) { return UpdateProvider(ctx, options); });
}

absl::StatusOr<Prepared> PrepareImport(const ParsedArgs& args) {
  ImportOptions options;
  options.files = args.positional;
  auto format = FormatOf(args);
  if (!format.ok()) return format.status();
  options.format = *format;
  const std::string mode = absl::AsciiStrToLower(args.Get("mode", "create"));
  if (mode == "create") {
    options.mode = v1::ImportProvidersRequest::MODE_CREATE;
  } else if (mode == "upsert") {
    options.mode = v1::ImportProvidersRequest::MODE_UPSERT;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("--mode must be create or upsert, got \"", args.Get("mode"), "\""));
  }
  options.validate_only = args.GetBool("validate-only");
  options.request_id = args.Get("request-id");
  if (args.Has("batch-size")) {
    auto size = ParseCount("batch-size", args.Get("batch-size"));
    if (!size.ok()) return size.status();
    options.batch_size = *size;
  }
  return Prepared([options](CommandContext& ctx) { return ImportProviders(ctx, options); });
}

absl::StatusOr<Prepared> PrepareAudit(const ParsedArgs& args) {
  AuditOptions options;
  if (!args.positional.empty()) options.name = args.positional[0];
  if (args.Has("page-size")) {
    auto size = ParseCount("page-size", args.Get("page-size"));
    if (!size.ok()) return size.status();
    options.page_size = *size;
  }
  options.page_token = args.Get("page-token");
  options.all = args.GetBool("all");
  return Prepared([options](CommandContext& ctx) { return ListAuditEvents(ctx, options); });
}

absl::StatusOr<Prepared> PrepareCatalog(const ParsedArgs& args) {
  CatalogOptions options;
  options.filter = args.Get("filter");
  return Prepared([options](CommandContext& ctx) { return ListCatalog(ctx, options); });
}

// "30d", "12h", "90m" (any Abseil duration, plus days) or a UTC date
// "2027-01-31".
absl::StatusOr<absl::Time> ParseExpiry(absl::string_view text, absl::Time now) {
  int days = 0;
  absl::Duration duration;
  absl::Time date;
  std::string error;
  if (absl::EndsWith(text, "d") && absl::SimpleAtoi(text.substr(0, text.size() - 1), &days) &&
      days > 0) {
    return now + absl::Hours(24) * days;
  }
  if (absl::ParseDuration(text, &duration) && duration > absl::ZeroDuration()) {
    return now + duration;
  }
  if (absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &date, &error)) return date;
  return absl::InvalidArgumentError(absl::StrCat(
      "--expires needs a duration such as 30d or 12h, or a date YYYY-MM-DD; got \"", text, "\""));
}

absl::StatusOr<Prepared> PrepareKeys(const ParsedArgs& args) {
  const std::string& sub = args.positional[0];
  const size_t extra = args.positional.size() - 1;
  auto only = [&](std::initializer_list<const char*> allowed) -> absl::Status {
    for (const char* flag : {"role", "label", "expires", "all"}) {
      if (args.Has(flag) && std::find_if(allowed.begin(), allowed.end(), [&](const char* a) {
                              return absl::string_view(a) == flag;
                            }) == allowed.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", flag, " does not apply to keys ", sub));
      }
    }
    return absl::OkStatus();
  };
  if (sub == "create" && extra == 0) {
    if (absl::Status s = only({"role", "label", "expires"}); !s.ok()) return s;
    KeyCreateOptions options;
    const std::string role = absl::AsciiStrToLower(args.Get("role"));
    if (role == "admin") options.role = v1::ROLE_ADMIN;
    if (role == "procurement") options.role = v1::ROLE_PROCUREMENT;
    if (role == "reader") options.role = v1::ROLE_READER;
    if (options.role == v1::ROLE_UNSPECIFIED) {
      return absl::InvalidArgumentError("keys create needs --role admin, procurement or reader");
    }
    options.label = args.Get("label");
    if (options.label.empty()) {
      return absl::InvalidArgumentError("keys create needs --label saying what the key is for");
    }
    if (args.Has("expires")) {
      absl::StatusOr<absl::Time> expires = ParseExpiry(args.Get("expires"), absl::Now());
      if (!expires.ok()) return expires.status();
      options.expires = *expires;
    }
    return Prepared([options](CommandContext& ctx) { return CreateKey(ctx, options); });
  }
  if (sub == "list" && extra == 0) {
    if (absl::Status s = only({"all"}); !s.ok()) return s;
    const bool all = args.GetBool("all");
    return Prepared([all](CommandContext& ctx) { return ListKeys(ctx, all); });
  }
  if (sub == "revoke" && extra == 1) {
    if (absl::Status s = only({}); !s.ok()) return s;
    const std::string key = args.positional[1];
    return Prepared([key](CommandContext& ctx) { return RevokeKey(ctx, key); });
  }
  return absl::InvalidArgumentError(
      "usage: keys create --role ROLE --label TEXT [--expires 30d|DATE] | keys list [--all] | "
      "keys revoke ID");
}

absl::StatusOr<Prepared> PrepareGenerate(const ParsedArgs& args) {
  GenerateOptions options;
  options.preset = args.Get("preset", "synthetic");
  if (options.preset != "synthetic" && options.preset != "sample") {
    return absl::InvalidArgumentError(
        absl::StrCat("--preset needs synthetic or sample, got \"", options.preset, "\""));
  }
  const bool sample = options.preset == "sample";
  if (sample && !args.Has("count")) {
    options.count = -1;
  } else if (!args.Has("count") || !absl::SimpleAtoi(args.Get("count"), &options.count) ||
             options.count < 0) {
    return absl::InvalidArgumentError("generate needs --count N (a non-negative integer)");
  }
  if (args.Has("seed")) {
    uint64_t seed = 0;
    if (!absl::SimpleAtoi(args.Get("seed"), &seed)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--seed needs a non-negative integer, got \"", args.Get("seed"), "\""));
    }
    options.seed = seed;
  }
  options.format = absl::AsciiStrToLower(args.Get("format", "jsonl"));
  if (options.format != "jsonl" && options.format != "yaml") {
    return absl::InvalidArgumentError(
        absl::StrCat("--format needs jsonl or yaml, got \"", args.Get("format"), "\""));
  }
  options.out_file = args.Get("out");
  return Prepared([options](CommandContext& ctx) { return WriteGeneratedProviders(ctx, options); });
}

absl::StatusOr<Prepared> PrepareTemplate(const ParsedArgs& args) {
  absl::StatusOr<std::string> text = TemplateFor(args.positional.at(0));
  if (!text.ok()) return text.status();
  return Prepared([text = *std::move(text)](CommandContext& ctx) {
    *ctx.out << text;
    return 0;
  });
}

}  // namespace vendormatch::ctl::cmdline
