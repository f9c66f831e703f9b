// Heap allocations per call, for benchmarks: the binary replaces global
// operator new with a counting one (counting_allocator.cc).
#ifndef SENDPOLICY_BENCH_COUNTING_ALLOCATOR_H_
#define SENDPOLICY_BENCH_COUNTING_ALLOCATOR_H_

#include <benchmark/benchmark.h>

namespace sendpolicy_bench {

// Total operator new calls in this process so far.
long allocation_count() noexcept;

// Sets counters "allocs/call" from the allocations made since `before`.
inline void report_allocations(benchmark::State& state, long before) {
  const long made = allocation_count() - before;
  state.counters["allocs/call"] = benchmark::Counter(
      static_cast<double>(made) / static_cast<double>(state.iterations()));
}

}  // namespace sendpolicy_bench

#endif  // SENDPOLICY_BENCH_COUNTING_ALLOCATOR_H_
