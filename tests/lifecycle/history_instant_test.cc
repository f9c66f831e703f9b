// Issue 17, item 12: what may undo a keyword opt-out in history. Under
// ReOptInModel::kAnyInbound only a message that is not itself an opt-out by
// the strictest reading re-opts in, and system events never do; STOP and
// START in the same second fold the same in either storage order (the
// opt-out wins).
#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace history_instant_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");

ConversationEvent customer(Timestamp at, EventType type, std::string text) {
  return ConversationEvent{at, Direction::kInbound, type, std::move(text), std::nullopt};
}

Policy any_inbound() {
  Policy p = Policy::whatsapp();
  p.re_opt_in = ReOptInModel::kAnyInbound;
  p.window_openers.system_events = true;
  p.window_openers.reactions = true;
  return p;
}

}  // namespace

TEST_CASE("Issue 17.12: under any_inbound, a message that may be an opt-out does not re-opt in",
          "[lifecycle][history][issue17]") {
  const auto [name, type, text] = GENERATE(table<const char*, EventType, std::string>({
      {"stop texting me", EventType::kText, "stop texting me"},
      {"STOP STOP STOP", EventType::kText, "STOP STOP STOP"},
      {"S-T-O-P", EventType::kText, "S-T-O-P"},
      {"Cyrillic", EventType::kText, "\xD0\xA1\xD0\xA2\xD0\x9E\xD0\x9F"},
      {"media caption", EventType::kMedia, "STOP"},
      {"invalid UTF-8 after STOP", EventType::kText, "STOP\xFF"},
      {"system event", EventType::kSystem, "user changed number"},
  }));
  CAPTURE(name);
  const std::vector<ConversationEvent> history = {customer(kNow - 2h, EventType::kText, "STOP"),
                                                  customer(kNow - 1h, type, text)};
  const ConversationState s = fold_conversation(any_inbound(), history);
  CHECK(s.opted_out);
  CHECK_FALSE(s.re_opted_in_by.has_value());
  // The system event still opens the window: the knob is about windows.
  if (type == EventType::kSystem) CHECK(s.window.last_inbound_at == kNow - 1h);
}

TEST_CASE("Issue 17.12: under any_inbound, an ordinary message still re-opts in", "[lifecycle][history][issue17]") {
  const auto text = GENERATE(as<std::string>{}, "thanks!", "where is my order?", "");
  const std::vector<ConversationEvent> history = {customer(kNow - 2h, EventType::kText, "STOP"),
                                                  customer(kNow - 1h, EventType::kText, text)};
  const ConversationState s = fold_conversation(any_inbound(), history);
  CHECK_FALSE(s.opted_out);
  CHECK(s.re_opted_in_by == ReOptInModel::kAnyInbound);
}

TEST_CASE("Issue 17.12: STOP and START in the same second: the opt-out wins in either order",
          "[lifecycle][history][issue17]") {
  const ConversationEvent stop = customer(kNow - 1h, EventType::kText, "STOP");
  const ConversationEvent start = customer(kNow - 1h, EventType::kText, "START");
  const ConversationEvent hi = customer(kNow - 1h, EventType::kText, "hi");
  for (const Policy& policy : {Policy::whatsapp(), any_inbound()}) {
    for (const auto& history : std::vector<std::vector<ConversationEvent>>{
             {stop, start}, {start, stop}, {stop, hi}, {hi, stop}}) {
      const ConversationState s = fold_conversation(policy, history);
      CHECK(s.opted_out);
      CHECK(s.opted_out_at == kNow - 1h);
    }
    // An earlier opt-out is not undone by START when STOP shares its second.
    const ConversationEvent earlier = customer(kNow - 2h, EventType::kText, "STOP");
    CHECK(fold_conversation(policy, {earlier, start, stop}).opted_out);
    CHECK(fold_conversation(policy, {earlier, stop, start}).opted_out);
    // Control: START a second later re-opts in.
    ConversationEvent later = start;
    later.at = kNow - 1h + 1s;
    CHECK_FALSE(fold_conversation(policy, {stop, later}).opted_out);
  }
}

}  // namespace history_instant_test
