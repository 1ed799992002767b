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
namespace {

// Size of the glibc chunk that serves malloc(n).
int64_t Chunk(int64_t n) {
  if (n <= 0) return 0;
  return std::max<int64_t>(32, (n + 8 + 15) / 16 * 16);
}

// Heap bytes of a std::string beyond its own object (none with SSO).
int64_t Heap(const std::string& s) {
  return s.capacity() > 15 ? Chunk(static_cast<int64_t>(s.capacity()) + 1) : 0;
}

template <typename T>
int64_t VectorHeap(const std::vector<T>& v) {
  return Chunk(static_cast<int64_t>(v.capacity() * sizeof(T)));
}

int64_t Heap(const std::vector<std::string>& v) {
  int64_t total = VectorHeap(v);
  for (const auto& s : v) total += Heap(s);
  return total;
}

}  // namespace

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

ProviderBytes EstimatedProviderBytes(const sdk::Provider& p) {
  ProviderBytes b;
  b.record =
      sizeof(sdk::Provider) + Heap(p.id) + Heap(p.display_name) + Heap(p.headquarters_country);
  b.lists = Heap(p.services) + Heap(p.languages) + Heap(p.industries);
  b.centres = VectorHeap(p.centres);
  for (const auto& c : p.centres) {
    b.centres += Heap(c.country) + Heap(c.city) + Heap(c.time_zone_name) + VectorHeap(c.shifts);
  }
  b.certifications = VectorHeap(p.certifications);
  for (const auto& c : p.certifications) b.certifications += Heap(c.code);
  b.rates = VectorHeap(p.rates);
  for (const auto& r : p.rates) b.rates += Heap(r.service) + Heap(r.hourly.currency);
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
