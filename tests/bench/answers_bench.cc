// answers_bench: what the trustworthy answers cost (issue 12). On a
// generated registry it times, per scenario, the whole answer to a match
// request (Answer: the match, then verified hints and suggestions):
//  - explain: 5 named providers (3 excluded, 2 eligible outside the top K
//    when there are such) against the same request naming none, hints off;
//  - hints: the request as sent (hints computed when fewer than top K are
//    eligible, as by default) against hints=NEVER, with how many relaxed
//    matches verifying the hints took.
// Prints a table and writes JSON; CTest runs a quick version.
#include <fstream>
#include <iostream>
#include <random>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "nlohmann/json.hpp"
#include "services/matching/profiles.h"
#include "services/matching/relaxation.h"
#include "services/registry/generator.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/scenarios.h"

ABSL_FLAG(int64_t, size, 100000, "providers in the generated registry");
ABSL_FLAG(int, repeats, 30, "timed answers per scenario and variant");
ABSL_FLAG(bool, quick, false, "10k providers, 3 repeats (CTest)");
ABSL_FLAG(std::string, plugin_dir, VM_BENCH_PLUGIN_DIR, "folder of the built-in plugins");
ABSL_FLAG(std::string, out, "answers-bench.json", "where the figures go, as JSON");

namespace vendormatch::bench {
namespace {

struct Context {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<LoadedPlugin> plugins;
  std::map<std::string, std::shared_ptr<const CompiledProfile>> profiles;
  ExchangeRates rates = ExchangeRates::Default();
};

absl::StatusOr<v1::MatchProvidersResponse> AnswerOnce(const Context& c, const Scenario& s,
                                                      const v1::MatchProvidersRequest& request) {
  auto valid = ValidateRequirement(request.requirement(), kToday, nullptr);
  if (!valid.ok()) return valid.status();
  MatchInput in;
  in.snapshot = c.snapshot.get();
  in.profile = c.profiles.at(s.profile).get();
  in.requirement = &*valid;
  in.exchange_rates = &c.rates;
  in.top_k = 10;
  for (const auto& id : request.explain_providers()) in.explain.push_back(id);
  return Answer(in, request, kToday);
}

struct Timed {
  Latency latency;
  v1::MatchProvidersResponse last;
};

Timed Time(const Context& c, const Scenario& s, const v1::MatchProvidersRequest& request,
           int repeats) {
  Timed t;
  std::vector<double> samples;
  (void)AnswerOnce(c, s, request);  // warm-up: centre facts for this client
  for (int i = 0; i < repeats; ++i) {
    const double start = Now();
    auto answer = AnswerOnce(c, s, request);
    samples.push_back(Now() - start);
    if (!answer.ok()) {
      std::cerr << s.key << ": " << answer.status() << "\n";
      std::exit(1);
    }
    t.last = *std::move(answer);
  }
  t.latency = Summarise(samples);
  return t;
}

// Five providers to explain: three that are not eligible, and two that are
// eligible but outside the top 10 (or more excluded ones when there are none).
std::vector<std::string> Named(const Context& c, const Scenario& s) {
  v1::MatchProvidersRequest all;
  *all.mutable_requirement() = s.requirement;
  all.set_hints(v1::HINT_POLICY_NEVER);
  auto ranked = AnswerOnce(c, s, all);
  std::set<std::string> eligible_shown;
  for (const auto& m : ranked->matches()) eligible_shown.insert(m.provider().substr(10));
  std::vector<std::string> ids;
  std::mt19937_64 rng(5);
  std::vector<std::string> live;
  c.snapshot->ForEachLive([&](const sdk::Provider& p) { live.emplace_back(p.id()); });
  while (ids.size() < 5) {
    const std::string& id = live[rng() % live.size()];
    if (!eligible_shown.contains(id) && std::find(ids.begin(), ids.end(), id) == ids.end()) {
      ids.push_back(id);
    }
  }
  return ids;
}

// The plugins, the shipped profiles and a snapshot of `size` generated
// providers, into `c`. False (after saying why) when the plugins do not load.
bool MakeContext(int64_t size, Context& c) {
  auto plugins = LoadPluginDirectory(absl::GetFlag(FLAGS_plugin_dir));
  if (!plugins.ok()) {
    std::cerr << plugins.status() << "\n";
    return false;
  }
  c.plugins = *std::move(plugins);
  for (const v1::Profile& p : DefaultProfiles()) {
    c.profiles[p.name().substr(9)] = *CompileProfile(p, c.plugins);
  }
  std::vector<v1::Provider> providers;
  GeneratorOptions options;
  options.seed = 1;
  options.active_share = 1.0;
  GenerateProviders(size, options, [&](int64_t, v1::Provider& p) { providers.push_back(p); });
  c.snapshot = *BuildSnapshot(providers);
  providers.clear();
  return true;
}

// Times the answers to scenario `s` (plain, naming five providers, with
// hints), prints its row and adds its figures to `out`. False (after saying
// why) when the answer naming five does not explain five.
bool RunScenario(const Context& c, const Scenario& s, int repeats, nlohmann::json& out) {
  v1::MatchProvidersRequest plain;
  *plain.mutable_requirement() = s.requirement;
  plain.set_hints(v1::HINT_POLICY_NEVER);
  v1::MatchProvidersRequest why = plain;
  for (const auto& id : Named(c, s)) why.add_explain_providers(id);
  v1::MatchProvidersRequest hinted = plain;
  hinted.set_hints(v1::HINT_POLICY_UNSPECIFIED);
  const Timed a = Time(c, s, plain, repeats);
  const Timed b = Time(c, s, why, repeats);
  const Timed h = Time(c, s, hinted, repeats);
  std::cout << absl::StrFormat("%-16s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %6d %6d\n", s.key,
                               a.latency.p50_ms, a.latency.p99_ms, b.latency.p50_ms,
                               b.latency.p99_ms, h.latency.p50_ms, h.latency.p99_ms,
                               h.last.hint_report().matches_run(), h.last.relaxation_hints_size());
  out[s.key] = {{"plain_p50_ms", a.latency.p50_ms},
                {"plain_p99_ms", a.latency.p99_ms},
                {"why5_p50_ms", b.latency.p50_ms},
                {"why5_p99_ms", b.latency.p99_ms},
                {"hints_p50_ms", h.latency.p50_ms},
                {"hints_p99_ms", h.latency.p99_ms},
                {"hint_runs", h.last.hint_report().matches_run()},
                {"hints", h.last.relaxation_hints_size()},
                {"eligible", a.last.eligible_count()}};
  if (b.last.explanations_size() != 5) {
    std::cerr << s.key << ": expected 5 explanations\n";
    return false;
  }
  return true;
}

}  // namespace
}  // namespace vendormatch::bench

int main(int argc, char** argv) {
  using namespace vendormatch;
  using namespace vendormatch::bench;
  absl::ParseCommandLine(argc, argv);
  const bool quick = absl::GetFlag(FLAGS_quick);
  const int64_t size = quick ? 10000 : absl::GetFlag(FLAGS_size);
  const int repeats = quick ? 3 : absl::GetFlag(FLAGS_repeats);
  Context c;
  if (!MakeContext(size, c)) return 1;
  nlohmann::json out;
  std::cout << "Answers at " << size << " providers, one thread (ms); " << repeats
            << " timed answers each\n";
  std::cout << absl::StrFormat("%-16s %9s %9s %9s %9s %9s %9s %6s %6s\n", "requirement",
                               "plain p50", "plain p99", "why5 p50", "why5 p99", "hints p50",
                               "hints p99", "runs", "hints");
  for (const Scenario& s : Scenarios()) {
    if (!RunScenario(c, s, repeats, out)) return 1;
  }
  out["providers"] = size;
  std::ofstream(absl::GetFlag(FLAGS_out)) << out.dump(2) << "\n";
  return 0;
}
