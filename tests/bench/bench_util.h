// Small helpers for match_bench: clocks, percentiles, memory figures, the
// machine's description.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "services/matching/snapshot.h"
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

// What the snapshot occupies, by part of its layout, counted from the
// segments' public views: the Provider records of every row, the text and
// lists of the live providers (element size times count), and the bitmaps
// (indexes with their hash table, as Segment::IndexBytes counts them; the
// live bitmaps by capacity). Excludes the dictionary and slack capacity,
// which the RSS and heap figures include.
struct SnapshotBytes {
  int64_t records = 0;         // sdk::Provider views, one per row
  int64_t text = 0;            // ids and display names
  int64_t symbols = 0;         // services, languages, industries
  int64_t centres = 0;         // sdk::Centre
  int64_t certifications = 0;  // sdk::Certification
  int64_t rates = 0;           // sdk::Rate
  int64_t indexes = 0;         // posting bitmaps and their hash table
  int64_t live = 0;            // live bitmaps
  // Items over the live providers, for the per-provider averages.
  int64_t centre_count = 0, certification_count = 0, rate_count = 0;
  int64_t total() const {
    return records + text + symbols + centres + certifications + rates + indexes + live;
  }
};
SnapshotBytes LayoutBytes(const Snapshot& snapshot);

// "AMD EPYC", from /proc/cpuinfo.
std::string CpuModel();
// The 1-minute load average, from /proc/loadavg.
double LoadAverage();

// Splits "10000,100000" into numbers; empty for "". False on a bad item.
bool ParseIntList(const std::string& text, std::vector<int64_t>& out);

}  // namespace vendormatch::bench
