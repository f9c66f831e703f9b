// Per-message pricing (Meta, Pricing), by the date of the send
// (rule_calendar.h):
//   - every message within 72 h of the customer's message that came through a
//     free entry point (click-to-WhatsApp ad, Page CTA; window.last_inbound_at)
//     is free: unchanged through 2026 (wire v1.1, "Billing from 2026-10-01");
//   - a free-form reply in the window is free until 2026-09-30 and billed as
//     `service` (the market's utility rate) from 2026-10-01;
//   - a utility template in the window is free only from 2025-07-01 to
//     2026-09-30, billed `utility` before and after;
//   - outside those, the template's category is billed.
// Meta does not bill Messenger or Instagram messages (`free_service`, a reply
// the platform carries for free) nor SMS (`none`: a carrier's price is outside
// the wire format, and SMS has no window to be free in).
#include <chrono>

#include "rules/facts.h"
#include "sendpolicy/rule_calendar.h"

namespace sendpolicy {
namespace rules {
namespace {

constexpr Duration kFreeEntryPointWindow = std::chrono::hours(72);

bool within_free_entry_point(const Facts& f) noexcept {
  const std::optional<Timestamp>& last = f.window.last_inbound_at;
  return f.window.entry_point != EntryPoint::kOrganic && last && *last <= f.request.now &&
         f.request.now < *last + kFreeEntryPointWindow;
}

}  // namespace

Billing billing_for(const Facts& f) noexcept {
  const Channel channel = f.request.channel;
  if (channel == Channel::kSms) return Billing::kNone;
  if (channel != Channel::kWhatsApp) return Billing::kFreeService;
  // Meta bills business-initiated calls by duration (calling pricing).
  if (f.request.message.kind == MessageKind::kCall) return Billing::kCall;
  const Timestamp now = f.request.now;
  if (within_free_entry_point(f)) return Billing::kFreeEntryPoint;
  if (!f.is_template) {
    return in_force(RuleChange::kServiceMessagesBilled, now) ? Billing::kService
                                                             : Billing::kFreeService;
  }
  switch (f.category) {
    case Category::kUtility:
      return f.window_open && in_force(RuleChange::kUtilityFreeInWindow, now)
                 ? Billing::kUtilityFreeInWindow
                 : Billing::kUtility;
    case Category::kMarketing:
      return Billing::kMarketing;
    case Category::kAuthentication:
      return Billing::kAuthentication;
    case Category::kService:
      return Billing::kFreeService;  // not reachable: validation rejects service templates
  }
  return Billing::kNone;
}

}  // namespace rules
}  // namespace sendpolicy
