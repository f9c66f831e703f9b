// Wire v1.1, "One confirmation of an opt-out" (47 CFR 64.1200(a)(12), rule
// calendar from 2024-04-04): message.confirms_opt_out passes the opt-out only
// if not marketing, within 5 minutes of it (end exclusive) and the first
// outbound message after it.
#include "pack_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

// A utility text confirming a STOP sent `since_stop` ago, to a New York
// number at midday local time.
SendRequest confirmation(Duration since_stop, const char* now = "2026-03-03T17:00:00Z") {
  SendRequest r = sms_marketing(now);
  r.message.category = Category::kUtility;
  r.message.purpose = "opt_out_confirmation";
  r.message.confirms_opt_out = true;
  r.history.push_back({r.now - since_stop, Direction::kInbound, EventType::kText, "STOP",
                       std::nullopt});
  return r;
}

std::string withdrawn_detail(const SendDecision& d) {
  for (const Reason& r : d.reasons) {
    if (r.code == ReasonCode::kOptInWithdrawn) return std::string(r.detail);
  }
  return "";
}

}  // namespace

TEST_CASE("A confirmation within 5 minutes of STOP goes; at 5 minutes it is denied",
          "[consent][confirmation]") {
  auto [since, verdict] = GENERATE(table<Duration, Verdict>({
      {Duration{0}, Verdict::kAllow},
      {4min + 59s, Verdict::kAllow},
      {5min, Verdict::kDeny},
      {1h, Verdict::kDeny},
  }));
  CAPTURE(since.count());
  const SendDecision d = evaluate(Policy::whatsapp(), confirmation(since));
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDeny) {
    CHECK(rule_of(d, ReasonCode::kOptInWithdrawn) == "fcc.opt_out.confirmation");
    CHECK(withdrawn_detail(d) == "confirmation: 5 minutes or more after the opt-out");
  }
}

TEST_CASE("A confirmation needs no consent on file, but every condition", "[consent][confirmation]") {
  SendRequest r = confirmation(1min);
  SECTION("no consent record") {
    r.consent.reset();
    CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  }
  SECTION("marketing content never confirms") {
    r.message.category = Category::kMarketing;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(withdrawn_detail(d) == "confirmation: marketing content");
  }
  SECTION("a message already went after the opt-out") {
    r.history.push_back({r.now - 30s, Direction::kOutbound, EventType::kText, "ok", Sender::kAutomation});
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(withdrawn_detail(d) == "confirmation: not the first message after the opt-out");
  }
  SECTION("an outbound message before the opt-out does not count") {
    r.history.insert(r.history.begin(),
                     {r.now - 2h, Direction::kOutbound, EventType::kText, "hi", Sender::kAutomation});
    CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  }
  SECTION("without the flag the opt-out denies as before") {
    r.message.confirms_opt_out = false;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(rule_of(d, ReasonCode::kOptInWithdrawn) == "whatsapp.opt_in.keyword_opt_out");
  }
}

TEST_CASE("A withdrawn consent record is confirmed from withdrawn_at", "[consent][confirmation]") {
  auto [since, verdict] = GENERATE(table<Duration, Verdict>({
      {4min + 59s, Verdict::kAllow},
      {5min, Verdict::kDeny},
  }));
  SendRequest r = confirmation(1min);
  r.history.clear();
  r.consent->status = ConsentStatus::kWithdrawn;
  r.consent->withdrawn_at = r.now - since;
  CHECK(evaluate(Policy::whatsapp(), r).verdict == verdict);
}

TEST_CASE("The confirmation rule applies from 2024-04-04 (rule calendar)", "[consent][confirmation][calendar]") {
  auto [now, verdict] = GENERATE(table<const char*, Verdict>({
      {"2024-04-03T23:59:59Z", Verdict::kDeny},
      {"2024-04-04T00:00:00Z", Verdict::kAllow},
  }));
  CAPTURE(now);
  SendRequest r = confirmation(1min, now);  // utility: New York's evening hours do not reach it
  CHECK(evaluate(Policy::whatsapp(), r).verdict == verdict);
}

TEST_CASE("A confirmation still obeys the window on WhatsApp", "[consent][confirmation]") {
  SendRequest r = free_form_reply_request();
  r.window.reset();
  r.history.push_back({r.now - 26h, Direction::kInbound, EventType::kText, "STOP", std::nullopt});
  r.message.confirms_opt_out = true;
  // The STOP is also the last inbound message, 26 h ago: the window is shut.
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kOutsideServiceWindow));
}
