// stream_bench: evaluate() in memory over a request stream, the number the
// peer comparison (bench/compare_peers.py) sets against the engines'
// "in-memory" column: every line of a JSON Lines file is parsed once with
// sendpolicy::wire, then evaluate() runs over all of them, `runs` times; the
// median ns per decision is reported with the heap allocations per call.
//
//   build/bench/bench/stream_bench requests.jsonl [runs]
//
// It also times the two shapes a batch API could take, to decide whether one
// is worth adding (docs/performance.md): decisions kept in a local (what a
// send path does; the compiler constructs the result in place), and
// decisions stored into a caller's array (what a batch call would do).
//
// Output: one JSON object on stdout.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "counting_allocator.h"
#include "sendpolicy/sendpolicy.h"
#include <sendpolicy/wire/request_json.h>

namespace sp = sendpolicy;

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Keeps a decision's verdict observable so the loop cannot be elided.
unsigned sink(const sp::SendDecision& d) {
  return static_cast<unsigned>(d.verdict) + static_cast<unsigned>(d.reasons.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: stream_bench requests.jsonl [runs]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "stream_bench: cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<sp::SendRequest> requests;
  std::size_t invalid_lines = 0;
  {
    sp::wire::RequestParser parser;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      sp::SendRequest r;
      if (parser.parse(line, r).ok()) {
        requests.push_back(std::move(r));
      } else {
        ++invalid_lines;
      }
    }
  }
  if (requests.empty()) {
    std::fprintf(stderr, "stream_bench: no valid request in %s\n", argv[1]);
    return 2;
  }
  const sp::Policy policy = sp::Policy::whatsapp();
  const double n = static_cast<double>(requests.size());

  std::vector<double> local_ns;
  unsigned checksum = 0;
  const long allocs_before = sendpolicy_bench::allocation_count();
  for (int run = 0; run < runs; ++run) {
    const Clock::time_point t0 = Clock::now();
    for (const sp::SendRequest& r : requests) {
      const sp::SendDecision d = sp::evaluate(policy, r);
      checksum += sink(d);
    }
    local_ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / n);
  }
  const long allocs = sendpolicy_bench::allocation_count() - allocs_before;

  std::vector<sp::SendDecision> decisions(requests.size());
  std::vector<double> stored_ns;
  for (int run = 0; run < runs; ++run) {
    const Clock::time_point t0 = Clock::now();
    for (std::size_t i = 0; i < requests.size(); ++i) decisions[i] = sp::evaluate(policy, requests[i]);
    stored_ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / n);
    benchmark::DoNotOptimize(decisions.data());
  }
  for (const sp::SendDecision& d : decisions) checksum += sink(d);
  benchmark::DoNotOptimize(checksum);

  std::printf(
      "{\"requests\": %zu, \"invalid_lines\": %zu, \"runs\": %d, "
      "\"ns_per_decision\": %.1f, \"ns_per_decision_stored\": %.1f, "
      "\"allocations_per_decision\": %.3f, \"sizeof_decision\": %zu}\n",
      requests.size(), invalid_lines, runs, median(local_ns), median(stored_ns),
      static_cast<double>(allocs) / (n * runs), sizeof(sp::SendDecision));
  return 0;
}
