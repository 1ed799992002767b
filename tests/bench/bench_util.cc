#include "tests/bench/bench_util.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace vendormatch::bench {

double Percentile(std::vector<double> samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(q * static_cast<double>(samples.size()));
  const size_t index = static_cast<size_t>(std::clamp(rank, 1.0, double(samples.size()))) - 1;
  return samples[index];
}

Latency Summarise(const std::vector<double>& seconds) {
  Latency l;
  l.samples = static_cast<int>(seconds.size());
  if (seconds.empty()) return l;
  l.p50_ms = Percentile(seconds, 0.50) * 1e3;
  l.p99_ms = Percentile(seconds, 0.99) * 1e3;
  l.mean_ms = std::accumulate(seconds.begin(), seconds.end(), 0.0) /
              static_cast<double>(seconds.size()) * 1e3;
  return l;
}

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

int64_t HeapInUseBytes() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

void TrimHeap() { malloc_trim(0); }

SnapshotBytes LayoutBytes(const Snapshot& snapshot) {
  SnapshotBytes b;
  for (const SegmentRef& ref : snapshot.segments) {
    const auto rows = ref.segment->providers();
    b.records += static_cast<int64_t>(rows.size() * sizeof(sdk::Provider));
    b.indexes += static_cast<int64_t>(ref.segment->IndexBytes());
    b.live += static_cast<int64_t>(ref.live->MemoryBytes());
    ref.live->ForEach([&](size_t row) {
      const sdk::Provider& p = rows[row];
      b.text += static_cast<int64_t>(p.id().size() + p.display_name().size());
      b.symbols += static_cast<int64_t>(
          (p.services().size() + p.languages().size() + p.industries().size()) *
          sizeof(sdk::Symbol));
      b.centres += static_cast<int64_t>(p.centres().size_bytes());
      b.certifications += static_cast<int64_t>(p.certifications().size_bytes());
      b.rates += static_cast<int64_t>(p.rates().size_bytes());
      b.centre_count += static_cast<int64_t>(p.centres().size());
      b.certification_count += static_cast<int64_t>(p.certifications().size());
      b.rate_count += static_cast<int64_t>(p.rates().size());
    });
  }
  return b;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) {
        return std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
      }
    }
  }
  return "unknown";
}

double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  in >> load;
  return load;
}

bool ParseIntList(const std::string& text, std::vector<int64_t>& out) {
  out.clear();
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    int64_t value = 0;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(item), &value)) return false;
    out.push_back(value);
  }
  return true;
}

}  // namespace vendormatch::bench
