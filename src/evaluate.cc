// evaluate(): validate, derive facts once, run every rule family, then settle
// the verdict. Rules never return early on a failure of another family, so a
// decision lists every failing reason.
#include "sendpolicy/evaluate.h"

#include "rules/facts.h"
#include "sendpolicy/consent.h"
#include "sendpolicy/identity.h"
#include "sendpolicy/lifecycle/conversation.h"
#include "sendpolicy/phone.h"
#include "sendpolicy/validate.h"

namespace sendpolicy {
namespace {

// Deny if anything blocks; defer if everything clears by waiting; else allow.
void settle(const rules::Facts& f, SendDecision& d) noexcept {
  if (d.reasons.empty()) {
    d.verdict = Verdict::kAllow;
    d.billing = rules::billing_for(f);
    return;
  }
  // The latest time as an instant and a flag, not an optional: copying a
  // reason's `at` whole, just after the rule wrote it field by field,
  // stalled on store forwarding (deferred decisions).
  bool all_deferrable = true;
  bool has_retry = false;
  Timestamp retry_at{};
  bool latest_is_quiet_hours = false;  // then it is permitted already
  for (const Reason& r : d.reasons) {
    if (!r.deferrable || !r.at) {
      all_deferrable = false;
      break;
    }
    const Timestamp at = *r.at;
    if (!has_retry || retry_at < at) {
      retry_at = at;
      has_retry = true;
      latest_is_quiet_hours = r.code == ReasonCode::kQuietHours;
    }
  }
  d.verdict = all_deferrable ? Verdict::kDefer : Verdict::kDeny;
  // The latest reason's time may fall in quiet hours (a cap clearing at
  // 20:30 local in Florida): retry_at is the earliest instant every rule
  // permits, so move it on to where the packs' hours open.
  if (all_deferrable && has_retry && !latest_is_quiet_hours) {
    retry_at = rules::quiet_hours_permit_from(f, retry_at);
  }
  if (all_deferrable && has_retry) {
    d.retry_at = retry_at;
  } else {
    d.retry_at.reset();
  }
  d.billing = Billing::kNone;
}

// Whether `consent` is a later explicit opt-in that undoes a keyword opt-out
// at `opted_out_at`. GDPR Art. 7(3) lets a withdrawal win only over earlier
// grants, but only an affirmative, informed opt-in for this number and this
// message's purpose is one: an imported list, a pre-ticked box or a consent
// for another number or purpose dated after STOP must not re-open a
// recipient who opted out (wire semantics 2), even for a reply in the window
// where the core opt-in rules would otherwise not look at the record.
bool supersedes_opt_out(const std::optional<ConsentRecord>& consent, Timestamp opted_out_at,
                        const SendRequest& request) noexcept {
  if (!consent || consent->withdrawn() || !consent->granted_at) return false;
  const ConsentRecord& c = *consent;
  return *c.granted_at > opted_out_at && is_active_opt_in(c.method) && c.notice.informed() &&
         consent_belongs_to(c, request.recipient) && c.covers(request.message.purpose);
}

}  // namespace

SendDecision evaluate(const Policy& policy, const SendRequest& request) noexcept {
  // The one decision, returned on every path so it is built in the caller's
  // storage (a copy costs ~10% of a decision: docs/performance.md).
  SendDecision d;
  rules::DecisionBuilder out(d);
  if (std::optional<FieldError> invalid = find_invalid_field(request)) {
    out.deny(ReasonCode::kInvalidRequest, {}, invalid->problem);
    d.invalid = invalid;
    d.verdict = Verdict::kDeny;
    d.billing = Billing::kNone;
    return d;
  }

  const ConversationState conversation =
      fold_conversation(policy, request.history, request.window);
  // History never grants consent by itself; a later explicit opt-in on file
  // may undo a keyword opt-out (supersedes_opt_out).
  const bool superseded =
      conversation.opted_out && conversation.opted_out_at &&
      supersedes_opt_out(request.consent, *conversation.opted_out_at, request);
  // A call is judged by the call permission: one the user granted after the
  // opt-out is a later explicit act that lets the call through.
  const bool superseded_by_call_permission =
      !superseded && conversation.opted_out && conversation.opted_out_at &&
      request.message.kind == MessageKind::kCall &&
      rules::call_permission_granted_after(request, *conversation.opted_out_at);
  const bool has_window = request.channel != Channel::kSms;
  // A recipient without `country` still has one (identity.h): a +1 SMS
  // with no country gets the US packs (fail closed) instead of none.
  const DestinationCountry destination = find_destination_country(request.recipient);
  const rules::Facts facts{
      policy,
      request,
      request.message.effective_category(),
      conversation.window,
      has_window && conversation.window.is_open(request.now, policy.service_window),
      has_window ? conversation.window.closes_at(policy.service_window) : std::nullopt,
      conversation.opted_out && !superseded && !superseded_by_call_permission,
      request.message.kind == MessageKind::kTemplate,
      destination.country,
      destination.from_phone,
      conversation.opted_out_at,
      policy.jurisdictions.selecting(destination.country, request.recipient.region),
  };

  // A loosening knob (window_openers) warns where it opened the window.
  if (facts.window_open &&
      !conversation.documented_window.is_open(request.now, policy.service_window)) {
    out.warn(WarningCode::kWindowOpenedByUndocumentedEvent);
  }
  if (superseded) out.warn(WarningCode::kOptOutSupersededByConsent);
  if (superseded_by_call_permission) {
    out.warn(WarningCode::kOptOutSupersededByConsent, "call permission");
  }
  if (conversation.re_opted_in_by == ReOptInModel::kExplicitKeyword) {
    out.warn(WarningCode::kReOptedInByKeyword);
  } else if (conversation.re_opted_in_by == ReOptInModel::kAnyInbound) {
    out.warn(WarningCode::kReOptedInByMessage);
  }
  // Families run roughly in code order (consent's codes come before the
  // template's) so a reason is usually appended, not inserted before one
  // just written. The order changes no decision: no two families report
  // the same code except consent and the packs, and packs run after both.
  rules::check_service_window(facts, out);
  rules::check_consent(facts, out);
  rules::check_template(facts, out);
  rules::check_marketing(facts, out);
  rules::check_channel(facts, out);
  rules::check_packs(facts, out);
  rules::check_calls(facts, out);
  // A decision that a pack of a derived country (one the caller never
  // named) blocked or deferred says the country was derived, and which.
  if (facts.country_derived && !facts.country.empty() && rules::pack_reason_raised(facts, d)) {
    out.warn(WarningCode::kCountryDerivedFromPhone, facts.country);
  }

  d.window.open = facts.window_open;
  d.window.closes_at = facts.closes_at;
  d.required_form = (facts.window_open || !has_window) ? RequiredForm::kAny : RequiredForm::kTemplate;
  settle(facts, d);
  return d;
}

}  // namespace sendpolicy
