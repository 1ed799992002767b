// The command table, usage texts and RunCommandLine of vendormatchctl.
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
#include "services/common/build_info.h"
#include "services/common/suggest.h"
#include "services/ctl/cli.h"
#include "services/ctl/command_line_internal.h"
#include "services/ctl/commands.h"
#include "services/ctl/match_flags.h"

namespace vendormatch::ctl {
namespace cmdline {

absl::StatusOr<std::string> RequiredFile(const ParsedArgs& args) {
  if (!args.Has("file") || args.Get("file").empty()) {
    return absl::InvalidArgumentError(absl::StrCat(args.command, " needs -f FILE"));
  }
  return args.Get("file");
}

}  // namespace cmdline

namespace {

using cmdline::All;
using cmdline::Etag;
using cmdline::File;
using cmdline::FormatFlag;
using cmdline::MessageFormat;
using cmdline::PageSize;
using cmdline::PageToken;
using cmdline::PrepareAdvise;
using cmdline::PrepareAudit;
using cmdline::PrepareCatalog;
using cmdline::PrepareCompare;
using cmdline::PrepareCreate;
using cmdline::Prepared;
using cmdline::PrepareGenerate;
using cmdline::PrepareGet;
using cmdline::PrepareImport;
using cmdline::PrepareKeys;
using cmdline::PrepareList;
using cmdline::PrepareMatch;
using cmdline::PreparePlugins;
using cmdline::PrepareProfiles;
using cmdline::PrepareTemplate;
using cmdline::PrepareTransition;
using cmdline::PrepareUpdate;
using cmdline::Reason;
using cmdline::RequestId;
using cmdline::RequiredFile;
using cmdline::RequirementFile;
using cmdline::Top;
using cmdline::ValidateOnly;
using cmdline::WithInputFlags;

using Prepare = absl::StatusOr<Prepared> (*)(const ParsedArgs& args);

struct CommandSpec {
  const char* name;
  const char* synopsis;  // Arguments and main flags, for usage.
  const char* summary;
  std::vector<FlagSpec> flags;
  size_t min_args;
  size_t max_args;
  bool needs_server;
  Prepare prepare;
};

constexpr size_t kMany = std::numeric_limits<size_t>::max();
absl::StatusOr<Prepared> PrepareHelp(const ParsedArgs&) {
  return absl::InternalError("help is handled by RunCommandLine");
}

const std::vector<CommandSpec>& Commands() {
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {"create",
       "-f FILE [--id ID] [--request-id R] [--validate-only]",
       "Create one provider from a YAML or JSON file.",
       {File(),
        FormatFlag(),
        {"id", '\0', true, "ID",
         "id of the new provider (default: the file's id/name, else random)"},
        RequestId(),
        ValidateOnly()},
       0,
       0,
       true,
       PrepareCreate},
      {"get", "NAME|ID", "Show one provider, whatever its status.", {}, 1, 1, true, PrepareGet},
      {"list",
       "[--filter F] [--order-by O] [--page-size N] [--all] [--show-deleted]",
       "List providers, one page (or --all pages).",
       {{"filter", '\0', true, "F", "for example 'service_model = KPO AND country = \"IN\"'"},
        {"order-by", '\0', true, "O", "display_name, create_time, update_time or name [desc]"},
        PageSize(),
        PageToken(),
        All(),
        {"show-deleted", '\0', false, "", "include offboarded providers"}},
       0,
       0,
       true,
       PrepareList},
      {"update",
       "NAME|ID -f FILE [--update-mask a,b] [--etag E]",
       "Update the fields a file sets (or --update-mask names).",
       {File(),
        FormatFlag(),
        {"update-mask", '\0', true, "a,b",
         "fields to change (default: the top-level fields in FILE, except name, etag, status and "
         "output-only ones)"},
        {"etag", '\0', true, "ETAG", "etag read last (default: the file's etag, else none)"},
        RequestId(),
        ValidateOnly()},
       1,
       1,
       true,
       PrepareUpdate},
      {"activate",
       "NAME|ID [--etag E] [--reason R]",
       "Approve a pending provider (to ACTIVE).",
       {Etag(), Reason()},
       1,
       1,
       true,
       PrepareTransition<Transition::kActivate>},
      {"suspend",
       "NAME|ID [--etag E] [--reason R]",
       "Suspend an active provider (no longer matched).",
       {Etag(), Reason()},
       1,
       1,
       true,
       PrepareTransition<Transition::kSuspend>},
      {"reactivate",
       "NAME|ID [--etag E] [--reason R]",
       "Return a suspended provider to ACTIVE.",
       {Etag(), Reason()},
       1,
       1,
       true,
       PrepareTransition<Transition::kActivate>},
      {"offboard",
       "NAME|ID [--etag E] [--reason R]",
       "Offboard a provider for good (soft delete; it stays readable).",
       {Etag(), Reason()},
       1,
       1,
       true,
       PrepareTransition<Transition::kOffboard>},
      {"import",
       "FILE... [--mode create|upsert] [--validate-only]",
       "Import providers from YAML, JSON, JSON Lines or CSV files in one transaction.",
       {FormatFlag(),
        {"mode", '\0', true, "MODE",
         "create (every provider new) or upsert (replace existing by name)"},
        ValidateOnly(),
        RequestId(),
        {"batch-size", '\0', true, "N",
         "providers per call; each batch is its own transaction (default: all in one)"}},
       1,
       kMany,
       true,
       PrepareImport},
      {"audit",
       "[NAME|ID] [--page-size N] [--all]",
       "Show the audit trail of one provider, or of all, newest first.",
       {PageSize(), PageToken(), All()},
       0,
       1,
       true,
       PrepareAudit},
      {"catalog",
       "[--filter service_model=KPO]",
       "List the service catalogue.",
       {{"filter", '\0', true, "F", "service_model = BPO or service_model = KPO"}},
       0,
       0,
       true,
       PrepareCatalog},
      {"match",
       "-f REQUIREMENT_FILE | --service CODE ... [--profile P] [--top N] [--weight plugin=W]... "
       "[--explain] [--why ID[,ID...]] [--hints always|never] [--max-per-country N "
       "[--spread-by headquarters_country|delivery_country]]",
       "Rank the providers that fit a requirement (file and/or flags; flags win).",
       WithInputFlags(
           {RequirementFile(),
            MessageFormat(),
            {"profile", '\0', true, "PROFILE", "scoring profile (default: balanced)"},
            Top(),
            {"weight", '\0', true, "PLUGIN=W",
             "weight override within the profile's bounds (repeatable)"},
            {"explain", '\0', false, "", "show every scorer's raw, normalised and weighted score"},
            {"why", '\0', true, "ID[,ID...]",
             "explain these providers: every filter's verdict, rank and gap, what it would take "
             "(repeatable; at most 20)"},
            {"hints", '\0', true, "WHEN",
             "relaxation hints: always, or never (default: when fewer than --top are eligible)"},
            {"max-per-country", '\0', true, "N", "at most N providers per country in the top"},
            {"spread-by", '\0', true, "SCOPE",
             "what --max-per-country counts: headquarters_country (default) or delivery_country"}},
           RequirementFlags()),
       0, 0, true, PrepareMatch},
      {"compare", "-f REQUIREMENT_FILE --profile-a A --profile-b B [--top N]",
       "Rank one requirement under two profiles (or weight sets) and show the rank changes.",
       WithInputFlags({RequirementFile(),
                       MessageFormat(),
                       {"profile-a", '\0', true, "PROFILE", "first profile (default: balanced)"},
                       {"profile-b", '\0', true, "PROFILE", "second profile (default: the first)"},
                       {"weight-a", '\0', true, "PLUGIN=W", "weight override for A (repeatable)"},
                       {"weight-b", '\0', true, "PLUGIN=W", "weight override for B (repeatable)"},
                       Top()},
                      RequirementFlags()),
       0, 0, true, PrepareCompare},
      {"advise", "[--routine L] [--expertise L] [--driver D] [--core] ...",
       "Recommend BPO or KPO for a piece of work, with the criteria that decided.",
       WithInputFlags({}, WorkFlags()), 0, 0, true, PrepareAdvise},
      {"plugins",
       "",
       "List the matching plugins the server loaded.",
       {},
       0,
       0,
       true,
       PreparePlugins},
      {"profiles",
       "list | get PROFILE | create ID -f FILE | update PROFILE -f FILE [--update-mask a,b] "
       "[--etag E] | set-weight PROFILE PLUGIN WEIGHT",
       "List, show, create or change scoring profiles.",
       {{"file", 'f', true, "FILE",
         "profile file: YAML or JSON of a vendormatch.v1.Profile (\"-\" for stdin)"},
        MessageFormat(),
        {"update-mask", '\0', true, "a,b",
         "fields to change: display_name, description, plugins (default: those in FILE)"},
        {"etag", '\0', true, "ETAG", "etag read last (default: the file's etag, else none)"},
        PageSize()},
       1,
       4,
       true,
       PrepareProfiles},
      {"keys",
       "create --role admin|procurement|reader --label TEXT [--expires 30d|YYYY-MM-DD] | "
       "list [--all] | revoke ID",
       "Create, list or revoke API keys (admins only).",
       {{"role", '\0', true, "ROLE", "admin, procurement or reader"},
        {"label", '\0', true, "TEXT", "what the key is for"},
        {"expires", '\0', true, "WHEN", "a duration (30d, 12h) or a UTC date; default: never"},
        {"all", '\0', false, "", "list revoked keys too"}},
       1,
       2,
       true,
       PrepareKeys},
      {"generate",
       "--count N [--seed S] [--format jsonl|yaml] [--out FILE] | --preset sample [...]",
       "Write synthetic providers, or the sample registry, as JSON Lines or YAML (no server "
       "needed).",
       {{"preset", '\0', true, "P",
         "synthetic (default: gen-<index>, tests and benchmarks) or sample (the sample registry "
         "of deploy/local/sample)"},
        {"count", '\0', true, "N", "how many providers (sample: the first N; default all)"},
        {"seed", '\0', true, "S", "data set seed (default 1; sample: 20251115)"},
        {"format", '\0', true, "FMT", "jsonl (default) or yaml"},
        {"out", 'o', true, "FILE", "output file (default: standard output)"}},
       0,
       0,
       false,
       PrepareGenerate},
      {"template",
       "provider|requirement",
       "Print a commented YAML provider or requirement to start from (no server needed).",
       {},
       1,
       1,
       false,
       PrepareTemplate},
      {"help",
       "[COMMAND]",
       "Show help for vendormatchctl or one command.",
       {},
       0,
       1,
       false,
       PrepareHelp},
  };
  return *kCommands;
}

const CommandSpec* FindCommand(absl::string_view name) {
  for (const CommandSpec& spec : Commands()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::optional<std::vector<FlagSpec>> CommandFlags(absl::string_view name) {
  const CommandSpec* spec = FindCommand(name);
  if (spec == nullptr) return std::nullopt;
  return spec->flags;
}

const std::vector<FlagSpec>& GlobalFlags() {
  static const auto* const kFlags = new std::vector<FlagSpec>{
      {"server", '\0', true, "HOST:PORT",
       absl::StrCat("server address (default: $VENDORMATCH_SERVER, else ", kDefaultServer, ")")},
      {"json", '\0', false, "", "print proto JSON instead of tables"},
      {"timeout", '\0', true, "SECONDS", "deadline of each call (default 10)"},
      {"actor", '\0', true, "NAME", "who you are, for the audit trail (default: $USER)"},
      {"api-key-file", '\0', true, "FILE",
       "file holding your API key (without it, the key itself is read from "
       "$VENDORMATCH_API_KEY)"},
      {"tls-ca", '\0', true, "FILE", "use TLS, trusting the CA certificates in FILE"},
      {"tls-cert", '\0', true, "FILE", "client certificate for mutual TLS (with --tls-key)"},
      {"tls-key", '\0', true, "FILE", "client private key for mutual TLS"},
      {"help", 'h', false, "", "show help"},
      {"version", '\0', false, "", "print vendormatchctl's version and exit"},
  };
  return *kFlags;
}

std::string GeneralUsage() {
  std::string text =
      "vendormatchctl: the admin client of the vendormatch registry and matching service.\n\n"
      "usage: vendormatchctl [global flags] COMMAND [ARGS] [flags]\n\ncommands:\n";
  for (const CommandSpec& spec : Commands()) {
    std::string name = spec.name;
    name.resize(12, ' ');
    absl::StrAppend(&text, "  ", name, spec.summary, "\n");
  }
  absl::StrAppend(
      &text, "\nglobal flags:\n", FlagsUsage(GlobalFlags()),
      "\nNAME|ID is a provider's name (\"providers/acme\") or id (\"acme\"); PROFILE is a\n"
      "profile's name (\"profiles/balanced\") or id (\"balanced\").\n"
      "Run \"vendormatchctl COMMAND --help\" for a command's flags.\n"
      "Exit codes: 0 ok, 1 error, 2 server unreachable, 64 usage.\n");
  return text;
}

std::string CommandUsage(const CommandSpec& spec) {
  std::string text = absl::StrCat("usage: vendormatchctl ", spec.name, " ", spec.synopsis, "\n\n",
                                  spec.summary, "\n");
  if (!spec.flags.empty()) absl::StrAppend(&text, "\nflags:\n", FlagsUsage(spec.flags));
  absl::StrAppend(&text, "\nglobal flags:\n", FlagsUsage(GlobalFlags()));
  return text;
}

// The problem on one line and where the help is: the full usage would
// scroll the problem out of sight.
int UsageError(std::ostream& err, absl::string_view problem, const CommandSpec* spec) {
  err << "vendormatchctl: " << problem << "\n"
      << "Run \"vendormatchctl " << (spec != nullptr ? absl::StrCat(spec->name, " ") : "")
      << "--help\" for " << (spec != nullptr ? "its" : "the") << " usage.\n";
  return kExitUsage;
}

// " (did you mean "list"?)" for the first argument close to a command's
// name, when none names one.
std::string CommandSuggestion(const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const CommandSpec& spec : Commands()) names.push_back(spec.name);
  for (const std::string& arg : args) {
    if (arg.empty() || arg[0] == '-') continue;
    if (std::string hint = DidYouMean(arg, names); !hint.empty()) return hint;
  }
  return "";
}

// The first argument naming a command, for the usage after a parse error.
const CommandSpec* GuessCommand(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (const CommandSpec* spec = FindCommand(arg)) return spec;
  }
  return nullptr;
}

absl::Status CheckArgCount(const CommandSpec& spec, const ParsedArgs& args) {
  const size_t n = args.positional.size();
  if (n < spec.min_args) {
    return absl::InvalidArgumentError(absl::StrCat(spec.name, " needs ", spec.synopsis));
  }
  if (n > spec.max_args) {
    return absl::InvalidArgumentError(
        absl::StrCat("unexpected argument \"", args.positional[spec.max_args], "\""));
  }
  return absl::OkStatus();
}

// The contents of a small text file (keys, certificates).
absl::StatusOr<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool IsPrintableAscii(absl::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Fills the global settings of `ctx` from flags and the environment.
absl::Status ApplyGlobalFlags(const ParsedArgs& args, const Environment& env, CommandContext& ctx) {
  ctx.server = args.Get("server", env.server.empty() ? kDefaultServer : env.server);
  if (ctx.server.empty()) return absl::InvalidArgumentError("--server must not be empty");
  ctx.json = args.GetBool("json");
  if (args.Has("timeout")) {
    double seconds;
    if (!absl::SimpleAtod(args.Get("timeout"), &seconds) || !(seconds > 0) || seconds > 86400) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--timeout needs seconds between 0 and 86400, got \"", args.Get("timeout"), "\""));
    }
    ctx.timeout = absl::Seconds(seconds);
  }
  ctx.actor = args.Get("actor", env.user.empty() ? "vendormatchctl" : env.user);
  if (ctx.actor.empty() || !IsPrintableAscii(ctx.actor)) {
    return absl::InvalidArgumentError("--actor must be non-empty printable ASCII");
  }
  ctx.today = env.today ? *env.today : absl::ToCivilDay(absl::Now(), absl::LocalTimeZone());
  ctx.api_key = env.api_key;
  if (args.Has("api-key-file")) {
    absl::StatusOr<std::string> key = ReadSmallFile(args.Get("api-key-file"));
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--api-key-file ", args.Get("api-key-file"), ": ", key.status().message()));
    }
    ctx.api_key = std::string(absl::StripAsciiWhitespace(*key));
  }
  if (!IsPrintableAscii(ctx.api_key) || absl::StrContains(ctx.api_key, ' ')) {
    return absl::InvalidArgumentError("the API key must be printable ASCII without spaces");
  }
  return absl::OkStatus();
}

