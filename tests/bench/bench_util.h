// Small helpers for match_bench: clocks, percentiles, memory figures, the
// machine's description.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::bench {

// Seconds on the monotonic clock.
inline double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Nearest-rank percentile (q in 0..1) of `samples`; 0 when empty.
double Percentile(std::vector<double> samples, double q);

struct Latency {
  int samples = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double mean_ms = 0;
};
// `seconds` are per-call latencies.
Latency Summarise(const std::vector<double>& seconds);

// Resident set size of this process, from /proc/self/statm.
int64_t ResidentBytes();

// Bytes the allocator has handed out and not yet been given back
// (mallinfo2: small chunks in use plus mmapped blocks).
int64_t HeapInUseBytes();

// Gives free heap memory back to the system, so the next ResidentBytes()
// counts what is live.
void TrimHeap();

// What one provider of the snapshot occupies, counted from sizeof and the
// capacities of its strings and vectors, each heap block rounded as glibc's
// malloc does (8 bytes of header, 16-byte steps, 32 at least); by part.
struct ProviderBytes {
  int64_t record = 0;          // sizeof(sdk::Provider) and its own strings' heap blocks
  int64_t lists = 0;           // services, languages, industries (vectors of strings)
  int64_t centres = 0;         // centres with their strings and shifts
  int64_t certifications = 0;  // certifications with their codes
  int64_t rates = 0;           // rate card with service and currency strings
  int64_t total() const { return record + lists + centres + certifications + rates; }
  ProviderBytes& operator+=(const ProviderBytes& o) {
    record += o.record, lists += o.lists, centres += o.centres;
    certifications += o.certifications, rates += o.rates;
    return *this;
  }
};
ProviderBytes EstimatedProviderBytes(const sdk::Provider& provider);

// "AMD EPYC", from /proc/cpuinfo.
std::string CpuModel();
// The 1-minute load average, from /proc/loadavg.
double LoadAverage();

// Splits "10000,100000" into numbers; empty for "". False on a bad item.
bool ParseIntList(const std::string& text, std::vector<int64_t>& out);

}  // namespace vendormatch::bench
