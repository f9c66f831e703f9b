// Internal to the wire library: one jurisdiction pack written in a policy
// file ("packs.define.<id>"), so CLI, Python and C users can add a
// jurisdiction without C++. The schema mirrors struct Pack (pack.h) field for
// field; docs/cli.md ("Custom packs") documents it.
#ifndef SENDPOLICY_WIRE_SRC_PACK_JSON_H_
#define SENDPOLICY_WIRE_SRC_PACK_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "absl/status/status.h"
#include "ondemand_read.h"
#include "sendpolicy/jurisdictions.h"
#include "sendpolicy/pack.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace internal {

// A pack read from a policy file. Pack holds string_views, so the texts live
// here until bind_definition() stores them with the Jurisdictions that binds it.
struct PackDefinition {
  std::string id;
  std::string name;
  std::string sources;
  Pack pack;  // id, name and sources left empty
  bool bound = false;
};

// Reads the "define" object {id: pack, ...}. Ids are snake_case (a-z, 0-9,
// _; at most 64), never a built-in pack's id or "whatsapp".
absl::Status read_pack_definitions(od::value& v, std::vector<PackDefinition>& out);

// The defined pack with its texts kept by `j` (Jurisdictions::keep), ready to bind.
Pack bind_definition(PackDefinition& definition, Jurisdictions& j);

// The pack as one "define" entry: `"id": {...}` on one line.
void append_pack_definition_json(std::string& out, const Pack& pack);

// Snake-case pack id the file form accepts.
bool valid_pack_id(std::string_view id) noexcept;

// An array of enum wire names into a set; `path` is the array's own path.
template <class E>
absl::Status read_enum_set(od::value& v, const std::string& path, EnumSet<E>& out) {
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(Loc{path}, "", err, "an array, each one of " + expected_names<E>());
  }
  int i = 0;
  for (auto element : arr) {
    const Loc at{path, i++};
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    od::value item = element.value_unsafe();
    E value{};
    bool present = false;
    if (absl::Status s = read_enum(item, at, "", value, present); !s.ok()) return s;
    if (!present) return fail(at, "", "expected one of " + expected_names<E>() + ", not null");
    out.add(value);
  }
  return absl::OkStatus();
}

template <class E>
void append_enum_set(std::string& out, EnumSet<E> set) {
  out += '[';
  bool first = true;
  for (std::size_t i = 0; i < EnumTraits<E>::kCount; ++i) {
    const auto value = static_cast<E>(i);
    if (!set.contains(value)) continue;
    if (!first) out += ", ";
    first = false;
    append_json_string(out, to_string(value));
  }
  out += ']';
}

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy

#endif  // SENDPOLICY_WIRE_SRC_PACK_JSON_H_
