// Opt-in rules: when consent is needed and what makes it valid.
#include <functional>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

struct ConsentCase {
  const char* name;
  std::function<void(SendRequest&)> change;
  std::vector<ReasonCode> expected;  // exact reasons, catalogue order
};

std::vector<ReasonCode> codes(const SendDecision& d) {
  std::vector<ReasonCode> out;
  for (const Reason& r : d.reasons) out.push_back(r.code);
  return out;
}

}  // namespace

TEST_CASE("Opt-in validity for a template outside the window", "[consent]") {
  using RC = ReasonCode;
  const std::vector<ConsentCase> cases = {
      {"valid consent", [](SendRequest&) {}, {}},
      {"no consent on file", [](SendRequest& r) { r.consent.reset(); }, {RC::kNoOptIn}},
      {"pre-ticked box", [](SendRequest& r) { r.consent->method = ConsentMethod::kPreTicked; }, {RC::kOptInNotActive}},
      {"imported list", [](SendRequest& r) { r.consent->method = ConsentMethod::kImported; }, {RC::kOptInNotActive}},
      {"unknown method", [](SendRequest& r) { r.consent->method = ConsentMethod::kUnknown; }, {RC::kOptInNotActive}},
      {"keyword reply is active", [](SendRequest& r) { r.consent->method = ConsentMethod::kKeywordReply; }, {}},
      {"number entry is active", [](SendRequest& r) { r.consent->method = ConsentMethod::kNumberEntry; }, {}},
      {"signature is active", [](SendRequest& r) { r.consent->method = ConsentMethod::kSignature; }, {}},
      {"verbal is active", [](SendRequest& r) { r.consent->method = ConsentMethod::kVerbal; }, {}},
      {"business not named", [](SendRequest& r) { r.consent->notice.business_name_shown = false; }, {RC::kOptInNotInformed}},
      {"content not described", [](SendRequest& r) { r.consent->notice.content_described = false; }, {RC::kOptInNotInformed}},
      {"purpose not consented", [](SendRequest& r) { r.message.purpose = "promotions_sms"; }, {RC::kPurposeNotConsented}},
      {"no purposes covers nothing", [](SendRequest& r) { r.consent->purposes.clear(); }, {RC::kPurposeNotConsented}},
      {"empty message purpose", [](SendRequest& r) { r.message.purpose.clear(); }, {RC::kPurposeNotConsented}},
      {"another number", [](SendRequest& r) { r.consent->phone = "+393479999999"; }, {RC::kOptInNumberMismatch}},
      {"withdrawn consent alone", [](SendRequest& r) {
         r.consent->status = ConsentStatus::kWithdrawn;
         r.consent->withdrawn_at = r.now - 1h;
         r.consent->method = ConsentMethod::kPreTicked;  // moot once withdrawn
         r.consent->phone = "+393479999999";
       }, {RC::kOptInWithdrawn}},
      {"several failures reported together", [](SendRequest& r) {
         r.consent->method = ConsentMethod::kPreTicked;
         r.consent->notice.content_described = false;
         r.consent->phone = "+393479999999";
         r.message.purpose = "surveys";
       }, {RC::kOptInNotActive, RC::kOptInNotInformed, RC::kPurposeNotConsented, RC::kOptInNumberMismatch}},
  };
  for (const ConsentCase& c : cases) {
    SECTION(c.name) {
      SendRequest r = utility_template_request();
      c.change(r);
      const SendDecision d = evaluate(Policy::whatsapp(), r);
      CAPTURE(summary(d));
      CHECK(codes(d) == c.expected);
      CHECK(d.allowed() == c.expected.empty());
    }
  }
}

TEST_CASE("Which messages need an opt-in, inside and outside the window", "[consent][window]") {
  // Wire semantics 5: inside an open window, free-form and utility need no
  // opt-in; marketing and authentication templates do; outside, every template does.
  auto [kind, category, window_open, needs] = GENERATE(table<MessageKind, Category, bool, bool>({
      {MessageKind::kFreeForm, Category::kService, true, false},
      {MessageKind::kTemplate, Category::kUtility, true, false},
      {MessageKind::kTemplate, Category::kMarketing, true, true},
      {MessageKind::kTemplate, Category::kAuthentication, true, true},
      {MessageKind::kTemplate, Category::kUtility, false, true},
      {MessageKind::kTemplate, Category::kMarketing, false, true},
      {MessageKind::kTemplate, Category::kAuthentication, false, true},
  }));
  CAPTURE(to_string(kind), to_string(category), window_open);
  SendRequest r = utility_template_request();
  r.consent.reset();
  r.message.kind = kind;
  if (kind == MessageKind::kFreeForm) {
    r.message.template_info.reset();
  } else {
    r.message.template_info->category = category;
  }
  r.window = ServiceWindow{window_open ? r.now - 1h : r.now - 25h};
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.has(ReasonCode::kNoOptIn) == needs);
}

