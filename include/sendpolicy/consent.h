// sendpolicy/consent.h
//
// A ConsentRecord is what a business must be able to show when asked "how do
// you know this person wanted these messages?" (GDPR Art. 7(1), EDPB
// Guidelines 05/2020 §5.1): who (the number the user entered or confirmed),
// when, where, how, what they were told, and the evidence.
//
// Meta's opt-in rules ask for an active opt-in, naming the business, saying
// what content will come, ideally naming WhatsApp, with the user in control of
// the number (developers.facebook.com/documentation/business-messaging/
// whatsapp/getting-opt-in). `NoticeShown` records those design points.
#ifndef SENDPOLICY_CONSENT_H_
#define SENDPOLICY_CONSENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sendpolicy/enums.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

// What the opt-in notice showed the user when they consented.
struct NoticeShown {
  bool business_name_shown = false;  // who will message them
  bool content_described = false;    // what they will receive ("receipts")
  bool whatsapp_named = false;       // WhatsApp named (Meta's recommendation)
  bool number_editable = false;      // the user could enter or change the number

  // Informed in the sense both GDPR Art. 4(11) and Meta require: the user
  // knew who would write and about what.
  constexpr bool informed() const noexcept {
    return business_name_shown && content_described;
  }
};

struct ConsentRecord {
  std::string phone;  // E.164 number the user entered or confirmed (or empty: user_id)
  ConsentStatus status = ConsentStatus::kGranted;
  ConsentBasis basis = ConsentBasis::kExpress;
  std::optional<Timestamp> granted_at;
  std::optional<Timestamp> withdrawn_at;
  ConsentSource source = ConsentSource::kOther;
  ConsentMethod method = ConsentMethod::kUnknown;
  std::vector<std::string> purposes;  // what the user was told they would get
  NoticeShown notice;
  std::optional<Timestamp> double_opt_in_at;  // confirmation of a double opt-in
  std::string notice_version;                 // which wording was shown
  std::string evidence_ref;                   // screenshot, recording, form id
  // The WhatsApp business-scoped user ID the consent was collected under
  // (sendpolicy/user_id.h), for users whose number is hidden. One of `phone`
  // and `user_id` is required; sendpolicy/identity.h says when a record
  // belongs to a recipient.
  std::string user_id;

  bool withdrawn() const noexcept { return status == ConsentStatus::kWithdrawn; }

  // True iff the consent covers `purpose`. A consent with no purposes covers
  // nothing (wire-format semantics 4): consent is specific (GDPR Art. 6(1)(a)).
  // A message with no purpose matches no purpose-scoped consent, and an
  // empty purpose string (invalid_request) matches nothing.
  bool covers(std::string_view purpose) const noexcept {
    if (purpose.empty()) return false;
    for (const std::string& p : purposes) {
      if (p == purpose) return true;
    }
    return false;
  }
};

// True iff `method` is an affirmative user action. Pre-ticked boxes,
// imported lists and unknown provenance are not (GDPR Recital 32; CJEU
// C-673/17 Planet49; EDPB 05/2020 §3.4).
constexpr bool is_active_opt_in(ConsentMethod method) noexcept {
  switch (method) {
    case ConsentMethod::kCheckbox:
    case ConsentMethod::kNumberEntry:
    case ConsentMethod::kKeywordReply:
    case ConsentMethod::kSignature:
    case ConsentMethod::kVerbal:
      return true;
    case ConsentMethod::kPreTicked:
    case ConsentMethod::kImported:
    case ConsentMethod::kUnknown:
      return false;
  }
  return false;
}

}  // namespace sendpolicy

#endif  // SENDPOLICY_CONSENT_H_
