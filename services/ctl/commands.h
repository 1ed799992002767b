// The commands of vendormatchctl, the admin command-line client of the
// RegistryService and the MatchingService. Each command is a function over a CommandContext (a stub
// and output streams), so tests can run it against an in-process server or a
// fake stub; RunCommandLine parses a command line and dispatches.
//
// Exit codes: kExitOk; kExitFailure for an RPC error (code, message and each
// google.rpc.BadRequest field violation are printed) or a bad input file;
// kExitUnreachable when the server cannot be reached; kExitUsage for a bad
// command line (the usage is printed).
//
// Thread safety: a CommandContext is used by one command at a time.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/common/rpc_edge.h"
#include "services/ctl/match_flags.h"
#include "services/ctl/provider_io.h"
#include "vendormatch/v1/key_service.grpc.pb.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"
#include "vendormatch/v1/registry_service.grpc.pb.h"

namespace vendormatch::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUnreachable = 2;
inline constexpr int kExitUsage = 64;

inline constexpr char kDefaultServer[] = "127.0.0.1:50051";
// The acting admin's name travels as vendormatch::kActorMetadataKey metadata.
using ::vendormatch::kActorMetadataKey;

// What a command runs against. Pointers are not owned and must outlive the
// command.
struct CommandContext {
  vendormatch::v1::RegistryService::StubInterface* stub = nullptr;
  // The MatchingService on the same server; used by the matching commands.
  vendormatch::v1::MatchingService::StubInterface* matching = nullptr;
  // The KeyService on the same server; used by the keys commands.
  vendormatch::v1::KeyService::StubInterface* keys = nullptr;
  std::ostream* out = nullptr;                 // Results.
  std::ostream* err = nullptr;                 // Errors and hints.
  std::istream* in = nullptr;                  // Read for the file "-"; may be null.
  std::string server = kDefaultServer;         // Named in "cannot reach" messages.
  absl::Duration timeout = absl::Seconds(10);  // Deadline of each RPC.
  std::string actor = "vendormatchctl";        // Sent as kActorMetadataKey.
  std::string api_key;                         // Sent as "authorization: Bearer".
  bool json = false;                           // Proto JSON instead of tables.
  absl::CivilDay today;                        // For "EXPIRED" certificates.
  // True when the channel is connected. An UNAVAILABLE or DEADLINE_EXCEEDED
  // error while it is not (or when this is unset) means "cannot reach".
  std::function<bool()> channel_ready;
};

struct CreateOptions {
  std::string file;  // "-" for standard input.
  Format format = Format::kAuto;
  std::string id;  // provider_id; else the file's name/id; else server-chosen.
  std::string request_id;
  bool validate_only = false;
};

struct ListOptions {
  std::string filter;
  std::string order_by;
  int page_size = 0;
  std::string page_token;
  bool all = false;  // Follow next_page_token to the end.
  bool show_deleted = false;
};

struct UpdateOptions {
  std::string name;  // Name or bare id.
  std::string file;
  Format format = Format::kAuto;
  // Paths to update; empty means the top-level fields present in the file,
  // minus name, etag, status and output-only fields.
  std::vector<std::string> update_mask;
  std::optional<std::string> etag;  // Else the file's etag, else none.
  std::string request_id;
  bool validate_only = false;
};

enum class Transition { kActivate, kSuspend, kOffboard };

struct TransitionOptions {
  std::string name;  // Name or bare id.
  std::string etag;
  std::string reason;
};

struct ImportOptions {
  std::vector<std::string> files;
  Format format = Format::kAuto;
  vendormatch::v1::ImportProvidersRequest::Mode mode =
      vendormatch::v1::ImportProvidersRequest::MODE_CREATE;
  bool validate_only = false;
  std::string request_id;
  // Providers per ImportProviders call; 0 sends all in one call (one
  // transaction). Each batch is its own transaction.
  int batch_size = 0;
};

struct AuditOptions {
  std::string name;  // Name or bare id; empty for every provider.
  int page_size = 0;
  std::string page_token;
  bool all = false;
};

struct CatalogOptions {
  std::string filter;
};

struct GenerateOptions {
  // "synthetic": `count` providers gen-<index> drawn by the options' shares
  // (tests, benchmarks); "sample": the sample registry of local development
  // (deploy/local/sample/providers.yaml), its first `count` providers.
  std::string preset = "synthetic";
  int64_t count = 0;             // For "sample", -1: all of them.
  std::optional<uint64_t> seed;  // Default: 1, or the sample registry's seed.
  std::string format = "jsonl";  // "jsonl" or "yaml".
  std::string out_file;          // Empty for the context's out stream.
};

// ---------------------------------------------------------------------------
// Matching.

// Where a requirement comes from: a file (YAML or JSON of a
// vendormatch.v1.Requirement; "-" for stdin), flags, or both (flags win).
struct RequirementInput {
  std::string file;  // Empty for none.
  Format format = Format::kAuto;
  RequirementOverlay flags;
};

struct MatchOptions {
  RequirementInput requirement;
  std::string profile;  // Name or bare id; empty for the server's default.
  std::map<std::string, double> weights;
  int top_k = 0;  // 0: the server's default.
  bool explain = false;
  std::vector<std::string> why;  // provider ids or names to explain
  vendormatch::v1::HintPolicy hints = vendormatch::v1::HINT_POLICY_UNSPECIFIED;
  vendormatch::v1::Diversity diversity;
};

