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

// OkStatus iff `read_back` (what parse_policy() made of the dump of
// `original`) holds the same packs, field for field, bound to the same
// destinations; otherwise an error naming the first binding the file form
// cannot carry (a pack made or changed in code).
// OkStatus iff every bound pack has a built-in id (a policy file can name
// no other); otherwise an error naming the first that does not.
absl::Status builtin_packs_only(const Jurisdictions& j);

absl::Status same_bindings(const Jurisdictions& original, const Jurisdictions& read_back);

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_PACKS_JSON_H_
