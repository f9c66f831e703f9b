// sendpolicy/decision.h
//
// SendDecision: the answer to "may we send this now?", with every failing
// reason, not just the first (modelled on Cedar's Response + Diagnostics).
// It is plain data with no heap storage; human sentences are produced on
// demand by explain.h, so a decision costs nothing to make and drop.
#ifndef SENDPOLICY_DECISION_H_
#define SENDPOLICY_DECISION_H_

#include <optional>
#include <string_view>

#include "sendpolicy/enums.h"
#include "sendpolicy/internal/inline_list.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/time.h"

namespace sendpolicy {

// One failing rule.
struct Reason {
  ReasonCode code = ReasonCode::kInvalidRequest;
  std::string_view rule;     // stable rule id ("whatsapp.csw.free_form"); static storage
  int platform_error = 0;    // the Meta error a send would get (131047), 0 if none
  std::string_view detail;   // a static word for the sentence (a status name, a pack)
  std::optional<Timestamp> at;  // the instant the reason refers to, if any
  bool deferrable = false;   // clears by itself at `at` (quiet hours, some caps)
};

struct Warning {
  WarningCode code = WarningCode::kOptInWhatsAppNotNamed;
  std::string_view detail;
};

// Which input field made the request invalid, for `invalid_request`.
struct FieldError {
  std::string_view field;    // path; "history[].at" has its index in `index`
  std::string_view problem;  // what is wrong, as a phrase
  int index = -1;            // element index for list paths, else -1
};

struct WindowState {
  bool open = false;
  std::optional<Timestamp> closes_at;  // nullopt when no window ever opened
};

using ReasonList = internal::InlineList<Reason, kReasonCodeCount>;
using WarningList = internal::InlineList<Warning, kWarningCodeCount>;

struct SendDecision {
  Verdict verdict = Verdict::kDeny;
  ReasonList reasons;    // all failing rules, in catalogue order; empty iff allow
  WarningList warnings;  // non-blocking observations, in catalogue order
  WindowState window;
  RequiredForm required_form = RequiredForm::kTemplate;
  std::optional<Timestamp> retry_at;  // set iff verdict == kDefer
  Billing billing = Billing::kNone;   // kNone iff not allowed
  std::optional<FieldError> invalid;  // set iff reasons hold kInvalidRequest

  constexpr bool allowed() const noexcept { return verdict == Verdict::kAllow; }

  constexpr bool has(ReasonCode code) const noexcept {
    for (const Reason& r : reasons) {
      if (r.code == code) return true;
    }
    return false;
  }
  constexpr bool has(WarningCode code) const noexcept {
    for (const Warning& w : warnings) {
      if (w.code == code) return true;
    }
    return false;
  }
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_DECISION_H_
