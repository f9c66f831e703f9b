// The policy file's "packs" section: destinations bound to built-in packs.
#include "packs_json.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ondemand_read.h"
#include "sendpolicy/packs.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace internal {
namespace {

constexpr std::string_view kPacksFields[] = {"bindings", "unbind", "bind", "widen"};
constexpr std::string_view kWidenFields[] = {"channels", "categories"};
constexpr std::string_view kPlatformPack = "whatsapp";

using Binding = std::pair<std::string, const Pack*>;

// The built-in jurisdiction pack `id`, or nullptr. The whatsapp pack is not
// one: it names the platform rules, which are the top-level policy keys.
const Pack* builtin(std::string_view id) {
  if (id == kPlatformPack) return nullptr;
  for (const Pack* p : packs::all()) {
    if (p->id == id) return p;
  }
  return nullptr;
}

std::string known_packs() {
  std::string s;
  for (const Pack* p : packs::all()) {
    if (p->id == kPlatformPack) continue;
    if (!s.empty()) s += ", ";
    s += p->id;
  }
  return s;
}

absl::Status unknown_pack(Loc at, std::string_view name) {
  if (name == kPlatformPack) {
    return fail(at, "",
                "'whatsapp' is the platform pack: it applies to every WhatsApp message and "
                "is configured by the top-level keys, not bound to destinations");
  }
  return fail(at, "", "unknown pack " + quote_user(name) + " (known: " + known_packs() + ")");
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
                             std::vector<const Pack*>& out) {
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
    const Pack* pack = builtin(name);
    if (pack == nullptr) return unknown_pack(at, name);
    out.push_back(pack);
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
    std::vector<const Pack*> names;
    if (absl::Status s = read_pack_names(f.value(), absl::StrCat(path, ".", destination), names); !s.ok()) {
      return s;
    }
    for (const Pack* pack : names) out.emplace_back(destination, pack);
  }
  return absl::OkStatus();
}

template <class E>
absl::Status read_enum_set(od::value& v, const std::string& path, EnumSet<E>& out) {
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(Loc{path}, "", err, "an array, each one of " + expected_names<E>());
  }
  int i = 0;
  for (auto element : arr) {
    const Loc at{path, i++};
    od::value item;
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    item = element.value_unsafe();
    E value{};
    bool present = false;
    if (absl::Status s = read_enum(item, at, "", value, present); !s.ok()) return s;
    if (!present) return fail(at, "", "expected one of " + expected_names<E>() + ", not null");
    out.add(value);
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
      "; a policy file can only bind built-in packs and widen them all alike, so this policy "
      "has no faithful JSON form"));
}

}  // namespace

absl::Status builtin_packs_only(const Jurisdictions& j) {
  for (const PackBinding& b : j.bindings()) {
    if (builtin(b.pack.id) == nullptr) return no_json_form(b, "is a pack made in code, not a built-in one");
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
                               ? "is a pack made in code, not a built-in one"
                               : "differs from the built-in pack of that id (changed in code, "
                                 "or widened differently from the other packs)");
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
                      "an object with keys bindings, unbind, bind, widen (docs/cli.md)");
  }
  std::optional<std::vector<Binding>> bindings;
  std::vector<const Pack*> unbind;
  std::vector<Binding> bind;
  ChannelSet channels;
  CategorySet categories;
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kPacksFields, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_destinations(f, "bindings", bindings.emplace());
      case 1: return read_pack_names(f, "packs.unbind", unbind);
      case 2: return read_destinations(f, "bind", bind);
      default: return read_widen(f, channels, categories);
    }
  });
  if (!s.ok()) return s;
  if (bindings) {
    j = Jurisdictions{};
    for (const Binding& b : *bindings) j.bind(b.first, *b.second);
  }
  for (const Pack* pack : unbind) j.unbind(pack->id);
  for (const Binding& b : bind) j.bind(b.first, *b.second);
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
  out += "{\n    \"bindings\": {";
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
