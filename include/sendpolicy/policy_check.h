// sendpolicy/policy_check.h
//
// Policies tighten freely and loosen loudly. A Policy may make any rule
// stricter; it may go past a platform's limit or drop a legal duty only
// through a named loosening knob, and every decision such a knob changes
// carries a warning saying so. validate() refuses everything else, naming
// the field and the limit; loosenings() lists the knobs a policy loosens
// (what `sendpolicy --policy-dump` prints as "loosened"). The table of every
// knob, with its bounds and warning, is docs/cli.md ("Policy knobs").
//
//   sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
//   policy.service_window = std::chrono::hours(48);
//   absl::Status s = sendpolicy::validate(policy);
//   // INVALID_ARGUMENT: "service_window: must be at most 24h (Meta's
//   //   customer service window; shorter is stricter), got 48h"
//
// parse_policy() (wire/policy_json.h) runs validate() on every policy file.
// evaluate() does not: it stays allocation-free and judges whatever it is
// given, so a program that builds its Policy in code should validate it once
// at start-up.
#ifndef SENDPOLICY_POLICY_CHECK_H_
#define SENDPOLICY_POLICY_CHECK_H_

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sendpolicy/policy.h"
#include "sendpolicy/reasons.h"

namespace sendpolicy {

// Bounds of the knobs that are not platform limits (those are in policy.h):
// large enough for any real use, small enough that every instant computed
// from `now` stays a printable RFC 3339 time.
inline constexpr Duration kMaxWindowClosingSoon = std::chrono::hours(24);
inline constexpr Duration kMaxConsentAge = std::chrono::hours(24 * 36500);  // 100 years
inline constexpr Duration kMaxCapWindow = std::chrono::hours(24 * 366);     // a custom pack's cap
inline constexpr int kMaxImpliedConsentMonths = 1200;                         // 100 years

// OkStatus, or InvalidArgument("<field path>: <problem, with the limit>") for
// the first problem found, in the order of the fields in policy.h:
// durations outside their bounds (service window over 24 h, human_agent over
// 7 days, ...), a template status Meta never sends in, a US marketing pause
// that starts after Meta's, a negative cap, a call cap above Meta's, country
// codes that are not ISO 3166-1 alpha-2, custom keywords that could never
// act as written (an opt-in word that is an opt-out or help word), more than
// kMaxPackBindings bindings, a destination that can match nobody ("UK",
// "EU-FR"), and packs with impossible hours, caps or dates.
absl::Status validate(const Policy& policy);

// One loosening knob in use.
struct Loosening {
  std::string knob;     // the key path, e.g. "honour_marketing_opt_out"
  WarningCode warning;  // the warning each decision it changes carries
};

// Every loosening knob the policy uses, in a fixed order: the top-level knobs,
// then each country Meta lists without calling that the policy dropped, then
// each default pack left unbound, in the default map's order.
std::vector<Loosening> loosenings(const Policy& policy);

}  // namespace sendpolicy

#endif  // SENDPOLICY_POLICY_CHECK_H_
