// Internal to the wire library: the policy file's "packs" section, which
// binds the built-in jurisdiction packs (include/sendpolicy/packs.h) and the
// file's own (pack_json.h) to destinations. Schema in docs/cli.md ("Policy file", packs).
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
// the key order: "define" (packs written in the file), "bindings" (replaces
// the map), "unbind", "bind", "widen". A defined pack's texts are kept by `j`.
absl::Status read_packs(simdjson::ondemand::value& v, Jurisdictions& j);

// The "packs" value for `j` as read_packs() reads it: every pack that is not
// built in under "define" (once per id), bindings grouped by destination in
// order of first appearance, and the widening that the bound built-in packs
// carry beyond their built-in scope.
void append_packs_json(std::string& out, const Jurisdictions& j);

// OkStatus iff every bound pack has an id a policy file can name (built in,
// or snake_case); otherwise an error naming the first that has not.
absl::Status file_form_ids(const Jurisdictions& j);

// OkStatus iff `read_back` (what parse_policy() made of the dump of
// `original`) holds the same packs, field for field, bound to the same
// destinations; otherwise an error naming the first binding the file form
// cannot carry (a built-in pack changed in code, hours finer than a minute).
absl::Status same_bindings(const Jurisdictions& original, const Jurisdictions& read_back);

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_PACKS_JSON_H_