int Help(const ParsedArgs& args, std::ostream& out, std::ostream& err) {
  const std::string topic = args.command == "help" && !args.positional.empty()
                                ? args.positional[0]
                                : (args.command == "help" ? "" : args.command);
  if (topic.empty()) {
    out << GeneralUsage();
    return kExitOk;
  }
  const CommandSpec* spec = FindCommand(topic);
  if (spec == nullptr) {
    return UsageError(
        err,
        absl::StrCat("unknown command \"", topic, "\"", CommandSuggestion({std::string(topic)})),
        nullptr);
  }
  out << CommandUsage(*spec);
  return kExitOk;
}

}  // namespace

Environment ProcessEnvironment() {
  Environment env;
  if (const char* server = std::getenv("VENDORMATCH_SERVER")) env.server = server;
  if (const char* key = std::getenv("VENDORMATCH_API_KEY")) env.api_key = key;
  if (const char* user = std::getenv("USER")) env.user = user;
  return env;
}

absl::StatusOr<Connection> Connect(const ConnectOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.tls_ca_file.empty() || !options.tls_cert_file.empty()) {
    grpc::SslCredentialsOptions ssl;
    for (auto [flag, file, pem] :
         {std::tuple{"--tls-ca", &options.tls_ca_file, &ssl.pem_root_certs},
          std::tuple{"--tls-cert", &options.tls_cert_file, &ssl.pem_cert_chain},
          std::tuple{"--tls-key", &options.tls_key_file, &ssl.pem_private_key}}) {
      if (file->empty()) continue;
      absl::StatusOr<std::string> text = ReadSmallFile(*file);
      if (!text.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(flag, " ", *file, ": ", text.status().message()));
      }
      *pem = *std::move(text);
    }
    if (ssl.pem_cert_chain.empty() != ssl.pem_private_key.empty()) {
      return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
    }
    credentials = grpc::SslCredentials(ssl);
  }
  std::shared_ptr<grpc::Channel> channel = grpc::CreateChannel(options.server, credentials);
  Connection connection;
  connection.stub = v1::RegistryService::NewStub(channel);
  connection.matching = v1::MatchingService::NewStub(channel);
  connection.keys = v1::KeyService::NewStub(channel);
  connection.channel_ready = [channel] {
    return channel->GetState(/*try_to_connect=*/false) == GRPC_CHANNEL_READY;
  };
  return connection;
}

