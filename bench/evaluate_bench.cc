// ns per decision and heap allocations per call of evaluate() on typical
// requests. Run: cmake --preset bench && cmake --build --preset bench &&
// build/bench/bench/evaluate_bench
#include <chrono>

#include <benchmark/benchmark.h>

#include "counting_allocator.h"
#include "sendpolicy/sendpolicy.h"

namespace sp = sendpolicy;
using namespace std::chrono_literals;

namespace {

sp::SendRequest base_request() {
  sp::SendRequest r;
  r.id = "bench";
  r.now = *sp::parse_timestamp("2026-03-02T12:00:00Z");
  r.recipient.phone = "+393471234567";
  r.recipient.country = "IT";
  return r;
}

sp::ConsentRecord consent_for(const sp::SendRequest& r) {
  sp::ConsentRecord c;
  c.phone = r.recipient.phone;
  c.granted_at = r.now - 24h * 40;
  c.source = sp::ConsentSource::kWebsite;
  c.method = sp::ConsentMethod::kCheckbox;
  c.purposes = {"order_updates", "receipts", "promotions"};
  c.notice = {true, true, true, true};
  return c;
}

sp::SendRequest free_form_in_window() {
  sp::SendRequest r = base_request();
  r.window = sp::ServiceWindow{r.now - 2h};
  r.message.kind = sp::MessageKind::kFreeForm;
  return r;
}

sp::SendRequest utility_template_with_consent() {
  sp::SendRequest r = base_request();
  r.consent = consent_for(r);
  r.message.kind = sp::MessageKind::kTemplate;
  r.message.purpose = "order_updates";
  r.message.template_info = sp::Template{"order_shipped", "it", sp::Category::kUtility,
                                         sp::TemplateStatus::kApproved, sp::TemplateQuality::kGreen};
  return r;
}

sp::SendRequest marketing_denied_many_reasons() {
  sp::SendRequest r = utility_template_with_consent();
  r.recipient.phone = "+12125550123";
  r.recipient.marketing_opted_out = true;
  r.message.purpose = "spring_sale";
  r.message.template_info->category = sp::Category::kMarketing;
  r.message.template_info->status = sp::TemplateStatus::kPaused;
  return r;
}

// A marketing text to Miami at 22:00 local: every US pack applies (TCPA,
// Florida), the time-zone conversion runs and quiet hours defer it.
sp::SendRequest marketing_sms_quiet_hours(const char* now_utc) {
  static sp::ZoneResolver zones;  // resolved outside the timed loop
  sp::SendRequest r = utility_template_with_consent();
  r.now = *sp::parse_timestamp(now_utc);
  r.consent->granted_at = r.now - 24h * 40;
  r.channel = sp::Channel::kSms;
  r.recipient.phone = "+13055550123";
  r.recipient.country = "US";
  r.recipient.region = "US-FL";
  r.recipient.time_zone = "America/New_York";
  (void)zones.resolve(r.recipient);
  r.consent->phone = r.recipient.phone;
  r.consent->purposes = {"promotions"};
  r.message.kind = sp::MessageKind::kFreeForm;
  r.message.category = sp::Category::kMarketing;
  r.message.purpose = "promotions";
  r.message.template_info.reset();
  return r;
}

sp::SendRequest invalid_request() {
  sp::SendRequest r = utility_template_with_consent();
  r.consent->granted_at = r.now + 1h;
  return r;
}

sp::SendRequest with_history(int events) {
  sp::SendRequest r = utility_template_with_consent();
  for (int i = 0; i < events; ++i) {
    const bool inbound = i % 3 != 0;
    r.history.push_back(sp::ConversationEvent{
        r.now - std::chrono::minutes(events - i),
        inbound ? sp::Direction::kInbound : sp::Direction::kOutbound,
        inbound ? sp::EventType::kText : sp::EventType::kTemplate,
        inbound ? "where is my parcel?" : "",
        inbound ? std::nullopt : std::optional<sp::Sender>(sp::Sender::kAutomation)});
  }
  return r;
}

void run(benchmark::State& state, const sp::SendRequest& request) {
  const sp::Policy policy = sp::Policy::whatsapp();
  const long before = sendpolicy_bench::allocation_count();
  for (auto _ : state) {
    sp::SendDecision d = sp::evaluate(policy, request);
    benchmark::DoNotOptimize(d);
  }
  sendpolicy_bench::report_allocations(state, before);
  state.SetItemsProcessed(state.iterations());
}

void BM_FreeFormInWindow(benchmark::State& state) { run(state, free_form_in_window()); }
void BM_UtilityTemplateWithConsent(benchmark::State& state) {
  run(state, utility_template_with_consent());
}
void BM_MarketingDeniedManyReasons(benchmark::State& state) {
  run(state, marketing_denied_many_reasons());
}
void BM_InvalidRequest(benchmark::State& state) { run(state, invalid_request()); }
// Quiet hours with a time-zone conversion: allowed at 12:00 local, deferred
// (next permitted instant computed) at 22:00 local.
void BM_PacksQuietHoursAllowed(benchmark::State& state) {
  run(state, marketing_sms_quiet_hours("2026-03-02T17:00:00Z"));
}
void BM_PacksQuietHoursDeferred(benchmark::State& state) {
  run(state, marketing_sms_quiet_hours("2026-03-03T03:00:00Z"));
}
void BM_History(benchmark::State& state) {
  run(state, with_history(static_cast<int>(state.range(0))));
}

void BM_Explain(benchmark::State& state) {
  const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), marketing_denied_many_reasons());
  const long before = sendpolicy_bench::allocation_count();
  for (auto _ : state) {
    std::string s = sp::explain(d);
    benchmark::DoNotOptimize(s);
  }
  sendpolicy_bench::report_allocations(state, before);
}

}  // namespace

BENCHMARK(BM_FreeFormInWindow);
BENCHMARK(BM_UtilityTemplateWithConsent);
BENCHMARK(BM_MarketingDeniedManyReasons);
BENCHMARK(BM_InvalidRequest);
BENCHMARK(BM_PacksQuietHoursAllowed);
BENCHMARK(BM_PacksQuietHoursDeferred);
BENCHMARK(BM_History)->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_Explain);

BENCHMARK_MAIN();
