// sendpolicy/reasons.h
//
// The reason-code catalogue: why a send is denied or deferred. Codes are a
// stable contract (../docs/wire-format.md): a code is never renamed and never
// changes meaning; new ones are appended. Everything known about a code (wire
// name, default rule id, predicted platform error, source, remedy) lives in
// one table, `reason_info()`, which docs/rules.md and `sendpolicy explain`
// are generated from.
#ifndef SENDPOLICY_REASONS_H_
#define SENDPOLICY_REASONS_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace sendpolicy {

// In catalogue order; decisions list reasons in this order.
enum class ReasonCode : unsigned char {
  kInvalidRequest,
  kOutsideServiceWindow,
  kNoOptIn,
  kOptInWithdrawn,
  kOptInNotActive,
  kOptInNotInformed,
  kPurposeNotConsented,
  kOptInNumberMismatch,
  kOptInExpired,
  kDoubleOptInMissing,
  kTemplateNotApproved,
  kTemplateQualityLow,
  kMarketingOptedOut,
  kDestinationRestricted,
  kMarketingLimit,
  kFrequencyCap,
  kQuietHours,
  kLocalTimeUnknown,
  kTagNotAllowed,
  // Added by sendpolicy (the catalogue allows additions):
  kOptInWhatsAppNotNamed,    // policy makes the missing WhatsApp name a deny
  kOptInNumberNotEditable,   // policy makes a fixed, pre-filled number a deny
  // Added for recipients named by a WhatsApp user ID only (wire v1.1):
  kPhoneNumberRequired,      // authentication templates need a phone number
  // WhatsApp business-initiated calls (docs/calls.md):
  kNoCallPermission,           // a call without a current call permission
  kCallPermissionRequestLimit, // over 1 request per 24 h or 2 per 7 days (defer)
  kCallLimit,                  // connected calls per 24 h at the policy's cap
  kCallingNotAvailable,        // no business-initiated calls from the business number's country
  // Wire format v1.1, paused templates:
  kTemplatePaused,             // paused until a known time (defer, 132015)
};
inline constexpr std::size_t kReasonCodeCount = 27;

// Things worth knowing that do not block the send.
enum class WarningCode : unsigned char {
  kOptInWhatsAppNotNamed,    // the notice did not name WhatsApp
  kOptInNumberNotEditable,   // the user could not enter or edit the number
  kTemplateQualityLow,       // red quality: Meta pauses such templates soon
  kWindowClosingSoon,        // under an hour left in the service window
  kUsMarketingPauseInWindow, // US pause not applied (off, or lifted inside a window: policy)
  // Added by the lifecycle module (docs/lifecycle.md):
  kReOptedInByKeyword,        // a keyword opt-out was undone by an opt-in keyword
  kReOptedInByMessage,        // ...by a later inbound message (ReOptInModel::kAnyInbound)
  kOptOutSupersededByConsent, // ...by a consent granted after it
  kCountryDerivedFromPhone,   // recipient.country absent: packs chosen by the number's country
  // Added for policies that loosen a platform limit or a legal duty through a
  // documented knob (docs/cli.md, "Policy knobs"): each decision it changes says so.
  kMarketingOptOutNotHonoured, // honour_marketing_opt_out is off (Meta: 131050)
  kTemplateStatusRelaxed,      // sendable only because sendable_statuses adds the status
  kDefaultPackUnbound,         // a default jurisdiction pack is not bound for this recipient
  kWindowOpenedByUndocumentedEvent,  // open only because window_openers counts a reaction or system event
  kCallingAvailabilityAssumed, // calling allowed only because calling_unavailable_countries drops the business's country
};
inline constexpr std::size_t kWarningCodeCount = 14;

struct ReasonInfo {
  ReasonCode code;
  std::string_view name;          // wire name, e.g. "outside_service_window"
  std::string_view default_rule;  // rule id when a rule does not give its own
  int platform_error;             // Meta error it predicts, 0 if none
  std::string_view summary;       // one sentence: what it means
  std::string_view source;        // where the rule comes from
  std::string_view remedy;        // what the sender can do about it
};

struct WarningInfo {
  WarningCode code;
  std::string_view name;
  std::string_view summary;
  std::string_view source;
};

// Catalogue entries; `code` must be a valid enumerator.
const ReasonInfo& reason_info(ReasonCode code) noexcept;
const WarningInfo& warning_info(WarningCode code) noexcept;

// Wire names and their inverse (exact match).
std::string_view to_string(ReasonCode code) noexcept;
std::string_view to_string(WarningCode code) noexcept;
std::optional<ReasonCode> parse_reason_code(std::string_view name) noexcept;
std::optional<WarningCode> parse_warning_code(std::string_view name) noexcept;

}  // namespace sendpolicy

#endif  // SENDPOLICY_REASONS_H_
