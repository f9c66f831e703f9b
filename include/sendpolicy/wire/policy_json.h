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
// Unknown keys, duplicates and wrong types are errors naming the key;
// malformed JSON is an error naming the line and column; a leading UTF-8
// byte order mark is skipped. Every policy read is then checked with
// validate() (sendpolicy/policy_check.h): a value beyond a platform's limit
// or a knob's bounds is an error naming the key and the limit. An optional
// "loosened" list (what policy_to_json writes) must name exactly the
// loosening knobs the policy uses.
// "packs" binds the built-in jurisdiction packs, and packs written in the
// file under "define", to destinations and widens their scope (docs/cli.md,
// "Packs" and "Custom packs"):
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
// order, then "loosened": the loosening knobs in use, each with its warning.
// parse_policy(policy_to_json(p), q) makes q equal to p when
// check_dumpable(p) is OK; call that first (a built-in pack changed in code
// has no JSON form, and its dump would read back as something else; packs
// with ids of their own are written under "define").
std::string policy_to_json(const Policy& policy);

// OkStatus iff policy_to_json(policy) reads back to the same policy:
// validate() passes and every binding is a built-in pack or one with a
// snake_case id of its own, widened like the others. Otherwise FailedPrecondition naming what the file cannot carry.
absl::Status check_dumpable(const Policy& policy);

// "24h" -> 24 hours; units s, m, h, d; nullopt unless a positive count of
// whole units. format_duration writes the largest unit that divides evenly.
std::optional<Duration> parse_duration(std::string_view text) noexcept;
std::string format_duration(Duration d);

}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_POLICY_JSON_H_
