// Scenarios from real conversations: what peers and platforms do, replayed
// through evaluate() with `history` (sources: /work/shared/docs/peers.md and
// legal-rules.md §10; issue and doc references in each row's name).
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

enum class Base {
  kUtilityTemplate,   // approved utility template, good consent on file
  kFreeForm,          // free-form reply, no consent, window only from history
  kMarketingNoConsent,  // marketing template, no consent on file
};

enum class Tweak { kNone, kAnyInbound, kFirstSentence, kFr, kPt, kDe, kEs };

struct Line {
  Duration ago;
  Direction direction;
  EventType type;
  const char* text;
};

constexpr Direction kIn = Direction::kInbound;
constexpr Direction kOut = Direction::kOutbound;
constexpr EventType kText = EventType::kText;

struct Scenario {
  const char* name;
  Base base;
  Tweak tweak;
  std::vector<Line> lines;
  Verdict verdict;
  std::optional<ReasonCode> reason;
  std::optional<WarningCode> warning = std::nullopt;
};

SendRequest request_for(const Scenario& s) {
  SendRequest r;
  switch (s.base) {
    case Base::kUtilityTemplate:
      r = utility_template_request();
      break;
    case Base::kFreeForm:
      r = free_form_reply_request();
      r.window.reset();
      break;
    case Base::kMarketingNoConsent:
      r = marketing_template_request();
      r.consent.reset();
      break;
  }
  for (const Line& l : s.lines) {
    r.history.push_back({r.now - l.ago, l.direction, l.type, l.text,
                         l.direction == kIn ? std::nullopt : std::optional<Sender>(Sender::kAutomation)});
  }
  return r;
}

Policy policy_for(Tweak t) {
  Policy p = Policy::whatsapp();
  switch (t) {
    case Tweak::kNone: break;
    case Tweak::kAnyInbound: p.re_opt_in = ReOptInModel::kAnyInbound; break;
    case Tweak::kFirstSentence: p.keywords.opt_out_first_sentence = true; break;
    case Tweak::kFr: p.keywords.locales.add(KeywordLocale::kFr); break;
    case Tweak::kPt: p.keywords.locales.add(KeywordLocale::kPt); break;
    case Tweak::kDe: p.keywords.locales.add(KeywordLocale::kDe); break;
    case Tweak::kEs: p.keywords.locales.add(KeywordLocale::kEs); break;
  }
  return p;
}

const Verdict kAllow = Verdict::kAllow;
const Verdict kDeny = Verdict::kDeny;
constexpr auto kWithdrawn = ReasonCode::kOptInWithdrawn;
constexpr auto kOutside = ReasonCode::kOutsideServiceWindow;

