// The policy file's "packs" section: packs defined in the file or built in, bound to destinations.
#include "packs_json.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ondemand_read.h"
#include "pack_json.h"
#include "sendpolicy/packs.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace internal {
namespace {

constexpr std::string_view kPacksFields[] = {"define", "bindings", "unbind", "bind", "widen"};
constexpr std::string_view kWidenFields[] = {"channels", "categories"};
constexpr std::string_view kPlatformPack = "whatsapp";

// A pack name as written, resolved once every "define" has been read.
struct PackName {
  std::string name;
  std::string path;  // "packs.bind.US-FL[0]", for errors
};

struct Binding {
  std::string destination;
  PackName pack;
};

// The built-in jurisdiction pack `id`, or nullptr. The whatsapp pack is not
// one: it names the platform rules, which are the top-level policy keys.
const Pack* builtin(std::string_view id) {
  if (id == kPlatformPack) return nullptr;
  for (const Pack* p : packs::all()) {
    if (p->id == id) return p;
  }
  return nullptr;
}

std::string known_packs(const std::vector<PackDefinition>& defined) {
  std::string s;
  for (const Pack* p : packs::all()) {
    if (p->id == kPlatformPack) continue;
    if (!s.empty()) s += ", ";
    s += p->id;
  }
  for (const PackDefinition& d : defined) s += ", " + d.id;
  return s;
}

absl::Status unknown_pack(const PackName& n, const std::vector<PackDefinition>& defined) {
  const Loc at{n.path};
  if (n.name == kPlatformPack) {
    return fail(at, "",
                "'whatsapp' is the platform pack: it applies to every WhatsApp message and "
                "is configured by the top-level keys, not bound to destinations");
  }
  return fail(at, "",
              "unknown pack " + quote_user(n.name) + " (known: " + known_packs(defined) +
                  "; define your own under packs.define)");
}

// The pack `n` names, defined in this file or built in; bound into `j`.
absl::Status resolve(const PackName& n, std::vector<PackDefinition>& defined, Jurisdictions& j,
                     Pack& out) {
  for (PackDefinition& d : defined) {
    if (d.id == n.name) {
      out = bind_definition(d, j);
      return absl::OkStatus();
    }
  }
  const Pack* pack = builtin(n.name);
  if (pack == nullptr) return unknown_pack(n, defined);
  out = *pack;
  return absl::OkStatus();
}

// "*", "EU", "EEA", an assigned ISO 3166-1 country ("US") or an ISO 3166-2
// subdivision of one ("US-FL"): a selector that can match somebody.
bool valid_destination(std::string_view d) { return Jurisdictions::valid_destination(d); }

bool same_hours(const WeeklyHours& a, const WeeklyHours& b) {
  for (std::size_t d = 0; d < a.days.size(); ++d) {
    if (a.days[d].from != b.days[d].from || a.days[d].until != b.days[d].until) return false;
  }
  return true;
}

bool same_quiet_hours(const std::optional<QuietHours>& a, const std::optional<QuietHours>& b) {
  if (!a || !b) return !a && !b;
  return same_hours(a->permitted, b->permitted) && a->categories == b->categories &&
         a->channels == b->channels;
}

bool same_cap(const std::optional<FrequencyCap>& a, const std::optional<FrequencyCap>& b) {
  if (!a || !b) return !a && !b;
  return a->limit == b->limit && a->window == b->window && a->counter == b->counter &&
         a->categories == b->categories && a->channels == b->channels && a->action == b->action;
}

bool same_consent(const ConsentRules& a, const ConsentRules& b) {
  return a.channels == b.channels && a.marketing_needs_consent == b.marketing_needs_consent &&
         a.marketing_bases == b.marketing_bases &&
         a.written_consent_for_marketing == b.written_consent_for_marketing &&
         a.double_opt_in_for_marketing == b.double_opt_in_for_marketing &&
         a.implied_purchase_lasts == b.implied_purchase_lasts &&
         a.implied_inquiry_lasts == b.implied_inquiry_lasts;
}

bool same_pack(const Pack& a, const Pack& b) {
  return a.id == b.id && a.name == b.name && a.sources == b.sources &&
         same_quiet_hours(a.quiet_hours, b.quiet_hours) && same_cap(a.frequency_cap, b.frequency_cap) &&
         same_consent(a.consent, b.consent) && a.valid_from == b.valid_from &&
         a.valid_until == b.valid_until;
}

// An array of pack names; `path` is the array's own path.
absl::Status read_pack_names(od::value& v, const std::string& path,
                             std::vector<PackName>& out) {
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(Loc{path}, "", err, "an array of pack names");
  }
  int i = 0;
  for (auto element : arr) {
    const Loc at{path, i++};
    od::value item;
    std::string_view name;
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    item = element.value_unsafe();
    if (error_code err = item.get_string().get(name)) return json_error(at, "", err, "a string");
    out.push_back(PackName{std::string(name), path_of(at, "")});
  }
  return absl::OkStatus();
}