struct CompareOptions {
  RequirementInput requirement;
  std::string profile_a;
  std::string profile_b;  // Empty: profile_a again (then the weights differ).
  std::map<std::string, double> weights_a;
  std::map<std::string, double> weights_b;
  int top_k = 0;
};

struct AdviseOptions {
  vendormatch::v1::WorkCharacteristics work;
};

struct ProfileListOptions {
  int page_size = 0;
};

struct ProfileWriteOptions {
  std::string name;  // Name or bare id: the id for create, the profile for update.
  std::string file;
  Format format = Format::kAuto;
  // Paths to update; empty means the top-level fields in the file minus
  // name, etag, revision and update_time.
  std::vector<std::string> update_mask;
  std::optional<std::string> etag;  // Else the file's etag, else none.
};

struct SetWeightOptions {
  std::string name;  // Profile name or bare id.
  std::string plugin;
  double weight = 0;
};

int MatchProviders(CommandContext& ctx, const MatchOptions& options);
int CompareProfiles(CommandContext& ctx, const CompareOptions& options);
int AdviseServiceModel(CommandContext& ctx, const AdviseOptions& options);
int ListPlugins(CommandContext& ctx);
int ListProfiles(CommandContext& ctx, const ProfileListOptions& options);

struct KeyCreateOptions {
  vendormatch::v1::Role role = vendormatch::v1::ROLE_UNSPECIFIED;
  std::string label;
  std::optional<absl::Time> expires;
};
// keys create: prints the key and its secret (shown once).
int CreateKey(CommandContext& ctx, const KeyCreateOptions& options);
// keys list [--all]: ID, ROLE, LABEL, CREATED, EXPIRES, REVOKED, CREATOR.
int ListKeys(CommandContext& ctx, bool show_revoked);
// keys revoke ID|apiKeys/ID.
int RevokeKey(CommandContext& ctx, const std::string& key);
int GetProfile(CommandContext& ctx, const std::string& name);
int CreateProfile(CommandContext& ctx, const ProfileWriteOptions& options);
int UpdateProfile(CommandContext& ctx, const ProfileWriteOptions& options);
// Reads the profile, changes one plugin's weight and writes it back with
// the etag just read (ABORTED when someone changed it in between).
int SetProfileWeight(CommandContext& ctx, const SetWeightOptions& options);

// The default update mask for a profile file: `fields` minus name, etag,
// revision and update_time.
std::vector<std::string> DefaultProfileUpdateMask(const std::vector<std::string>& fields);

// ---------------------------------------------------------------------------
// Registry.

int CreateProvider(CommandContext& ctx, const CreateOptions& options);
int GetProvider(CommandContext& ctx, const std::string& name);
int ListProviders(CommandContext& ctx, const ListOptions& options);
int UpdateProvider(CommandContext& ctx, const UpdateOptions& options);
int ChangeStatus(CommandContext& ctx, Transition transition, const TransitionOptions& options);
int ImportProviders(CommandContext& ctx, const ImportOptions& options);
int ListAuditEvents(CommandContext& ctx, const AuditOptions& options);
int ListCatalog(CommandContext& ctx, const CatalogOptions& options);
// Writes generated providers as JSON Lines or YAML; needs no server (ctx.stub unused).
int WriteGeneratedProviders(CommandContext& ctx, const GenerateOptions& options);

// The default update mask for a file's provider: `fields` minus name, etag,
// status, create_time, update_time and revision.
std::vector<std::string> DefaultUpdateMask(const std::vector<std::string>& fields);

// ---------------------------------------------------------------------------
// The whole command line.

struct Environment {
  std::string server;                   // $VENDORMATCH_SERVER; empty when unset.
  std::string api_key;                  // $VENDORMATCH_API_KEY; empty when unset.
  std::string user;                     // $USER; empty when unset.
  std::optional<absl::CivilDay> today;  // Local today when unset.
};

// Reads VENDORMATCH_SERVER, VENDORMATCH_API_KEY and USER from the process
// environment.
Environment ProcessEnvironment();

// A connection made for one command line.
struct Connection {
  std::unique_ptr<vendormatch::v1::RegistryService::StubInterface> stub;
  std::unique_ptr<vendormatch::v1::MatchingService::StubInterface> matching;  // May be null.
  std::unique_ptr<vendormatch::v1::KeyService::StubInterface> keys;           // May be null.
  std::function<bool()> channel_ready;                                        // May be empty.
};

// Where and how to connect.
struct ConnectOptions {
  std::string server;         // HOST:PORT
  std::string tls_ca_file;    // PEM roots; TLS when set
  std::string tls_cert_file;  // PEM client certificate (mutual TLS)
  std::string tls_key_file;   // PEM client key
};
using Connector = std::function<absl::StatusOr<Connection>(const ConnectOptions& options)>;

// A gRPC channel to the server with every stub: plain text, or TLS when
// tls_ca_file is set (with a client certificate when tls_cert_file is).
// channel_ready reports its state. Errors: INVALID_ARGUMENT naming the
// flag of a file that cannot be read.
absl::StatusOr<Connection> Connect(const ConnectOptions& options);

// Parses `args` (without the program name), connects with `connect` when
// the command needs the server, and runs the command. Returns the exit code.
int RunCommandLine(const std::vector<std::string>& args, const Environment& env,
                   const Connector& connect, std::ostream& out, std::ostream& err,
                   std::istream* in = nullptr);

}  // namespace vendormatch::ctl