TEST_CASE("Policy knobs demand opt-in for replies inside the window", "[consent][policy]") {
  Policy p = Policy::whatsapp();
  SendRequest ff = free_form_reply_request();
  SendRequest util = utility_template_request();
  util.consent.reset();
  util.window = ServiceWindow{util.now - 1h};
  CHECK(evaluate(p, ff).allowed());
  CHECK(evaluate(p, util).allowed());
  p.free_form_in_window_needs_opt_in = true;
  p.utility_in_window_needs_opt_in = true;
  CHECK(evaluate(p, ff).has(ReasonCode::kNoOptIn));
  CHECK(evaluate(p, util).has(ReasonCode::kNoOptIn));
}

TEST_CASE("A withdrawn consent blocks even free-form replies in an open window", "[consent][window]") {
  SendRequest r = free_form_reply_request();
  r.consent = good_consent(r.now);
  r.consent->status = ConsentStatus::kWithdrawn;
  r.consent->withdrawn_at = r.now - 30min;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  REQUIRE(d.reasons.size() == 1);
  CHECK(d.reasons[0].code == ReasonCode::kOptInWithdrawn);
  CHECK(d.reasons[0].at == r.now - 30min);
}

TEST_CASE("An opt-out keyword in history blocks the next template", "[consent][history]") {
  SendRequest r = utility_template_request();
  r.history.push_back(ConversationEvent{r.now - 2h, Direction::kInbound, EventType::kText, " Stop. ", std::nullopt});
  SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.has(ReasonCode::kOptInWithdrawn));
  CHECK(d.reasons[0].rule == "whatsapp.opt_in.keyword_opt_out");
  r.history.push_back(ConversationEvent{r.now - 1h, Direction::kInbound, EventType::kText, "START", std::nullopt});
  d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed());
}

TEST_CASE("A sentence containing stop is not an opt-out", "[consent][history]") {
  SendRequest r = utility_template_request();
  r.history.push_back(ConversationEvent{r.now - 2h, Direction::kInbound, EventType::kText, "STOP PLEASE", std::nullopt});
  CHECK(evaluate(Policy::whatsapp(), r).allowed());
}

TEST_CASE("WhatsApp not named and number not editable: warn by default, deny by policy", "[consent][policy]") {
  SendRequest r = utility_template_request();
  r.consent->notice.whatsapp_named = false;
  r.consent->notice.number_editable = false;
  Policy p = Policy::whatsapp();
  SendDecision d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kOptInWhatsAppNotNamed));
  CHECK(d.has(WarningCode::kOptInNumberNotEditable));
  p.whatsapp_not_named = Enforcement::kDeny;
  p.number_not_editable = Enforcement::kDeny;
  d = evaluate(p, r);
  CHECK(d.has(ReasonCode::kOptInWhatsAppNotNamed));
  CHECK(d.has(ReasonCode::kOptInNumberNotEditable));
  p.whatsapp_not_named = Enforcement::kIgnore;
  p.number_not_editable = Enforcement::kIgnore;
  d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.warnings.empty());
}

TEST_CASE("Maximum consent age: the exact boundary is expired", "[consent][policy]") {
  Policy p = Policy::whatsapp();
  p.max_consent_age = std::chrono::hours(24 * 365);
  auto [age, expired] = GENERATE(table<Duration, bool>({
      {std::chrono::hours(24 * 365) - 1s, false},
      {std::chrono::hours(24 * 365), true},
      {std::chrono::hours(24 * 365) + 1s, true},
  }));
  CAPTURE(age.count());
  SendRequest r = utility_template_request();
  r.consent->granted_at = r.now - age;
  const SendDecision d = evaluate(p, r);
  CHECK(d.has(ReasonCode::kOptInExpired) == expired);
}

TEST_CASE("Double opt-in required by policy", "[consent][policy]") {
  Policy p = Policy::whatsapp();
  p.require_double_opt_in = true;
  SendRequest r = utility_template_request();
  CHECK(evaluate(p, r).has(ReasonCode::kDoubleOptInMissing));
  r.consent->double_opt_in_at = *r.consent->granted_at + 10min;
  CHECK(evaluate(p, r).allowed());
}
