// sendpolicy/lifecycle/consent_ledger.h
//
// Backends rarely hold a tidy "current consent"; they hold events: a web form
// submitted, a double opt-in link clicked, a customer writing STOP, an agent
// recording a verbal withdrawal. A consent ledger is that append-only list,
// oldest first, for one (recipient number, business); `fold_consent()` turns
// it into the ConsentRecord evaluate() reads. The ledger itself is the record
// a regulator can be shown (GDPR Art. 7(1), EDPB Guidelines 05/2020 §5.1).
//
// WhatsApp may hide a user's number and name them by a business-scoped user
// ID (BSUID, sendpolicy/user_id.h) instead, so an event is keyed by a phone,
// a user ID, or both. An event carrying both, or an IdentityLink the caller
// supplies (from a webhook that carried `wa_id` and `user_id`, or from its
// contact book), says they are one user: events keyed by either then fold
// into one ledger, and the folded record carries both identifiers, so it
// matches a recipient known by either (sendpolicy/identity.h). A number
// belongs to one user ID and a user ID to one number: a link contradicting
// another is an error. A BSUID changes when the user changes number
// (webhook system messages `user_changed_number` / `user_changed_user_id`):
// the new pair is a new identity and a new ledger, and consent does not
// follow it by itself (docs/identity.md says what to carry over).
//
// Rules of the fold (docs/lifecycle.md has the state diagram):
// - Withdrawal is as easy as giving and wins over every earlier grant (GDPR
//   Art. 7(3)); every grant at the same instant as a withdrawal loses to it,
//   whatever order the two were stored in (events of one instant are applied
//   grants first, withdrawals last). Only a later explicit opt-in
//   (`kOptInCollected` or `kReOptIn`) restores consent.
// - Withdrawal may name purposes: withdrawing "marketing" keeps
//   "order_updates" (EDPB 05/2020 §3.1.3, per-purpose granularity). Such a
//   withdrawal is recorded in every state (before any opt-in, while
//   withdrawn or expired) and only a later opt-in or re-opt-in that names
//   the purpose restores it: not `kPurposesAdded`, not an empty re-opt-in.
// - Expiry (a refresh policy, a statutory lapse) leaves no consent on file:
//   `consent` is nullopt, so replies inside the window still go.
// - Bad ledgers fail with InvalidArgument naming the event: an event after
//   `now` (clock skew), events out of order, a missing time, unknown kinds, an
//   empty purpose string, a double opt-in or purpose change (added or
//   removed) with nothing granted, events of another user or business,
//   contradicting phone/user ID links.
//
//   std::vector<sendpolicy::ConsentEvent> ledger = {
//       sendpolicy::ConsentEvent::opt_in(t0, "+393471234567", "acme",
//                                        {"order_updates", "marketing"}),
//       sendpolicy::ConsentEvent::withdrawal(t1, "+393471234567", "acme",
//                                            sendpolicy::WithdrawalChannel::kKeyword,
//                                            {"marketing"}),
//   };
//   absl::StatusOr<sendpolicy::FoldedConsent> c = sendpolicy::fold_consent(ledger, now);
//   request.consent = c->consent;  // granted, purposes {"order_updates"}
#ifndef SENDPOLICY_LIFECYCLE_CONSENT_LEDGER_H_
#define SENDPOLICY_LIFECYCLE_CONSENT_LEDGER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sendpolicy/consent.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

enum class ConsentEventKind : unsigned char {
  kOptInCollected,        // a new opt-in: replaces purposes, notice, method, evidence
  kDoubleOptInConfirmed,  // the confirmation link or reply of a double opt-in
  kPurposesAdded,         // more purposes on a standing consent
  kPurposesRemoved,       // fewer purposes (the business stops a kind of message)
  kWithdrawn,             // by the user (UI, keyword) or recorded by an agent
  kReOptIn,               // explicit opt-in after a withdrawal (START, a form)
  kExpired,               // consent lapsed (refresh policy, CASL implied consent)
};

// How a withdrawal reached the business (GDPR Art. 7(3): every way counts).
enum class WithdrawalChannel : unsigned char { kUi, kAgent, kKeyword, kEmail, kOther };

template <>
struct EnumTraits<ConsentEventKind> {
  static constexpr std::string_view kNames[] = {
      "opt_in_collected", "double_opt_in_confirmed", "purposes_added", "purposes_removed",
      "withdrawn",        "re_opt_in",               "expired"};
  static constexpr std::size_t kCount = 7;
};
template <>
struct EnumTraits<WithdrawalChannel> {
  static constexpr std::string_view kNames[] = {"ui", "agent", "keyword", "email", "other"};
  static constexpr std::size_t kCount = 5;
};

