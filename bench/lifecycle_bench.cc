// Lifecycle costs: keyword classification (all locale packs, Unicode input)
// and the history fold inside evaluate(), with allocation counts (must be 0).
#include <chrono>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "counting_allocator.h"
#include "sendpolicy/sendpolicy.h"

namespace {

namespace sp = sendpolicy;
using namespace std::chrono_literals;

sp::KeywordRules all_locales() {
  sp::KeywordRules rules;
  rules.locales = {sp::KeywordLocale::kEn, sp::KeywordLocale::kIt, sp::KeywordLocale::kEs,
                   sp::KeywordLocale::kPt, sp::KeywordLocale::kFr, sp::KeywordLocale::kDe};
  return rules;
}

void BM_ClassifyKeyword(benchmark::State& state) {
  const sp::KeywordRules rules = all_locales();
  const std::vector<std::string> texts = {
      "STOP", " stop. ", "\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB0 \xF0\x9F\x9B\x91",
      "Arr\xC3\xAAt", "where is my parcel? it was due yesterday", "Descadastrar"};
  const long before = sendpolicy_bench::allocation_count();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sp::classify_keyword(texts[i++ % texts.size()], rules));
  }
  sendpolicy_bench::report_allocations(state, before);
  state.SetItemsProcessed(state.iterations());
}

void BM_EvaluateHistoryAllLocales(benchmark::State& state) {
  sp::Policy policy = sp::Policy::whatsapp();
  policy.keywords = all_locales();
  policy.re_opt_in = sp::ReOptInModel::kAnyInbound;
  sp::SendRequest r;
  r.now = *sp::parse_timestamp("2026-03-02T12:00:00Z");
  r.recipient.phone = "+393471234567";
  r.message.kind = sp::MessageKind::kFreeForm;
  const int events = static_cast<int>(state.range(0));
  for (int i = 0; i < events; ++i) {
    r.history.push_back({r.now - std::chrono::minutes(events - i), sp::Direction::kInbound,
                         sp::EventType::kText, i % 7 == 0 ? "STOP" : "ok, gracias \xF0\x9F\x99\x8F",
                         std::nullopt});
  }
  const long before = sendpolicy_bench::allocation_count();
  for (auto _ : state) {
    sp::SendDecision d = sp::evaluate(policy, r);
    benchmark::DoNotOptimize(d);
  }
  sendpolicy_bench::report_allocations(state, before);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_ClassifyKeyword);
BENCHMARK(BM_EvaluateHistoryAllLocales)->Arg(10)->Arg(100)->Arg(1000);

}  // namespace

BENCHMARK_MAIN();