int RunCommandLine(const std::vector<std::string>& args, const Environment& env,
                   const Connector& connect, std::ostream& out, std::ostream& err,
                   std::istream* in) {
  absl::StatusOr<ParsedArgs> parsed = ParseCommandLine(args, GlobalFlags(), CommandFlags);
  if (!parsed.ok()) {
    const CommandSpec* spec = GuessCommand(args);
    return UsageError(
        err,
        absl::StrCat(parsed.status().message(), spec == nullptr ? CommandSuggestion(args) : ""),
        spec);
  }
  if (parsed->GetBool("version")) {
    out << VersionLine("vendormatchctl") << "\n";
    return 0;
  }
  if (parsed->GetBool("help") || parsed->command == "help") return Help(*parsed, out, err);
  if (parsed->command.empty()) return UsageError(err, "no command given", nullptr);
  const CommandSpec& spec = *FindCommand(parsed->command);
  CommandContext ctx;
  ctx.out = &out;
  ctx.err = &err;
  ctx.in = in;
  absl::Status status = CheckArgCount(spec, *parsed);
  if (status.ok()) status = ApplyGlobalFlags(*parsed, env, ctx);
  if (!status.ok()) return UsageError(err, status.message(), &spec);
  absl::StatusOr<Prepared> prepared = spec.prepare(*parsed);
  if (!prepared.ok()) return UsageError(err, prepared.status().message(), &spec);
  Connection connection;
  if (spec.needs_server) {
    ConnectOptions options{ctx.server, parsed->Get("tls-ca"), parsed->Get("tls-cert"),
                           parsed->Get("tls-key")};
    absl::StatusOr<Connection> connected = connect(options);
    if (!connected.ok()) return UsageError(err, connected.status().message(), &spec);
    connection = *std::move(connected);
    ctx.stub = connection.stub.get();
    ctx.matching = connection.matching.get();
    ctx.keys = connection.keys.get();
    ctx.channel_ready = connection.channel_ready;
  }
  const int code = (*prepared)(ctx);
  out.flush();
  return code;
}

}  // namespace vendormatch::ctl
