// The history fold and its use in evaluate(): which events open the window,
// keyword opt-outs, both re-opt-in models, and fail-closed validation.
#include "sendpolicy/lifecycle/conversation.h"

#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace conversation_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");

ConversationEvent in(Duration ago, const char* text, EventType type = EventType::kText) {
  return ConversationEvent{kNow - ago, Direction::kInbound, type, text, std::nullopt};
}
ConversationEvent out(Duration ago, const char* text, EventType type = EventType::kText) {
  return ConversationEvent{kNow - ago, Direction::kOutbound, type, text, Sender::kAutomation};
}

}  // namespace

TEST_CASE("opens_window(): only inbound messages and calls, knobs for the rest", "[lifecycle][history]") {
  const auto [direction, type, opens] = GENERATE(table<Direction, EventType, bool>({
      {Direction::kInbound, EventType::kText, true},
      {Direction::kInbound, EventType::kMedia, true},
      {Direction::kInbound, EventType::kButtonReply, true},
      {Direction::kInbound, EventType::kCall, true},
      {Direction::kInbound, EventType::kReaction, false},
      {Direction::kInbound, EventType::kSystem, false},
      {Direction::kInbound, EventType::kTemplate, false},
      {Direction::kInbound, EventType::kStatus, false},
      {Direction::kOutbound, EventType::kText, false},
      {Direction::kOutbound, EventType::kMedia, false},
      {Direction::kOutbound, EventType::kTemplate, false},
      {Direction::kOutbound, EventType::kStatus, false},
      {Direction::kOutbound, EventType::kCall, false},
      {Direction::kOutbound, EventType::kReaction, false},
  }));
  const ConversationEvent e{kNow - 1h, direction, type, "hi",
                            direction == Direction::kInbound ? std::nullopt : std::optional<Sender>(Sender::kHuman)};
  CAPTURE(to_string(direction), to_string(type));
  CHECK(opens_window(e, WindowOpeners{}) == opens);
  const ConversationState s = fold_conversation(Policy::whatsapp(), {e});
  CHECK(s.window.is_open(kNow) == opens);
  // The knobs widen only reactions and system events, and only inbound.
  const WindowOpeners all{true, true};
  const bool widened = direction == Direction::kInbound &&
                       (type == EventType::kReaction || type == EventType::kSystem);
  CHECK(opens_window(e, all) == (opens || widened));
}

TEST_CASE("The window closes 24 h after the LAST customer contact", "[lifecycle][history]") {
  // YCloud's worked timeline: question 09:00, reply 09:15, new question 14:00.
  const Timestamp mon = at("2026-03-02T09:00:00Z");
  const std::vector<ConversationEvent> h = {
      {mon, Direction::kInbound, EventType::kText, "is it in stock?", std::nullopt},
      {mon + 15min, Direction::kOutbound, EventType::kText, "yes", Sender::kHuman},
      {mon + 5h, Direction::kInbound, EventType::kText, "great, and in blue?", std::nullopt},
      {mon + 6h, Direction::kOutbound, EventType::kTemplate, "", Sender::kAutomation},
  };
  const ConversationState s = fold_conversation(Policy::whatsapp(), h);
  REQUIRE(s.window.closes_at());
  CHECK(*s.window.closes_at() == mon + 5h + 24h);
  CHECK(s.window.is_open(mon + 29h - 1s));
  CHECK_FALSE(s.window.is_open(mon + 29h));
}

TEST_CASE("A tracked window is kept, refreshed only by later contact", "[lifecycle][history]") {
  const ServiceWindow tracked{kNow - 3h, EntryPoint::kCtwaAd};
  const ConversationState older = fold_conversation(Policy::whatsapp(), {in(5h, "hi")}, tracked);
  CHECK(older.window.last_inbound_at == kNow - 3h);
  CHECK(older.window.entry_point == EntryPoint::kCtwaAd);
  const ConversationState newer = fold_conversation(Policy::whatsapp(), {in(1h, "hi")}, tracked);
  CHECK(newer.window.last_inbound_at == kNow - 1h);
  CHECK(newer.window.entry_point == EntryPoint::kCtwaAd);
}

