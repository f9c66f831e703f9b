// `sendpolicy audit` without the program: parse (sendpolicy::wire), evaluate
// and serialise every line of the bundled campaign (examples/data), in
// memory, as the CLI's single-thread loop does. Reports ns per line and
// heap allocations per line (0 once buffers have grown).
//
//   build/bench/bench/audit_bench [--benchmark_repetitions=5]
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "counting_allocator.h"
#include "sendpolicy/sendpolicy.h"
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_AuditCampaign(benchmark::State& state) {
  const std::string text = read_file(SENDPOLICY_CAMPAIGN_DIR "/campaign.jsonl");
  sp::Policy policy = sp::Policy::whatsapp();
  if (!wire::parse_policy(read_file(SENDPOLICY_CAMPAIGN_DIR "/campaign-policy.json"), policy)
           .ok()) {
    state.SkipWithError("campaign-policy.json does not parse");
    return;
  }
  // Lines with room for the parser's padding after each (as the CLI's reader
  // provides): the buffer is the file plus padding at the end.
  std::string padded = text + std::string(wire::RequestParser::kPadding, ' ');
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) lines.emplace_back(padded.data() + start, end - start);
    start = end + 1;
  }
  wire::RequestParser parser;
  sp::SendRequest request;
  std::string out;
  out.reserve(std::size_t{4} << 20);
  long before = 0;
  bool warm = false;
  for (auto _ : state) {
    if (!warm) {  // the first pass grows the reused buffers
      before = sendpolicy_bench::allocation_count();
      warm = true;
    }
    out.clear();
    for (std::string_view line : lines) {
      if (parser.parse_padded(line, request).ok()) {
        wire::append_decision_json(out, request.id, sp::evaluate(policy, request));
      } else {
        wire::append_invalid_json(out, request.id, "invalid");
      }
    }
    benchmark::DoNotOptimize(out.data());
  }
  const long made = sendpolicy_bench::allocation_count() - before;
  const double n = static_cast<double>(state.iterations()) * static_cast<double>(lines.size());
  state.counters["allocs/line"] = benchmark::Counter(static_cast<double>(made) / n);
  state.counters["ns/line"] = benchmark::Counter(
      n / 1e9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

}  // namespace

BENCHMARK(BM_AuditCampaign)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
