// Per-message pricing (Meta, Pricing, since 2025-07-01): free-form replies in
// a window are free; utility templates are free inside a window; a window
// opened from a free entry point (click-to-WhatsApp ad, Page CTA) makes every
// message free. Outside those, the template's category is billed.
#include "rules/facts.h"

namespace sendpolicy {
namespace rules {

Billing billing_for(const Facts& f) noexcept {
  // Meta does not bill Messenger or Instagram messages; SMS carrier charges
  // are outside this model. An allowed message there is `free_service`.
  if (f.request.channel != Channel::kWhatsApp) return Billing::kFreeService;
  // Meta bills business-initiated calls by duration (calling pricing).
  if (f.request.message.kind == MessageKind::kCall) return Billing::kCall;
  const bool free_entry = f.window_open && f.window.entry_point != EntryPoint::kOrganic;
  if (free_entry) return Billing::kFreeEntryPoint;
  if (!f.is_template) return Billing::kFreeService;
  switch (f.category) {
    case Category::kUtility:
      return f.window_open ? Billing::kUtilityFreeInWindow : Billing::kUtility;
    case Category::kMarketing:
      return Billing::kMarketing;
    case Category::kAuthentication:
      return Billing::kAuthentication;
    case Category::kService:
      return Billing::kFreeService;
  }
  return Billing::kNone;
}

}  // namespace rules
}  // namespace sendpolicy