TEST_CASE("Keyword transitions under both re-opt-in models", "[lifecycle][history][keywords]") {
  struct Row {
    const char* name;
    std::vector<ConversationEvent> history;
    ReOptInModel model;
    bool opted_out;
    std::optional<ReOptInModel> re_opted_in_by;
  };
  const std::vector<Row> rows = {
      {"nothing", {in(3h, "hi")}, ReOptInModel::kExplicitKeyword, false, std::nullopt},
      {"STOP", {in(3h, "STOP")}, ReOptInModel::kExplicitKeyword, true, std::nullopt},
      {"STOP then START", {in(3h, "STOP"), in(2h, "START")}, ReOptInModel::kExplicitKeyword, false,
       ReOptInModel::kExplicitKeyword},
      {"STOP then START (any inbound)", {in(3h, "STOP"), in(2h, "start")}, ReOptInModel::kAnyInbound,
       false, ReOptInModel::kExplicitKeyword},
      {"STOP then hi (explicit)", {in(3h, "STOP"), in(2h, "hi")}, ReOptInModel::kExplicitKeyword, true,
       std::nullopt},
      {"STOP then hi (any inbound)", {in(3h, "STOP"), in(2h, "hi")}, ReOptInModel::kAnyInbound, false,
       ReOptInModel::kAnyInbound},
      {"STOP then a photo (any inbound)", {in(3h, "STOP"), in(2h, "", EventType::kMedia)},
       ReOptInModel::kAnyInbound, false, ReOptInModel::kAnyInbound},
      {"STOP then a call (any inbound)", {in(3h, "STOP"), in(2h, "", EventType::kCall)},
       ReOptInModel::kAnyInbound, false, ReOptInModel::kAnyInbound},
      {"STOP then HELP (any inbound)", {in(3h, "STOP"), in(2h, "HELP")}, ReOptInModel::kAnyInbound, true,
       std::nullopt},
      {"STOP then a reaction (any inbound)", {in(3h, "STOP"), in(2h, "", EventType::kReaction)},
       ReOptInModel::kAnyInbound, true, std::nullopt},
      {"STOP then our reply (any inbound)", {in(3h, "STOP"), out(2h, "You are unsubscribed")},
       ReOptInModel::kAnyInbound, true, std::nullopt},
      {"STOP START STOP", {in(3h, "STOP"), in(2h, "START"), in(1h, "stop")},
       ReOptInModel::kExplicitKeyword, true, std::nullopt},
      {"START alone", {in(3h, "START")}, ReOptInModel::kExplicitKeyword, false, std::nullopt},
      {"business writes STOP", {out(3h, "Reply STOP to unsubscribe")}, ReOptInModel::kExplicitKeyword,
       false, std::nullopt},
      {"STOP button", {in(3h, "Stop", EventType::kButtonReply)}, ReOptInModel::kExplicitKeyword, true,
       std::nullopt},
      {"media caption STOP is not read", {in(3h, "STOP", EventType::kMedia)},
       ReOptInModel::kExplicitKeyword, false, std::nullopt},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Policy p = Policy::whatsapp();
      p.re_opt_in = row.model;
      const ConversationState s = fold_conversation(p, row.history);
      CHECK(s.opted_out == row.opted_out);
      CHECK(s.re_opted_in_by == row.re_opted_in_by);
      CHECK(s.opted_out_at.has_value() == (row.opted_out || row.re_opted_in_by.has_value()));
    }
  }
}

TEST_CASE("Help keywords are recorded and change nothing else", "[lifecycle][history][keywords]") {
  const ConversationState s = fold_conversation(Policy::whatsapp(), {in(2h, "HELP"), in(1h, "ok")});
  CHECK(s.help_requested_at == kNow - 2h);
  CHECK_FALSE(s.opted_out);
}

