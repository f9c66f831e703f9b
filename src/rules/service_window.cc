// Customer service window rules (Meta, "Send messages"): free-form messages
// only while the window is open; templates go any time (subject to their own
// rules). Error 131047 predicts the platform's refusal.
#include "rules/facts.h"

namespace sendpolicy {
namespace rules {

void check_service_window(const Facts& f, DecisionBuilder& out) noexcept {
  if (f.request.channel == Channel::kSms) return;  // SMS has no window
  // A call is not a message: its permission stands in for the window.
  if (f.request.message.kind == MessageKind::kCall) return;
  // A valid Messenger/Instagram tag stands in for the window.
  if (!f.is_template && !f.window_open && !tag_allows_send(f)) {
    out.deny(ReasonCode::kOutsideServiceWindow, {}, {}, f.closes_at);
  }
  if (f.window_open && f.policy.window_closing_soon.count() > 0 && f.closes_at &&
      *f.closes_at - f.request.now < f.policy.window_closing_soon) {
    out.warn(WarningCode::kWindowClosingSoon);
  }
}

}  // namespace rules
}  // namespace sendpolicy