struct ConsentEvent {
  // When it happened. Required: nullopt is "missing"; the epoch is a time.
  std::optional<Timestamp> at;
  ConsentEventKind kind = ConsentEventKind::kOptInCollected;
  std::string phone;     // E.164, or empty if only user_id is known; the key with `business`
  std::string business;  // the controller or brand the consent is for
  // Opt-in, re-opt-in: the purposes granted (re-opt-in: empty restores the
  // purposes held before the withdrawal, except those withdrawn one by
  // one). Purposes added/removed: those. Withdrawal: the purposes withdrawn;
  // empty withdraws everything. An empty string is an error.
  std::vector<std::string> purposes;
  // Opt-in: how it was collected (required). Re-opt-in: nullopt keeps the
  // previous value. Ignored by other kinds.
  std::optional<ConsentMethod> method;
  std::optional<ConsentSource> source;
  std::optional<ConsentBasis> basis;
  std::optional<NoticeShown> notice;
  std::string notice_version;  // empty keeps the previous one on re-opt-in
  std::string evidence_ref;    // form id, recording, DOI confirmation
  WithdrawalChannel via = WithdrawalChannel::kOther;  // withdrawals only
  std::string recorded_by;     // who recorded it: "customer", an agent id
  // The user's WhatsApp BSUID, or empty. One of `phone` and `user_id` is
  // required; an event with both links them (see the file comment).
  std::string user_id;

  // Builders for the common events. `who` is an E.164 number or a WhatsApp
  // user ID: a BSUID ("US.1349...", never a valid E.164 number, which starts
  // with '+') goes to `user_id`, anything else to `phone`.
  static ConsentEvent opt_in(Timestamp at, std::string who, std::string business,
                             std::vector<std::string> purposes,
                             ConsentMethod method = ConsentMethod::kCheckbox,
                             ConsentSource source = ConsentSource::kWebsite);
  static ConsentEvent withdrawal(Timestamp at, std::string who, std::string business,
                                 WithdrawalChannel via, std::vector<std::string> purposes = {});
  static ConsentEvent re_opt_in(Timestamp at, std::string who, std::string business,
                                std::vector<std::string> purposes = {});
};

// A phone number and a WhatsApp user ID the caller knows to be one user
// (a webhook carried both, or Meta's contact book mapped them). Both required.
struct IdentityLink {
  std::string phone;    // E.164
  std::string user_id;  // BSUID
};

// The folded state of one ledger.
struct FoldedConsent {
  // What SendRequest::consent takes. nullopt: never granted, or expired.
  std::optional<ConsentRecord> consent;
  std::optional<Timestamp> expired_at;          // set iff the last grant expired
  std::optional<WithdrawalChannel> withdrawn_via;  // set iff consent is withdrawn
  std::string withdrawn_by;                     // who recorded that (latest) withdrawal
  // Purposes withdrawn one by one that no later explicit opt-in named again,
  // in the order first withdrawn; never in consent->purposes.
  std::vector<std::string> withdrawn_purposes;
  std::size_t events = 0;  // events applied
};

// Folds one ledger (every event of the same user and business, oldest
// first): the events' phones and user IDs must name one user, directly or
// through `links` or an event carrying both. The record carries the user's
// phone and user ID as far as they are known. Errors are InvalidArgument
// "events[3].at: is after now", "links[0].user_id: ...".
absl::StatusOr<FoldedConsent> fold_consent(const std::vector<ConsentEvent>& events, Timestamp now,
                                           const std::vector<IdentityLink>& links = {});

// One ledger's key and its folded state.
struct LedgerEntry {
  std::string phone;    // empty if the user is known by user_id only
  std::string business;
  FoldedConsent state;
  std::string user_id;  // empty if no BSUID is known for the number
};

// Folds a mixed ledger into one state per (user, business), sorted by
// (phone, user_id, business); a user is a phone, a user ID, or both when an
// event or a link joins them. Event indexes in errors refer to `events`.
absl::StatusOr<std::vector<LedgerEntry>> fold_ledgers(const std::vector<ConsentEvent>& events,
                                                      Timestamp now,
                                                      const std::vector<IdentityLink>& links = {});

}  // namespace sendpolicy

#endif  // SENDPOLICY_LIFECYCLE_CONSENT_LEDGER_H_
