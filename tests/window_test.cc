// Customer service window: boundaries pinned (the end is exclusive) and only
// customer contact opens it.
#include <tuple>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("ServiceWindow boundaries: open iff now < last_inbound + 24h", "[window]") {
  const Timestamp t0 = at("2026-03-01T10:00:00Z");
  auto [offset, open] = GENERATE(table<Duration, bool>({
      {0s, true},
      {1s, true},
      {23h, true},
      {24h - 1s, true},
      {24h, false},
      {24h + 1s, false},
      {48h, false},
  }));
  CAPTURE(offset.count());
  const ServiceWindow w{t0};
  CHECK(w.is_open(t0 + offset) == open);
  CHECK(w.closes_at() == t0 + 24h);
}

TEST_CASE("ServiceWindow with no inbound is closed and has no closing time", "[window]") {
  const ServiceWindow w;
  CHECK_FALSE(w.is_open(at("2026-03-01T10:00:00Z")));
  CHECK_FALSE(w.closes_at().has_value());
}

TEST_CASE("Free-form evaluation at the window edges", "[window][evaluate]") {
  SendRequest r = free_form_reply_request();
  auto [since_inbound, verdict] = GENERATE(table<Duration, Verdict>({
      {24h - 1s, Verdict::kAllow},
      {24h, Verdict::kDeny},
      {24h + 1s, Verdict::kDeny},
      {1s, Verdict::kAllow},
  }));
  CAPTURE(since_inbound.count());
  r.window->last_inbound_at = r.now - since_inbound;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  CHECK(d.window.open == (verdict == Verdict::kAllow));
  CHECK(d.window.closes_at == r.now - since_inbound + 24h);
  if (verdict == Verdict::kDeny) {
    REQUIRE(d.reasons.size() == 1);
    CHECK(d.reasons[0].code == ReasonCode::kOutsideServiceWindow);
    CHECK(d.reasons[0].platform_error == 131047);
    CHECK(d.reasons[0].rule == "whatsapp.csw.free_form");
    CHECK(d.required_form == RequiredForm::kTemplate);
  } else {
    CHECK(d.required_form == RequiredForm::kAny);
  }
}

TEST_CASE("No inbound ever: free-form denied, window closed", "[window][evaluate]") {
  SendRequest r = free_form_reply_request();
  r.window.reset();
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kOutsideServiceWindow));
  CHECK_FALSE(d.window.open);
  CHECK_FALSE(d.window.closes_at.has_value());
  CHECK(reason_message(d, d.reasons[0]).find("has not written") != std::string::npos);
}

TEST_CASE("Only the customer's messages and calls open the window", "[window][history]") {
  SendRequest r = free_form_reply_request();
  r.window.reset();
  auto [direction, type, opens] = GENERATE(table<Direction, EventType, bool>({
      {Direction::kInbound, EventType::kText, true},
      {Direction::kInbound, EventType::kMedia, true},
      {Direction::kInbound, EventType::kButtonReply, true},
      {Direction::kInbound, EventType::kCall, true},
      {Direction::kInbound, EventType::kReaction, false},  // undocumented: off by default
      {Direction::kInbound, EventType::kSystem, false},
      {Direction::kOutbound, EventType::kText, false},
      {Direction::kOutbound, EventType::kTemplate, false},
      {Direction::kOutbound, EventType::kStatus, false},
      {Direction::kOutbound, EventType::kCall, false},
  }));
  CAPTURE(to_string(direction), to_string(type));
  r.history.push_back(ConversationEvent{r.now - 1h, direction, type, "hello",
                                        direction == Direction::kInbound ? std::nullopt
                                                                         : std::optional<Sender>(Sender::kHuman)});
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.window.open == opens);
  CHECK(d.allowed() == opens);
}

TEST_CASE("Reactions open the window when the policy says so", "[window][history]") {
  SendRequest r = free_form_reply_request();
  r.window.reset();
  r.history.push_back(ConversationEvent{r.now - 1h, Direction::kInbound, EventType::kReaction, "", std::nullopt});
  Policy p = Policy::whatsapp();
  CHECK_FALSE(evaluate(p, r).allowed());
  p.window_openers.reactions = true;
  CHECK(evaluate(p, r).allowed());
}

TEST_CASE("A later inbound in history refreshes a tracked window", "[window][history]") {
  SendRequest r = free_form_reply_request();
  r.window->last_inbound_at = r.now - 30h;
  CHECK_FALSE(evaluate(Policy::whatsapp(), r).allowed());
  r.history.push_back(ConversationEvent{r.now - 3h, Direction::kInbound, EventType::kText, "where is my order?", std::nullopt});
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed());
  CHECK(d.window.closes_at == r.now + 21h);
}

TEST_CASE("Business messages never extend the window", "[window][history]") {
  SendRequest r = free_form_reply_request();
  r.window->last_inbound_at = r.now - 25h;
  r.history.push_back(ConversationEvent{r.now - 2h, Direction::kOutbound, EventType::kText, "any news?", Sender::kHuman});
  r.history.push_back(ConversationEvent{r.now - 1h, Direction::kOutbound, EventType::kTemplate, "", Sender::kAutomation});
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK_FALSE(d.allowed());
  CHECK(d.has(ReasonCode::kOutsideServiceWindow));
}

TEST_CASE("Window length is a policy knob", "[window][policy]") {
  SendRequest r = free_form_reply_request();
  r.window->last_inbound_at = r.now - 30h;
  Policy p = Policy::whatsapp();
  p.service_window = 48h;
  CHECK(evaluate(p, r).allowed());
}

TEST_CASE("Window closing soon is a warning, not a deny", "[window][warnings]") {
  SendRequest r = free_form_reply_request();
  r.window->last_inbound_at = r.now - 23h - 30min;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kWindowClosingSoon));
}