// {"US": ["us_tcpa"], "US-FL": ["us_fl"]} under packs.<field>.
absl::Status read_destinations(od::value& v, std::string_view field, std::vector<Binding>& out) {
  const Loc packs_loc{"packs"};
  const std::string path = "packs." + std::string(field);
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, packs_loc, field, obj, null); !s.ok()) return s;
  if (null) return fail(packs_loc, field, "expected an object {destination: [pack, ...]}, not null");
  std::vector<std::string> seen;
  for (auto field_result : obj) {
    od::field f;
    if (error_code err = std::move(field_result).get(f)) {  // NOLINT(performance-move-const-arg): get() is &&-qualified
      return json_error(Loc{path}, "", err, "an object");
    }
    std::string_view key;
    if (error_code err = f.unescaped_key().get(key)) return json_error(Loc{path}, "", err, "a key");
    std::string destination(key);
    if (!valid_destination(destination)) {
      return fail(Loc{path}, utf8_prefix(destination, 64),
                  "is not a destination: expected *, EU, EEA, a country (US) or a region (US-FL)");
    }
    if (std::find(seen.begin(), seen.end(), destination) != seen.end()) {
      return fail(Loc{path}, destination, "duplicate destination");
    }
    seen.push_back(destination);
    std::vector<PackName> names;
    if (absl::Status s = read_pack_names(f.value(), absl::StrCat(path, ".", destination), names); !s.ok()) {
      return s;
    }
    for (PackName& name : names) out.push_back(Binding{destination, std::move(name)});
  }
  return absl::OkStatus();
}

absl::Status read_widen(od::value& v, ChannelSet& channels, CategorySet& categories) {
  const Loc packs_loc{"packs"};
  const Loc loc{"packs.widen"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, packs_loc, "widen", obj, null); !s.ok()) return s;
  if (null) return fail(packs_loc, "widen", "expected an object, not null");
  std::uint32_t seen = 0;
  return for_each_field(obj, loc, kWidenFields, seen, [&](int i, od::value& f) {
    return i == 0 ? read_enum_set(f, "packs.widen.channels", channels)
                  : read_enum_set(f, "packs.widen.categories", categories);
  });
}

// What `current` reaches beyond `base` (the built-in pack's scope).
template <class E>
void add_extra(EnumSet<E>& extra, EnumSet<E> current, EnumSet<E> base) {
  for (std::size_t i = 0; i < EnumTraits<E>::kCount; ++i) {
    const auto value = static_cast<E>(i);
    if (current.contains(value) && !base.contains(value)) extra.add(value);
  }
}

}  // namespace

namespace {

absl::Status no_json_form(const PackBinding& b, std::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat(
      "packs: ", quote_user(b.pack.id), " bound to ", b.destination, " ", std::string(what),
      ", so this policy has no faithful JSON form"));
}

}  // namespace

absl::Status file_form_ids(const Jurisdictions& j) {
  for (const PackBinding& b : j.bindings()) {
    if (b.pack.id == kPlatformPack) return no_json_form(b, "is the platform pack's id");
    if (builtin(b.pack.id) == nullptr && !valid_pack_id(b.pack.id)) {
      return no_json_form(b, "has an id a policy file cannot name (snake_case, a-z, 0-9 and _)");
    }
  }
  return absl::OkStatus();
}

absl::Status same_bindings(const Jurisdictions& original, const Jurisdictions& read_back) {
  const std::vector<PackBinding>& want = original.bindings();
  const std::vector<PackBinding>& got = read_back.bindings();
  std::vector<bool> used(got.size(), false);
  for (const PackBinding& b : want) {
    bool matched = false;
    for (std::size_t i = 0; i < got.size() && !matched; ++i) {
      if (!used[i] && got[i].destination == b.destination && same_pack(got[i].pack, b.pack)) {
        used[i] = true;
        matched = true;
      }
    }
    if (matched) continue;
    return no_json_form(b, builtin(b.pack.id) == nullptr
                               ? "is defined differently where it is bound twice, has hours "
                                 "finer than a minute, or is widened differently from the "
                                 "other packs"
                               : "differs from the built-in pack of that id (changed in code, "
                                 "or widened differently from the other packs); give a changed "
                                 "pack its own id");
  }
  if (got.size() != want.size()) {
    return absl::FailedPreconditionError("packs: the dump would bind more packs than the policy");
  }
  return absl::OkStatus();
}

