// Opt-in rules: who may receive business-initiated messages.
//
// Meta, "Get opt-in for WhatsApp": business-initiated messages need an opt-in
// that is active, names the business, says what content will come, and is
// for the number the user controls. A customer's own message is not an
// opt-in: it opens a window in which replies need none (wire semantics 5).
// GDPR adds specificity per purpose (Art. 6(1)(a)) and withdrawal at any
// time, winning over earlier grants (Art. 7(3)).
#include <algorithm>

#include "rules/facts.h"
#include "sendpolicy/consent.h"
#include "sendpolicy/identity.h"
#include "sendpolicy/rule_calendar.h"

namespace sendpolicy {
namespace rules {
namespace {

// Whether `at` is the consumer's inbound message less than `window` ago.
bool recent(std::optional<Timestamp> at, Timestamp now, Duration window) noexcept {
  return at && *at <= now && now < *at + window;
}

// An SMS that answers the consumer's own text (wire v1.1): not marketing,
// within the policy's reply window (end exclusive) of their last inbound
// text, as the tracked window's last_inbound_at or as the last inbound `text`
// event in history says. Either is evidence on its own, so leaving one out
// never turns a refusal into a send (fail closed under removal).
bool is_sms_reply(const Facts& f) noexcept {
  // The knob only tightens: longer than 24 h would treat an old exchange
  // as a conversation the consumer is still having.
  const Duration window = std::min(f.policy.sms_reply_window, kMaxSmsReplyWindow);
  if (window <= Duration::zero() || f.category == Category::kMarketing || f.is_template) {
    return false;
  }
  const SendRequest& r = f.request;
  if (r.window && recent(r.window->last_inbound_at, r.now, window)) return true;
  for (auto e = r.history.rbegin(); e != r.history.rend(); ++e) {
    if (e->direction == Direction::kInbound && e->type == EventType::kText) {
      return recent(e->at, r.now, window);
    }
  }
  return false;
}

// Whether this message needs a standing opt-in (wire semantics 5).
bool needs_opt_in(const Facts& f) noexcept {
  // SMS has no window: every business text needs consent on file (CTIA
  // Messaging Principles), except a reply to the consumer's own text.
  if (f.request.channel == Channel::kSms) return !is_sms_reply(f);
  // A call needs the user's call permission (call_rules.cc), which is an
  // opt-in given in WhatsApp itself; a message opt-in is not asked for.
  if (f.request.message.kind == MessageKind::kCall) return false;
  if (!f.is_template) {
    // Free-form goes only inside a window, where it answers the customer.
    return f.policy.free_form_in_window_needs_opt_in;
  }
  if (f.window_open && f.category == Category::kUtility) {
    return f.policy.utility_in_window_needs_opt_in;
  }
  return true;  // marketing and authentication always; utility outside a window
}

void check_soft_requirement(Enforcement level, bool met, ReasonCode reason,
                            WarningCode warning, DecisionBuilder& out) noexcept {
  if (met || level == Enforcement::kIgnore) return;
  if (level == Enforcement::kDeny) {
    out.deny(reason);
  } else {
    out.warn(warning);
  }
}

// The one confirmation of an opt-out (47 CFR 64.1200(a)(12)): why
// `message.confirms_opt_out` does not make this message one, or empty if it
// does. `opted_out_at` is the keyword's or the withdrawal's time.
constexpr std::string_view kConfirmationRule = "fcc.opt_out.confirmation";
constexpr Duration kConfirmationWindow = std::chrono::minutes(5);

std::string_view confirmation_problem(const Facts& f,
                                      std::optional<Timestamp> opted_out_at) noexcept {
  const Timestamp now = f.request.now;
  if (!in_force(RuleChange::kFccOptOutConfirmation, now)) return "confirmation: before 2024-04-04";
  if (f.category == Category::kMarketing) return "confirmation: marketing content";
  if (!opted_out_at) return "confirmation: the opt-out's time is unknown";
  if (now >= *opted_out_at + kConfirmationWindow) {
    return "confirmation: 5 minutes or more after the opt-out";
  }
  for (const ConversationEvent& e : f.request.history) {
    // An outbound event at the opt-out's second is read as following it
    // (fail closed: the order within a second is not known).
    if (e.direction == Direction::kOutbound && e.at >= *opted_out_at) {
      return "confirmation: not the first message after the opt-out";
    }
  }
  return {};
}

// Reports the opt-out unless this is its one allowed confirmation.
void report_opt_out(const Facts& f, DecisionBuilder& out, std::string_view rule,
                    std::string_view detail, std::optional<Timestamp> opted_out_at,
                    std::optional<Timestamp> at) noexcept {
  if (f.request.message.confirms_opt_out) {
    const std::string_view problem = confirmation_problem(f, opted_out_at);
    if (!problem.empty()) out.deny(ReasonCode::kOptInWithdrawn, kConfirmationRule, problem, at);
    return;
  }
  out.deny(ReasonCode::kOptInWithdrawn, rule, detail, at);
}

}  // namespace

void check_consent(const Facts& f, DecisionBuilder& out) noexcept {
  const std::optional<ConsentRecord>& consent = f.request.consent;
  // An opt-out blocks every business message, even inside an open window,
  // and makes the consent's other properties moot (wire semantics 2 and 3);
  // its single confirmation is the exception, and needs no consent either.
  if (f.opted_out_in_history) {
    report_opt_out(f, out, "whatsapp.opt_in.keyword_opt_out", "keyword", f.opted_out_at,
                   std::nullopt);
    return;
  }
  if (consent && consent->withdrawn()) {
    // A call permission granted after the withdrawal is a later explicit act.
    const bool call_after = f.request.message.kind == MessageKind::kCall &&
                            consent->withdrawn_at &&
                            call_permission_granted_after(f.request, *consent->withdrawn_at);
    if (!call_after) {
      report_opt_out(f, out, {}, {}, consent->withdrawn_at, consent->withdrawn_at);
      return;
    }
  }
  const bool platform_needs = needs_opt_in(f);
  // A pack that requires consent for marketing reports a missing one under
  // its own id (pack_rules.cc); a consent it relies on must still be active,
  // informed, for this purpose and number (docs/packs.md, eu_gdpr), so an
  // in-window marketing reply cannot pass on a pre-ticked or foreign record.
  if (!platform_needs && !pack_judges_marketing_consent(f)) return;
  if (!consent) {
    if (platform_needs) out.deny(ReasonCode::kNoOptIn);
    return;
  }
  const ConsentRecord& c = *consent;
  const Policy& p = f.policy;
  if (!is_active_opt_in(c.method)) out.deny(ReasonCode::kOptInNotActive, {}, to_string(c.method));
  if (!c.notice.informed()) out.deny(ReasonCode::kOptInNotInformed);
  if (!c.covers(f.request.message.purpose)) out.deny(ReasonCode::kPurposeNotConsented);
  // Phones decide when both sides have one, else the WhatsApp user IDs do
  // (sendpolicy/identity.h); the detail names the identifier that failed.
  const IdentityMismatch mismatch = identity_mismatch(c, f.request.recipient);
  if (mismatch != IdentityMismatch::kNone) {
    out.deny(ReasonCode::kOptInNumberMismatch, {}, to_string(mismatch));
  }
  if (p.max_consent_age && c.granted_at && f.request.now >= *c.granted_at + *p.max_consent_age) {
    out.deny(ReasonCode::kOptInExpired, {}, {}, *c.granted_at + *p.max_consent_age);
  }
  if (p.require_double_opt_in && !c.double_opt_in_at) out.deny(ReasonCode::kDoubleOptInMissing);
  // Naming WhatsApp in the notice is a WhatsApp matter: not reported on
  // the other channels.
  if (f.request.channel == Channel::kWhatsApp) {
    check_soft_requirement(p.whatsapp_not_named, c.notice.whatsapp_named,
                           ReasonCode::kOptInWhatsAppNotNamed,
                           WarningCode::kOptInWhatsAppNotNamed, out);
  }
  check_soft_requirement(p.number_not_editable, c.notice.number_editable,
                         ReasonCode::kOptInNumberNotEditable,
                         WarningCode::kOptInNumberNotEditable, out);
}

}  // namespace rules
}  // namespace sendpolicy
