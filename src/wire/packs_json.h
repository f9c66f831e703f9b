// Internal to the wire library: the policy file's "packs" section, which
// binds the built-in jurisdiction packs (include/sendpolicy/packs.h) to
// destinations. Schema in docs/cli.md ("Policy file", packs).
#ifndef SENDPOLICY_WIRE_SRC_PACKS_JSON_H_
#define SENDPOLICY_WIRE_SRC_PACKS_JSON_H_

#include <string>

#include <simdjson.h>

#include "absl/status/status.h"
#include "sendpolicy/jurisdictions.h"

namespace sendpolicy {
namespace wire {
namespace internal {

// Reads the "packs" object and applies it to `j`, in a fixed order whatever
// the key order: "bindings" (replaces the map), "unbind", "bind", "widen".
absl::Status read_packs(simdjson::ondemand::value& v, Jurisdictions& j);

// The "packs" value for `j` as read_packs() reads it: bindings grouped by
// destination in order of first appearance, and the widening that the
// bound packs carry beyond their built-in scope.
void append_packs_json(std::string& out, const Jurisdictions& j);

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_PACKS_JSON_H_
