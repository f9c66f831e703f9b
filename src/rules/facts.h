// Internal: the facts every rule family reads, derived once per request, and
// the builder rules report into. Not installed.
#ifndef SENDPOLICY_SRC_RULES_FACTS_H_
#define SENDPOLICY_SRC_RULES_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "sendpolicy/decision.h"
#include "sendpolicy/policy.h"
#include "sendpolicy/reasons.h"
#include "sendpolicy/request.h"

namespace sendpolicy {
namespace rules {

// Derived once, read by every rule. References point into the request and
// policy, which outlive the evaluation.
struct Facts {
  const Policy& policy;
  const SendRequest& request;
  Category category;                   // message.effective_category()
  ServiceWindow window;                // as tracked, or derived from history
  bool window_open;
  std::optional<Timestamp> closes_at;
  bool opted_out_in_history;           // an opt-out keyword not followed by an opt-in
  bool is_template;
  // The country packs are selected by: destination_country() (identity.h):
  // recipient.country, the region's ("US-FL" -> "US"), the BSUID's, else the
  // phone number's (then country_derived is true). Static or request storage.
  std::string_view country;
  bool country_derived;
  std::optional<Timestamp> opted_out_at;  // when that keyword came, if it did
  // Bit i is set iff the policy's binding i selects the recipient, for the
  // first kSelectedBindingBits bindings (validate(Policy) allows no more):
  // Jurisdictions::selecting(country, region). Every pack rule asks which
  // bindings select the recipient, so it is answered once per request.
  std::uint64_t selected_bindings;
};

inline constexpr std::size_t kSelectedBindingBits = 64;
static_assert(kMaxPackBindings <= kSelectedBindingBits, "one bit per binding a valid policy holds");

// Collects reasons and warnings; each code is kept once, in catalogue order
// (for a reason raised twice, the strictest report: see decision_builder.cc).
// Writes into a decision the caller owns, so evaluate() can build its
// result in place (NRVO) instead of copying ~1.8 KB out of the builder.
class DecisionBuilder {
 public:
  explicit DecisionBuilder(SendDecision& decision) noexcept : decision_(decision) {}

  // A blocking reason. `platform_error` < 0 takes the catalogue's default.
  // Two overloads rather than a defaulted optional: an optional passed by
  // value goes on the stack (the seventh argument), and the caller's copy
  // of a just-built nullopt stalled on store forwarding in every rule.
  void deny(ReasonCode code, std::string_view rule = {}, std::string_view detail = {}) noexcept;
  void deny(ReasonCode code, std::string_view rule, std::string_view detail,
            const std::optional<Timestamp>& at, int platform_error = -1) noexcept;
  // A reason that clears by itself at `retry_at` (quiet hours, some caps).
  void defer(ReasonCode code, Timestamp retry_at, std::string_view rule = {},
             std::string_view detail = {}) noexcept;
  void warn(WarningCode code, std::string_view detail = {}) noexcept;

  bool any() const noexcept { return !decision_.reasons.empty(); }
  bool has(ReasonCode code) const noexcept { return decision_.has(code); }
  SendDecision& decision() noexcept { return decision_; }

 private:
  SendDecision& decision_;
};

// Rule families, one file each. Each reads Facts and reports every failure.
void check_service_window(const Facts& facts, DecisionBuilder& out) noexcept;
void check_template(const Facts& facts, DecisionBuilder& out) noexcept;
void check_consent(const Facts& facts, DecisionBuilder& out) noexcept;
void check_marketing(const Facts& facts, DecisionBuilder& out) noexcept;
void check_channel(const Facts& facts, DecisionBuilder& out) noexcept;
void check_packs(const Facts& facts, DecisionBuilder& out) noexcept;
void check_calls(const Facts& facts, DecisionBuilder& out) noexcept;  // call_rules.cc

// True iff the recipient granted call permission after `instant`: for a call,
// a later explicit permission supersedes an earlier opt-out (call_rules.cc).
bool call_permission_granted_after(const SendRequest& request, Timestamp instant) noexcept;

// True iff the message carries a Messenger/Instagram tag valid here, which
// lets it go outside the standard window.
bool tag_allows_send(const Facts& facts) noexcept;

// True iff an applicable pack has consent rules for this (marketing)
// message: the consent it judges must then also pass the core opt-in rules,
// even where the platform needs none (a reply in the window).
bool pack_judges_marketing_consent(const Facts& facts) noexcept;

// True iff a reason of `decision` was raised by a pack that is bound in the
// policy, in force at `now` and selects the recipient's destination.
bool pack_reason_raised(const Facts& facts, const SendDecision& decision) noexcept;

// The earliest instant >= `from` that every applicable pack's quiet hours
// permit (`from` itself when none applies, or when none can be found): a
// retry time another rule set (a frequency cap, a paused template) moved
// there so that sending at retry_at is not deferred again by quiet hours.
Timestamp quiet_hours_permit_from(const Facts& facts, Timestamp from) noexcept;

// What the platform would bill if the message were sent.
Billing billing_for(const Facts& facts) noexcept;

}  // namespace rules
}  // namespace sendpolicy

#endif  // SENDPOLICY_SRC_RULES_FACTS_H_