absl::Status read_packs(od::value& v, Jurisdictions& j) {
  const Loc root{};
  const Loc loc{"packs"};
  bool null = false;
  if (absl::Status s = take_null(v, root, "packs", null); !s.ok()) return s;
  if (null) return fail(root, "packs", "expected an object, not null");
  od::object obj;
  if (error_code err = v.get_object().get(obj)) {
    return json_error(root, "packs", err,
                      "an object with keys define, bindings, unbind, bind, widen (docs/cli.md)");
  }
  std::vector<PackDefinition> defined;
  std::optional<std::vector<Binding>> bindings;
  std::vector<PackName> unbind;
  std::vector<Binding> bind;
  ChannelSet channels;
  CategorySet categories;
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kPacksFields, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_pack_definitions(f, defined);
      case 1: return read_destinations(f, "bindings", bindings.emplace());
      case 2: return read_pack_names(f, "packs.unbind", unbind);
      case 3: return read_destinations(f, "bind", bind);
      default: return read_widen(f, channels, categories);
    }
  });
  if (!s.ok()) return s;
  // Applied in a fixed order whatever the key order (docs/cli.md).
  if (bindings) {
    j = Jurisdictions{};
    for (const Binding& b : *bindings) {
      Pack pack;
      if (absl::Status r = resolve(b.pack, defined, j, pack); !r.ok()) return r;
      j.bind(b.destination, pack);
    }
  }
  for (const PackName& n : unbind) {
    const bool is_defined = std::any_of(defined.begin(), defined.end(),
                                        [&](const PackDefinition& d) { return d.id == n.name; });
    if (!is_defined && builtin(n.name) == nullptr) return unknown_pack(n, defined);
    j.unbind(n.name);
  }
  for (const Binding& b : bind) {
    Pack pack;
    if (absl::Status r = resolve(b.pack, defined, j, pack); !r.ok()) return r;
    j.bind(b.destination, pack);
  }
  for (const PackDefinition& d : defined) {
    if (!d.bound) {
      return fail(Loc{"packs.define"}, d.id,
                  "is defined but bound to no destination (name it under packs.bind or "
                  "packs.bindings)");
    }
  }
  if (!channels.empty() || !categories.empty()) j.widen(channels, categories);
  return absl::OkStatus();
}

void append_packs_json(std::string& out, const Jurisdictions& j) {
  std::vector<std::string_view> destinations;
  ChannelSet channels;
  CategorySet categories;
  for (const PackBinding& b : j.bindings()) {
    if (std::find(destinations.begin(), destinations.end(), b.destination) ==
        destinations.end()) {
      destinations.push_back(b.destination);
    }
    const Pack* base = builtin(b.pack.id);
    if (base == nullptr) continue;  // a pack made in code: its scope is its own
    if (b.pack.quiet_hours && base->quiet_hours) {
      add_extra(channels, b.pack.quiet_hours->channels, base->quiet_hours->channels);
      add_extra(categories, b.pack.quiet_hours->categories, base->quiet_hours->categories);
    }
    if (b.pack.frequency_cap && base->frequency_cap) {
      add_extra(channels, b.pack.frequency_cap->channels, base->frequency_cap->channels);
      add_extra(categories, b.pack.frequency_cap->categories, base->frequency_cap->categories);
    }
  }
  out += "{\n";
  // Packs with an id of their own, once each, so the file reads back alone.
  std::vector<std::string_view> defined;
  for (const PackBinding& b : j.bindings()) {
    if (builtin(b.pack.id) != nullptr || b.pack.id == kPlatformPack) continue;
    if (std::find(defined.begin(), defined.end(), b.pack.id) != defined.end()) continue;
    out += defined.empty() ? "    \"define\": {\n      " : ",\n      ";
    defined.push_back(b.pack.id);
    append_pack_definition_json(out, b.pack);
  }
  if (!defined.empty()) out += "\n    },\n";
  out += "    \"bindings\": {";
  bool first_destination = true;
  for (std::string_view destination : destinations) {
    out += first_destination ? "\n      " : ",\n      ";
    first_destination = false;
    append_json_string(out, destination);
    out += ": [";
    bool first = true;
    for (const PackBinding& b : j.bindings()) {
      if (b.destination != destination) continue;
      if (!first) out += ", ";
      first = false;
      append_json_string(out, b.pack.id);
    }
    out += ']';
  }
  out += destinations.empty() ? "},\n" : "\n    },\n";
  out += "    \"widen\": {\"channels\": ";
  append_enum_set(out, channels);
  out += ", \"categories\": ";
  append_enum_set(out, categories);
  out += "}\n  }";
}

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy
