// Marketing rules of the WhatsApp platform (Meta, "Marketing templates" and
// "Per-user marketing limits"): the user's Stop promotions choice (131050),
// the US marketing pause since 2025-04-01 (131049), and a per-user cap.
#include <chrono>

#include "rules/facts.h"
#include "sendpolicy/phone.h"
#include "sendpolicy/user_id.h"

namespace sendpolicy {
namespace rules {

void check_marketing(const Facts& f, DecisionBuilder& out) noexcept {
  if (f.request.channel != Channel::kWhatsApp) return;
  if (!f.is_template || f.category != Category::kMarketing) return;
  const Policy& p = f.policy;
  const Recipient& to = f.request.recipient;
  // Loosening knobs (docs/cli.md, "Policy knobs") leave a warning in each
  // decision where the default policy would have refused.
  if (to.marketing_opted_out) {
    if (p.honour_marketing_opt_out) {
      out.deny(ReasonCode::kMarketingOptedOut);
    } else {
      out.warn(WarningCode::kMarketingOptOutNotHonoured);
    }
  }
  // A dated rule: judged by the rules in force at `now` (wire semantics 7).
  // validate(Policy) keeps us_marketing_pause_from at or before Meta's date,
  // so Meta's date is the one that says whether the knob changed anything.
  // Without a number, a BSUID's prefix is the country of the user's number
  // (wire v1.1): "US." counts as a US number; its digits are never read.
  const bool us_number = to.phone.empty() ? bsuid_country(to.user_id) == "US"
                                          : nanp_region(to.phone) == NanpRegion::kUnitedStates;
  if (us_number) {
    if (!p.us_marketing_pause) {
      if (f.request.now >= kUsMarketingPauseStart) {
        out.warn(WarningCode::kUsMarketingPauseInWindow, "us_marketing_pause");
      }
    } else if (f.request.now >= p.us_marketing_pause_from) {
      if (!f.window_open || p.us_marketing_pause_in_window) {
        // string_views, not a choice of char pointers (measured by strlen per denial).
        constexpr std::string_view kUsUserId = "US user ID";
        constexpr std::string_view kUs = "US";
        out.deny(ReasonCode::kDestinationRestricted, {}, to.phone.empty() ? kUsUserId : kUs);
      } else {
        out.warn(WarningCode::kUsMarketingPauseInWindow);
      }
    }
  }
  if (p.marketing_cap_24h && to.sent.marketing_24h >= *p.marketing_cap_24h) {
    out.deny(ReasonCode::kMarketingLimit);
  }
}

}  // namespace rules
}  // namespace sendpolicy
