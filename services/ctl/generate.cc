// The `generate` command: synthetic providers as JSON Lines.
#include <fstream>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "services/ctl/commands.h"
#include "services/ctl/format.h"
#include "services/registry/generator.h"

namespace vendormatch::ctl {

int WriteGeneratedProviders(CommandContext& ctx, const GenerateOptions& options) {
  std::ofstream file;
  std::ostream* out = ctx.out;
  if (!options.out_file.empty()) {
    file.open(options.out_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      *ctx.err << "vendormatchctl: cannot write " << options.out_file << "\n";
      return kExitFailure;
    }
    out = &file;
  }
  GeneratorOptions generator;
  generator.seed = options.seed;
  vendormatch::GenerateProviders(options.count, generator,
                                 [&](int64_t, vendormatch::v1::Provider& provider) {
                                   *out << ToJson(provider, /*pretty=*/false);
                                 });
  out->flush();
  if (!*out) {
    *ctx.err << "vendormatchctl: writing "
             << (options.out_file.empty() ? "the output" : options.out_file) << " failed\n";
    return kExitFailure;
  }
  if (!options.out_file.empty()) {
    *ctx.err << "wrote " << options.count << " providers to " << options.out_file << "\n";
  }
  return kExitOk;
}

}  // namespace vendormatch::ctl