TEST_CASE("History in evaluate(): an opt-out in the thread blocks the next message",
          "[lifecycle][history][evaluate]") {
  SendRequest r = utility_template_request();
  r.history = {in(3h, "where is my order?"), out(2h, "on its way"), in(1h, " Stop. ")};
  SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  REQUIRE(d.reasons.size() == 1);
  CHECK(d.reasons[0].code == ReasonCode::kOptInWithdrawn);
  CHECK(d.reasons[0].rule == "whatsapp.opt_in.keyword_opt_out");

  SECTION("free-form replies in the open window too") {
    SendRequest f = free_form_reply_request();
    f.history = r.history;
    CHECK(evaluate(Policy::whatsapp(), f).has(ReasonCode::kOptInWithdrawn));
  }
  SECTION("START restores, and the decision says which model applied") {
    r.history.push_back(in(30min, "START"));
    d = evaluate(Policy::whatsapp(), r);
    CHECK(d.allowed());
    CHECK(d.has(WarningCode::kReOptedInByKeyword));
    CHECK_FALSE(d.has(WarningCode::kReOptedInByMessage));
  }
  SECTION("any message restores only under kAnyInbound") {
    r.history.push_back(in(30min, "ok thanks"));
    CHECK_FALSE(evaluate(Policy::whatsapp(), r).allowed());
    Policy p = Policy::whatsapp();
    p.re_opt_in = ReOptInModel::kAnyInbound;
    d = evaluate(p, r);
    CHECK(d.allowed());
    CHECK(d.has(WarningCode::kReOptedInByMessage));
  }
  SECTION("a consent granted after the opt-out is a later explicit opt-in") {
    r.consent->granted_at = r.now - 30min;
    d = evaluate(Policy::whatsapp(), r);
    CHECK(d.allowed());
    CHECK(d.has(WarningCode::kOptOutSupersededByConsent));
  }
  SECTION("only an explicit opt-in for this number and purpose supersedes it") {
    // A reply in the open window needs no opt-in of its own, so a record
    // that merely post-dates STOP must not be what lets it through.
    SendRequest f = free_form_reply_request();
    f.history = r.history;
    f.consent = r.consent;
    f.consent->granted_at = f.now - 30min;
    f.consent->purposes = {f.message.purpose};
    REQUIRE(evaluate(Policy::whatsapp(), f).allowed());
    const std::vector<std::pair<const char*, void (*)(ConsentRecord&)>> rows = {
        {"imported", [](ConsentRecord& c) { c.method = ConsentMethod::kImported; }},
        {"pre-ticked", [](ConsentRecord& c) { c.method = ConsentMethod::kPreTicked; }},
        {"uninformed", [](ConsentRecord& c) { c.notice.business_name_shown = false; }},
        {"other number", [](ConsentRecord& c) { c.phone = "+393479999999"; }},
        {"other purpose", [](ConsentRecord& c) { c.purposes = {"marketing"}; }},
    };
    for (const auto& [name, spoil] : rows) {
      CAPTURE(name);
      SendRequest g = f;
      spoil(*g.consent);
      d = evaluate(Policy::whatsapp(), g);
      CHECK(d.verdict == Verdict::kDeny);
      REQUIRE(d.reasons.size() == 1);
      CHECK(d.reasons[0].rule == "whatsapp.opt_in.keyword_opt_out");
      CHECK_FALSE(d.has(WarningCode::kOptOutSupersededByConsent));
    }
  }
  SECTION("a consent granted at the same instant does not supersede it") {
    r.consent->granted_at = r.now - 1h;
    CHECK_FALSE(evaluate(Policy::whatsapp(), r).allowed());
  }
  SECTION("history never grants: START after a withdrawn record leaves it withdrawn") {
    r.history = {in(1h, "START")};
    r.consent->status = ConsentStatus::kWithdrawn;
    r.consent->withdrawn_at = r.now - 2h;
    d = evaluate(Policy::whatsapp(), r);
    CHECK(d.has(ReasonCode::kOptInWithdrawn));
    CHECK_FALSE(d.has(WarningCode::kReOptedInByKeyword));
  }
  SECTION("locale packs reach evaluate()") {
    r.history = {in(1h, "Arr\xC3\xAAt")};
    CHECK(evaluate(Policy::whatsapp(), r).allowed());
    Policy p = Policy::whatsapp();
    p.keywords.locales.add(KeywordLocale::kFr);
    CHECK(evaluate(p, r).has(ReasonCode::kOptInWithdrawn));
  }
}

TEST_CASE("Invalid history fails closed, naming the event", "[lifecycle][history][validate]") {
  struct Row {
    const char* name;
    std::vector<ConversationEvent> history;
    const char* path;
  };
  const ConversationEvent bad_type{kNow - 1h, Direction::kInbound, static_cast<EventType>(42), "", std::nullopt};
  const std::vector<Row> rows = {
      {"after now", {in(2h, "hi"), in(-1s, "hi")}, "history[1].at: is after now"},
      {"out of order", {in(1h, "hi"), in(2h, "hi")}, "history[1].at: is earlier"},
      {"no direction", {ConversationEvent{}}, "history[0].direction: is required"},
      {"no time", {ConversationEvent{std::nullopt, Direction::kInbound, EventType::kText, "", std::nullopt}},
       "history[0].at: is required"},
      {"unknown type", {in(2h, "a"), in(2h, "b"), bad_type}, "history[2].type: is not a known event type"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      SendRequest r = free_form_reply_request();
      r.history = row.history;
      const SendDecision d = evaluate(Policy::whatsapp(), r);
      CHECK(d.has(ReasonCode::kInvalidRequest));
      CHECK_FALSE(d.allowed());
      const absl::Status s = validate(r);
      CHECK(s.message().find(row.path) == 0);
      REQUIRE(find_invalid_event(r.history, r.now));
    }
  }
  CHECK_FALSE(find_invalid_event({in(2h, "a"), in(2h, "b"), in(0s, "c")}, kNow));
}

}  // namespace conversation_test
