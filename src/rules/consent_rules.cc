// Opt-in rules: who may receive business-initiated messages.
//
// Meta, "Get opt-in for WhatsApp": business-initiated messages need an opt-in
// that is active, names the business, says what content will come, and is
// for the number the user controls. A customer's own message is not an
// opt-in: it opens a window in which replies need none (wire semantics 5).
// GDPR adds specificity per purpose (Art. 6(1)(a)) and withdrawal at any
// time, winning over earlier grants (Art. 7(3)).
#include "rules/facts.h"
#include "sendpolicy/consent.h"
#include "sendpolicy/identity.h"

namespace sendpolicy {
namespace rules {
namespace {

// Whether this message needs a standing opt-in (wire semantics 5).
bool needs_opt_in(const Facts& f) noexcept {
  // SMS has no window to reply in: every business text needs consent on file
  // (CTIA Messaging Principles: informational and promotional traffic).
  if (f.request.channel == Channel::kSms) return true;
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

}  // namespace

void check_consent(const Facts& f, DecisionBuilder& out) noexcept {
  const std::optional<ConsentRecord>& consent = f.request.consent;
  // An opt-out blocks every business message, even inside an open window,
  // and makes the consent's other properties moot (wire semantics 2 and 3).
  if (f.opted_out_in_history) {
    out.deny(ReasonCode::kOptInWithdrawn, "whatsapp.opt_in.keyword_opt_out", "keyword");
    return;
  }
  if (consent && consent->withdrawn()) {
    out.deny(ReasonCode::kOptInWithdrawn, {}, {}, consent->withdrawn_at);
    return;
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
  check_soft_requirement(p.whatsapp_not_named, c.notice.whatsapp_named,
                         ReasonCode::kOptInWhatsAppNotNamed,
                         WarningCode::kOptInWhatsAppNotNamed, out);
  check_soft_requirement(p.number_not_editable, c.notice.number_editable,
                         ReasonCode::kOptInNumberNotEditable,
                         WarningCode::kOptInNumberNotEditable, out);
}

}  // namespace rules
}  // namespace sendpolicy
