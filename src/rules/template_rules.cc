// Template rules (Meta, Templates overview; template quality; template
// pausing). Only a sendable status may be sent; the status predicts the
// platform error. A pause with a known end (template.paused_until) clears by
// itself: the send is deferred to it rather than denied.
#include "rules/facts.h"

namespace sendpolicy {
namespace rules {
namespace {

// The error Meta returns for a send in this status.
constexpr int platform_error_for(TemplateStatus status) noexcept {
  switch (status) {
    case TemplateStatus::kPaused:
      return 132015;
    case TemplateStatus::kDisabled:
      return 132016;
    default:
      return 132001;  // "Template does not exist" (in that language, or not approved)
  }
}

}  // namespace

void check_template(const Facts& f, DecisionBuilder& out) noexcept {
  if (!f.is_template) return;
  const Template& t = *f.request.message.template_info;
  const bool paused_with_end = t.status == TemplateStatus::kPaused && t.paused_until;
  if (f.policy.sendable_statuses.contains(t.status)) {
    if (!kPlatformSendableStatuses.contains(t.status)) {
      // A status the policy relaxed (validate(Policy) allows only those docs/rules.md names).
      out.warn(WarningCode::kTemplateStatusRelaxed, to_string(t.status));
    }
  } else if (paused_with_end) {
    // At or after the end the status no longer blocks (wire v1.1).
    if (f.request.now < *t.paused_until) {
      out.defer(ReasonCode::kTemplatePaused, *t.paused_until);
    }
  } else {
    out.deny(ReasonCode::kTemplateNotApproved, {}, to_string(t.status), std::nullopt,
             platform_error_for(t.status));
  }
  // Authentication templates (one-tap, zero-tap, copy-code) go to a phone
  // number only; a WhatsApp user ID is not enough (Meta, Business-scoped
  // user IDs). Validation already demands a phone off WhatsApp.
  if (t.category == Category::kAuthentication && f.request.recipient.phone.empty()) {
    out.deny(ReasonCode::kPhoneNumberRequired);
  }
  if (t.quality == TemplateQuality::kRed) {
    if (f.policy.block_red_quality_templates) {
      out.deny(ReasonCode::kTemplateQualityLow);
    } else {
      out.warn(WarningCode::kTemplateQualityLow);
    }
  }
}

}  // namespace rules
}  // namespace sendpolicy