const std::vector<Scenario>& scenarios() {
  using namespace std::chrono_literals;
  static const std::vector<Scenario> all = {
      // --- Twilio single-word STOP filtering (advanced opt-out docs) ---
      {"Twilio: STOP blocks the next template", Base::kUtilityTemplate, Tweak::kNone,
       {{2h, kIn, kText, "STOP"}}, kDeny, kWithdrawn},
      {"Twilio: 'STOP PLEASE' is not a keyword", Base::kUtilityTemplate, Tweak::kNone,
       {{2h, kIn, kText, "STOP PLEASE"}}, kAllow, std::nullopt},
      {"Twilio: STOP then START re-subscribes", Base::kUtilityTemplate, Tweak::kNone,
       {{3h, kIn, kText, "STOP"}, {2h, kOut, kText, "You have been unsubscribed."}, {1h, kIn, kText, "START"}},
       kAllow, std::nullopt, WarningCode::kReOptedInByKeyword},
      {"Twilio: STOP then YES re-subscribes", Base::kUtilityTemplate, Tweak::kNone,
       {{3h, kIn, kText, "stop"}, {1h, kIn, kText, "Yes"}}, kAllow, std::nullopt, WarningCode::kReOptedInByKeyword},
      {"Twilio: STOP then UNSTOP re-subscribes", Base::kUtilityTemplate, Tweak::kNone,
       {{3h, kIn, kText, "STOP"}, {1h, kIn, kText, "unstop"}}, kAllow, std::nullopt, WarningCode::kReOptedInByKeyword},
      {"Twilio: STOP then an ordinary message stays opted out", Base::kUtilityTemplate, Tweak::kNone,
       {{3h, kIn, kText, "STOP"}, {1h, kIn, kText, "where is my parcel?"}}, kDeny, kWithdrawn},
      {"Twilio: STOP, START, STOP ends opted out", Base::kUtilityTemplate, Tweak::kNone,
       {{3h, kIn, kText, "STOP"}, {2h, kIn, kText, "START"}, {1h, kIn, kText, "STOP"}}, kDeny, kWithdrawn},
      {"Twilio: STOP with an emoji", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "STOP \xF0\x9F\x9B\x91"}}, kDeny, kWithdrawn},
      {"Twilio: full-width STOP from a CJK keyboard", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB0"}}, kDeny, kWithdrawn},
      {"Telnyx: 'STOP ALL'", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "Stop all"}}, kDeny, kWithdrawn},
      // --- Odoo whatsapp module (whatsapp_message.py create()) ---
      {"Odoo: 'stop.' opts out", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "stop."}}, kDeny, kWithdrawn},
      {"Odoo: 'Stop!!' opts out", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "Stop!!"}}, kDeny, kWithdrawn},
      {"Odoo: 'unsubscribe' opts out", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "unsubscribe"}}, kDeny, kWithdrawn},
      {"Odoo: 'Stop please' does not", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "Stop please"}}, kAllow, std::nullopt},
      {"Odoo: 'Stop promotions' is not a full opt-out", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "Stop promotions"}}, kAllow, std::nullopt},
      {"Odoo: any inbound after STOP re-opts in (any_inbound)", Base::kUtilityTemplate, Tweak::kAnyInbound,
       {{3h, kIn, kText, "STOP"}, {1h, kIn, kText, "Hi"}}, kAllow, std::nullopt, WarningCode::kReOptedInByMessage},
      {"Odoo model: a photo after STOP re-opts in", Base::kUtilityTemplate, Tweak::kAnyInbound,
       {{3h, kIn, kText, "STOP"}, {1h, kIn, EventType::kMedia, ""}}, kAllow, std::nullopt,
       WarningCode::kReOptedInByMessage},
      {"Odoo model: our own reply after STOP does not", Base::kUtilityTemplate, Tweak::kAnyInbound,
       {{3h, kIn, kText, "STOP"}, {1h, kOut, kText, "Sorry to see you go"}}, kDeny, kWithdrawn},
      {"Odoo model: HELP after STOP is not consent", Base::kUtilityTemplate, Tweak::kAnyInbound,
       {{3h, kIn, kText, "STOP"}, {1h, kIn, kText, "HELP"}}, kDeny, kWithdrawn},
      {"Odoo: STOP blocks templates and free-form alike", Base::kFreeForm, Tweak::kNone,
       {{3h, kIn, kText, "my order is late"}, {1h, kIn, kText, "STOP"}}, kDeny, kWithdrawn},
      // --- Spoke #1016, p2pu #593 ---
      {"Spoke #1016: 'We have got to STOP this bill'", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "We have got to STOP this bill"}}, kAllow, std::nullopt},
      {"Spoke #1016: a bare 'stop'", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "stop"}}, kDeny, kWithdrawn},
      {"p2pu #593: 'Stop. Thank you' is not matched by default", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "Stop. Thank you"}}, kAllow, std::nullopt},
      {"p2pu #593: 'Stop. Thank you' with first-sentence matching", Base::kUtilityTemplate, Tweak::kFirstSentence,
       {{1h, kIn, kText, "Stop. Thank you"}}, kDeny, kWithdrawn},
      // --- Rock RMS #6399 (FCC 2024 list), whatomate #539 ---
      {"Rock RMS #6399: REVOKE", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "REVOKE"}}, kDeny, kWithdrawn},
      {"Rock RMS #6399: OPTOUT", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "OPTOUT"}}, kDeny, kWithdrawn},
      {"FCC: 'opt out'", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "opt out"}}, kDeny, kWithdrawn},
      {"whatomate #539: CANCEL", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "CANCEL"}}, kDeny, kWithdrawn},
      {"whatomate #539: QUIT", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "Quit"}}, kDeny, kWithdrawn},
      {"CTIA: END", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "END"}}, kDeny, kWithdrawn},
      // --- Locale packs (AWS French Canada, Brazilian carriers, proposals) ---
      {"AWS French Canada: ARRET without the pack is not read", Base::kUtilityTemplate, Tweak::kNone,
       {{1h, kIn, kText, "ARR\xC3\x8AT"}}, kAllow, std::nullopt},
      {"AWS French Canada: ARRÊT with the fr pack", Base::kUtilityTemplate, Tweak::kFr,
       {{1h, kIn, kText, "ARR\xC3\x8AT"}}, kDeny, kWithdrawn},
      {"Brazil: SAIR with the pt pack", Base::kUtilityTemplate, Tweak::kPt,
       {{1h, kIn, kText, "Sair"}}, kDeny, kWithdrawn},
      {"Germany: STOPP with the de pack", Base::kUtilityTemplate, Tweak::kDe,
       {{1h, kIn, kText, "Stopp!"}}, kDeny, kWithdrawn},
      {"Spain: BAJA with the es pack", Base::kUtilityTemplate, Tweak::kEs,
       {{1h, kIn, kText, "baja"}}, kDeny, kWithdrawn},
      // --- Windows: Chatwoot, Zammad, Meta (peers.md §1, §3, §5) ---
      {"Chatwoot: in 6 h / out 1 h keeps the window open", Base::kFreeForm, Tweak::kNone,
       {{6h, kIn, kText, "hello"}, {1h, kOut, kText, "hi, how can I help?"}}, kAllow, std::nullopt},
      {"Chatwoot: in 25 h / out 1 h is closed", Base::kFreeForm, Tweak::kNone,
       {{25h, kIn, kText, "hello"}, {1h, kOut, kText, "are you there?"}}, kDeny, kOutside},
      {"Chatwoot: in 10 d then in 6 h is open", Base::kFreeForm, Tweak::kNone,
       {{240h, kIn, kText, "hello"}, {6h, kIn, kText, "again"}}, kAllow, std::nullopt},
      {"Chatwoot: only our template, never an incoming", Base::kFreeForm, Tweak::kNone,
       {{2h, kOut, EventType::kTemplate, ""}}, kDeny, kOutside},
      {"Zammad: incoming exactly 24 h ago is closed", Base::kFreeForm, Tweak::kNone,
       {{24h, kIn, kText, "hello"}}, kDeny, kOutside},
      {"Zammad: incoming 24 h minus 1 s ago is open, closing soon", Base::kFreeForm, Tweak::kNone,
       {{24h - 1s, kIn, kText, "hello"}}, kAllow, std::nullopt, WarningCode::kWindowClosingSoon},
      {"Meta: a call opens the window", Base::kFreeForm, Tweak::kNone,
       {{2h, kIn, EventType::kCall, ""}}, kAllow, std::nullopt},
      {"Meta: a reaction alone does not (default)", Base::kFreeForm, Tweak::kNone,
       {{2h, kIn, EventType::kReaction, ""}}, kDeny, kOutside},
      {"Meta: read receipts do not refresh a closed window", Base::kFreeForm, Tweak::kNone,
       {{30h, kIn, kText, "hello"}, {2h, kOut, EventType::kStatus, "read"}}, kDeny, kOutside},
      // --- Braze / Meta opt-in: writing in is not consent to marketing ---
      {"Braze: an inbound message alone does not subscribe", Base::kMarketingNoConsent, Tweak::kNone,
       {{1h, kIn, kText, "hi, any offers?"}}, kDeny, ReasonCode::kNoOptIn},
      {"Gupshup 1012: opted out blocks replies inside the window", Base::kFreeForm, Tweak::kNone,
       {{2h, kIn, kText, "STOP"}, {1h, kIn, kText, "what?"}}, kDeny, kWithdrawn},
  };
  return all;
}

}  // namespace

TEST_CASE("Scenarios from real conversations", "[lifecycle][scenarios]") {
  REQUIRE(scenarios().size() >= 30);
  for (const Scenario& s : scenarios()) {
    DYNAMIC_SECTION(s.name) {
      const SendRequest r = request_for(s);
      REQUIRE_FALSE(find_invalid_field(r).has_value());
      const SendDecision d = evaluate(policy_for(s.tweak), r);
      CAPTURE(explain(d));
      CHECK(d.verdict == s.verdict);
      if (s.reason) CHECK(d.has(*s.reason));
      if (s.warning) CHECK(d.has(*s.warning));
      if (!s.warning) {
        CHECK_FALSE(d.has(WarningCode::kReOptedInByKeyword));
        CHECK_FALSE(d.has(WarningCode::kReOptedInByMessage));
      }
    }
  }
}
