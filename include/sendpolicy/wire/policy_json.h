// wire/policy_json.h
//
// A Policy as a JSON file: the knobs of include/sendpolicy/policy.h with
// the same names, durations as "24h" / "730d" / "90m" / "45s", times in
// RFC 3339, enforcement levels and template statuses by wire name. Keys
// that are absent keep the value of the policy passed in, so a file says
// only what differs from the default:
//
//   {"version": 1, "max_consent_age": "730d", "block_red_quality_templates": true}
//
//   sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
//   absl::Status s = sendpolicy::wire::parse_policy(file_text, policy);
//   std::string effective = sendpolicy::wire::policy_to_json(policy);
//
// Unknown keys, duplicates and wrong types are errors naming the key.
// "packs" binds the built-in jurisdiction packs to destinations and widens
// their scope (docs/cli.md):
//
//   {"version": 1, "packs": {"unbind": ["us_tx"], "bind": {"US-CT": ["us_fl"]},
//                            "widen": {"channels": ["whatsapp"], "categories": []}}}
#ifndef SENDPOLICY_WIRE_POLICY_JSON_H_
#define SENDPOLICY_WIRE_POLICY_JSON_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "sendpolicy/policy.h"
#include "sendpolicy/time.h"

namespace sendpolicy {
namespace wire {

// Applies the settings in `json` to `policy` (which the caller initialises,
// usually to Policy::whatsapp()). On error `policy` may be partly updated.
absl::Status parse_policy(std::string_view json, Policy& policy);

// Every knob of `policy` as a JSON object, one key per line, in schema
// order. parse_policy(policy_to_json(p), q) makes q equal to p.
std::string policy_to_json(const Policy& policy);

// "24h" -> 24 hours; units s, m, h, d; nullopt unless a positive count of
// whole units. format_duration writes the largest unit that divides evenly.
std::optional<Duration> parse_duration(std::string_view text) noexcept;
std::string format_duration(Duration d);

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_POLICY_JSON_H_
