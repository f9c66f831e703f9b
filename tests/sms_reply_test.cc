// Wire v1.1, "SMS replies to the consumer's own text": a non-marketing SMS
// within the policy's sms_reply_window (24 h, end exclusive) of the
// consumer's last inbound text needs no consent on file; opt-outs still
// block; marketing never qualifies; the decision's window stays closed.
#include "pack_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

SendRequest sms_reply() {
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.consent.reset();
  r.message.category = Category::kUtility;
  r.message.purpose = "support";
  return r;
}

}  // namespace

TEST_CASE("An SMS reply within 24 h of the consumer's text needs no consent", "[sms][reply]") {
  auto [since, category, verdict] = GENERATE(table<Duration, Category, Verdict>({
      {24h - 1s, Category::kUtility, Verdict::kAllow},
      {24h - 1s, Category::kService, Verdict::kAllow},
      {24h, Category::kUtility, Verdict::kDeny},
      {1h, Category::kMarketing, Verdict::kDeny},
  }));
  CAPTURE(since.count(), to_string(category));
  SendRequest r = sms_reply();
  r.window = ServiceWindow{r.now - since};
  r.message.category = category;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  CHECK_FALSE(d.window.open);  // a consent rule, not a window
  if (verdict == Verdict::kDeny) CHECK(d.has(ReasonCode::kNoOptIn));
}

TEST_CASE("The consumer's text can come from history; other inbound events do not count",
          "[sms][reply]") {
  SendRequest r = sms_reply();
  SECTION("an inbound text") {
    r.history.push_back({r.now - 2h, Direction::kInbound, EventType::kText, "where is my order?",
                         std::nullopt});
    CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  }
  SECTION("an inbound picture only") {
    r.history.push_back({r.now - 2h, Direction::kInbound, EventType::kMedia, "", std::nullopt});
    CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kNoOptIn));
  }
  SECTION("the consumer's text was STOP") {
    r.history.push_back({r.now - 2h, Direction::kInbound, EventType::kText, "STOP", std::nullopt});
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(d.has(ReasonCode::kOptInWithdrawn));
  }
  SECTION("no inbound at all") {
    CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kNoOptIn));
  }
}

TEST_CASE("sms_reply_window is a policy knob; 0 switches the exemption off", "[sms][reply]") {
  SendRequest r = sms_reply();
  r.window = ServiceWindow{r.now - 2h};
  Policy policy = Policy::whatsapp();
  policy.sms_reply_window = 1h;
  CHECK(evaluate(policy, r).has(ReasonCode::kNoOptIn));
  policy.sms_reply_window = Duration::zero();
  CHECK(evaluate(policy, r).has(ReasonCode::kNoOptIn));
  policy.sms_reply_window = 2h + 1s;
  CHECK(evaluate(policy, r).verdict == Verdict::kAllow);
  // Only tightens: a longer setting is read as 24 h.
  r.window = ServiceWindow{r.now - 24h};
  policy.sms_reply_window = 48h;
  CHECK(evaluate(policy, r).has(ReasonCode::kNoOptIn));
}

// Either record of the consumer's text is evidence on its own, so dropping
// one (the fail-closed property: removing a field never allows more) can
// only take a way to qualify away.
TEST_CASE("A tracked window and history each show the consumer's text", "[sms][reply]") {
  SendRequest r = sms_reply();
  r.window = ServiceWindow{std::nullopt};
  r.history.push_back({r.now - 2h, Direction::kInbound, EventType::kText, "hi", std::nullopt});
  CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  r.window = ServiceWindow{r.now - 30h};
  CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  r.history.clear();
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kNoOptIn));
}
