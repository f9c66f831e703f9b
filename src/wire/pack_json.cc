// A jurisdiction pack written in a policy file ("packs.define.<id>").
#include "pack_json.h"

#include <array>
#include <cstdint>
#include <utility>

#include <date/date.h>

#include "sendpolicy/packs.h"
#include "sendpolicy/policy_check.h"
#include "sendpolicy/wire/policy_json.h"

namespace sendpolicy {
namespace wire {
namespace internal {
namespace {

constexpr std::string_view kPackFields[] = {"name",        "sources",    "quiet_hours", "frequency_cap",
                                            "consent",     "valid_from", "valid_until"};
constexpr std::string_view kQuietFields[] = {"permitted", "channels", "categories"};
constexpr std::string_view kCapFields[] = {"limit",    "window",     "counter",
                                           "action",   "channels",   "categories",
                                           "purchase_exempts_for_months"};
constexpr std::string_view kConsentFields[] = {"channels",
                                               "marketing_needs_consent",
                                               "marketing_bases",
                                               "written_consent_for_marketing",
                                               "double_opt_in_for_marketing",
                                               "implied_purchase_lasts_months",
                                               "implied_inquiry_lasts_months"};
// In date::weekday::c_encoding() order, the index of WeeklyHours::days.
constexpr std::string_view kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::string_view kCounters[] = {"same_purpose_24h", "marketing_24h"};
constexpr std::string_view kActions[] = {"defer", "deny"};
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxTextLength = 1024;
constexpr int kMaxMonths = 1200;  // validate(Policy) bounds implied consent the same way

bool is_builtin_id(std::string_view id) {
  if (id == "whatsapp") return true;
  for (const Pack* p : packs::all()) {
    if (p->id == id) return true;
  }
  return false;
}

// A required object value (not null).
absl::Status object_at(od::value& v, Loc loc, std::string_view field, od::object& obj) {
  bool null = false;
  if (absl::Status s = read_object(v, loc, field, obj, null); !s.ok()) return s;
  if (null) return fail(loc, field, "expected an object, not null");
  return absl::OkStatus();
}

absl::Status text_at(od::value& v, Loc loc, std::string_view field, std::string& dst) {
  bool null = false;
  if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
  if (null) return fail(loc, field, "expected a string, not null");
  if (absl::Status s = read_string(v, loc, field, dst); !s.ok()) return s;
  if (dst.size() > kMaxTextLength) return fail(loc, field, "longer than 1024 bytes");
  return absl::OkStatus();
}

// An integer; null is an error here (read_int reads it as 0).
absl::Status int_at(od::value& v, Loc loc, std::string_view field, int& dst) {
  bool null = false;
  if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
  if (null) return fail(loc, field, "expected an integer, not null");
  return read_int(v, loc, field, dst);
}

absl::Status months_at(od::value& v, Loc loc, std::string_view field, date::months& dst) {
  int n = 0;
  if (absl::Status s = int_at(v, loc, field, n); !s.ok()) return s;
  if (n < 0 || n > kMaxMonths) return fail(loc, field, "must be 0 (no limit) to 1200 months");
  dst = date::months{n};
  return absl::OkStatus();
}

absl::Status flag_at(od::value& v, Loc loc, std::string_view field, bool& dst) {
  return read_required_bool(v, loc, field, dst);
}

template <std::size_t N>
absl::Status name_at(od::value& v, Loc loc, std::string_view field,
                     const std::string_view (&names)[N], int& dst) {
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    return json_error(loc, field, err, "a string");
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) {
      dst = static_cast<int>(i);
      return absl::OkStatus();
    }
  }
  std::string expected;
  for (std::string_view n : names) expected += expected.empty() ? std::string(n) : ", " + std::string(n);
  return fail(loc, field, "unknown value " + quote_user(text) + " (expected one of " + expected + ")");
}

// "HH:MM" with HH 00-24 and MM 00-59; 24:00 only where `end_of_day` is allowed.
bool parse_clock(std::string_view s, bool end_of_day, Duration& out) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) {
    return false;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end_of_day))) return false;
  out = std::chrono::hours(h) + std::chrono::minutes(m);
  return true;
}

// "09:00-18:00" (from inclusive, until exclusive, until may be 24:00) or "closed".
absl::Status read_day(od::value& v, Loc loc, std::string_view field, DailyHours& dst) {
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    return json_error(loc, field, err, "a string like \"09:00-18:00\" or \"closed\"");
  }
  if (text == "closed") {
    dst = DailyHours{};
    return absl::OkStatus();
  }
  Duration from{};
  Duration until{};
  if (text.size() != 11 || text[5] != '-' || !parse_clock(text.substr(0, 5), false, from) ||
      !parse_clock(text.substr(6), true, until)) {
    return fail(loc, field,
                "expected local hours like \"09:00-18:00\" (24:00 ends the day) or \"closed\", got " +
                    quote_user(text));
  }
  if (until <= from) {
    return fail(loc, field, "ends at or before it starts: write \"closed\" for a day without hours");
  }
  dst = DailyHours{from, until};
  return absl::OkStatus();
}

// A string for every day alike, or {"mon": ..., ...} (days left out are closed).
absl::Status read_permitted(od::value& v, const std::string& path, WeeklyHours& dst) {
  const Loc loc{path};
  od::json_type type{};
  if (error_code err = v.type().get(type)) return json_error(loc, "permitted", err, "a value");
  if (type == od::json_type::string) {
    DailyHours every{};
    if (absl::Status s = read_day(v, loc, "permitted", every); !s.ok()) return s;
    dst = WeeklyHours::every_day(every);
    return absl::OkStatus();
  }
  if (type == od::json_type::null) {
    return fail(loc, "permitted",
                "expected local hours like \"09:00-18:00\" or an object of days, not null");
  }
  od::object days;
  if (absl::Status s = object_at(v, loc, "permitted", days); !s.ok()) return s;
  const std::string days_path = path + ".permitted";
  const Loc days_loc{days_path};
  dst = WeeklyHours{};
  std::uint32_t seen = 0;
  return for_each_field(days, days_loc, kDays, seen, [&](int i, od::value& day) {
    return read_day(day, days_loc, kDays[i], dst.days[static_cast<std::size_t>(i)]);
  });
}

absl::Status read_quiet_hours(od::value& v, const std::string& path, QuietHours& dst) {
  const Loc loc{path};
  od::object obj;
  if (absl::Status s = object_at(v, Loc{}, path, obj); !s.ok()) return s;
  std::uint32_t seen = 0;
  if (absl::Status s = for_each_field(obj, loc, kQuietFields, seen, [&](int i, od::value& f) {
        const std::string field_path = path + "." + std::string(kQuietFields[i]);
        switch (i) {
          case 0: return read_permitted(f, path, dst.permitted);
          case 1: dst.channels = ChannelSet{}; return read_enum_set(f, field_path, dst.channels);
          default: dst.categories = CategorySet{}; return read_enum_set(f, field_path, dst.categories);
        }
      });
      !s.ok()) {
    return s;
  }
  if (!has(seen, 0)) return fail(loc, "permitted", "missing: the local hours sending is permitted");
  return absl::OkStatus();
}

absl::Status read_cap(od::value& v, const std::string& path, FrequencyCap& dst) {
  const Loc loc{path};
  od::object obj;
  if (absl::Status s = object_at(v, Loc{}, path, obj); !s.ok()) return s;
  std::uint32_t seen = 0;
  if (absl::Status s = for_each_field(obj, loc, kCapFields, seen, [&](int i, od::value& f) {
        const std::string_view name = kCapFields[i];
        const std::string field_path = path + "." + std::string(name);
        switch (i) {
          case 0: {
            if (absl::Status st = int_at(f, loc, name, dst.limit); !st.ok()) return st;
            if (dst.limit < 0) return fail(loc, name, "must not be negative");
            return absl::OkStatus();
          }
          case 1: {
            std::string_view text;
            if (error_code err = f.get_string().get(text)) {
              return json_error(loc, name, err, "a duration string like \"24h\"");
            }
            const std::optional<Duration> d = parse_duration(text);
            if (!d) return fail(loc, name, "is not a duration like \"24h\": " + quote_user(text));
            if (*d > kMaxCapWindow) return fail(loc, name, "must be at most 366d (a year and a day)");
            dst.window = *d;
            return absl::OkStatus();
          }
          case 2: {
            int counter = 0;
            if (absl::Status st = name_at(f, loc, name, kCounters, counter); !st.ok()) return st;
            dst.counter = static_cast<CapCounter>(counter);
            return absl::OkStatus();
          }
          case 3: {
            int action = 0;
            if (absl::Status st = name_at(f, loc, name, kActions, action); !st.ok()) return st;
            dst.action = static_cast<CapAction>(action);
            return absl::OkStatus();
          }
          case 4: dst.channels = ChannelSet{}; return read_enum_set(f, field_path, dst.channels);
          case 5: dst.categories = CategorySet{}; return read_enum_set(f, field_path, dst.categories);
          default: return months_at(f, loc, name, dst.purchase_exempts_for);
        }
      });
      !s.ok()) {
    return s;
  }
  if (!has(seen, 0)) return fail(loc, "limit", "missing: how many messages the window allows");
  return absl::OkStatus();
}

absl::Status read_consent(od::value& v, const std::string& path, ConsentRules& dst) {
  const Loc loc{path};
  od::object obj;
  if (absl::Status s = object_at(v, Loc{}, path, obj); !s.ok()) return s;
  std::uint32_t seen = 0;
  return for_each_field(obj, loc, kConsentFields, seen, [&](int i, od::value& f) {
    const std::string_view name = kConsentFields[i];
    const std::string field_path = path + "." + std::string(name);
    switch (i) {
      case 0: dst.channels = ChannelSet{}; return read_enum_set(f, field_path, dst.channels);
      case 1: return flag_at(f, loc, name, dst.marketing_needs_consent);
      case 2: {
        dst.marketing_bases = ConsentBasisSet{};
        if (absl::Status st = read_enum_set(f, field_path, dst.marketing_bases); !st.ok()) return st;
        if (dst.marketing_bases.empty()) {
          return fail(loc, name, "must name at least one basis (no basis at all would refuse every marketing message; use marketing_needs_consent)");
        }
        return absl::OkStatus();
      }
      case 3: return flag_at(f, loc, name, dst.written_consent_for_marketing);
      case 4: return flag_at(f, loc, name, dst.double_opt_in_for_marketing);
      case 5: return months_at(f, loc, name, dst.implied_purchase_lasts);
      default: return months_at(f, loc, name, dst.implied_inquiry_lasts);
    }
  });
}

// "2026-01-01" or null.
absl::Status read_day_date(od::value& v, Loc loc, std::string_view field,
                           std::optional<date::sys_days>& dst) {
  bool null = false;
  if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
  if (null) {
    dst.reset();
    return absl::OkStatus();
  }
  std::string_view text;
  if (error_code err = v.get_string().get(text)) return json_error(loc, field, err, "a date like \"2026-01-01\"");
  const auto digits = [&](std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (text[k] < '0' || text[k] > '9') return false;
      out = out * 10 + (text[k] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) ||
      !digits(8, 2, d)) {
    return fail(loc, field, "is not a date like \"2026-01-01\": " + quote_user(text));
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1970) return fail(loc, field, "is not a date from 1970 on: " + quote_user(text));
  dst = date::sys_days{ymd};
  return absl::OkStatus();
}

absl::Status read_pack_fields(od::object obj, const std::string& path, PackDefinition& dst,
                              std::uint32_t& seen) {
  const Loc loc{path};
  return for_each_field(obj, loc, kPackFields, seen, [&](int i, od::value& f) {
    const std::string_view name = kPackFields[i];
    const std::string field_path = path + "." + std::string(name);
    bool null = false;
    switch (i) {
      case 0: return text_at(f, loc, name, dst.name);
      case 1: return text_at(f, loc, name, dst.sources);
      case 2:
        if (absl::Status s = take_null(f, loc, name, null); !s.ok() || null) return s;
        return read_quiet_hours(f, field_path, dst.pack.quiet_hours.emplace());
      case 3:
        if (absl::Status s = take_null(f, loc, name, null); !s.ok() || null) return s;
        return read_cap(f, field_path, dst.pack.frequency_cap.emplace());
      case 4: return read_consent(f, field_path, dst.pack.consent);
      case 5: return read_day_date(f, loc, name, dst.pack.valid_from);
      default: return read_day_date(f, loc, name, dst.pack.valid_until);
    }
  });
}

absl::Status read_pack(od::value& v, const std::string& path, PackDefinition& dst) {
  const Loc loc{path};
  od::object obj;
  if (absl::Status s = object_at(v, Loc{}, path, obj); !s.ok()) return s;
  std::uint32_t seen = 0;
  if (absl::Status s = read_pack_fields(obj, path, dst, seen); !s.ok()) return s;
  const Pack& p = dst.pack;
  if (p.valid_from && p.valid_until && *p.valid_until <= *p.valid_from) {
    return fail(loc, "valid_until", "must be after valid_from");
  }
  return absl::OkStatus();
}

void append_clock(std::string& out, Duration d) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  const auto two = [&](long long n) {
    out += static_cast<char>('0' + n / 10);
    out += static_cast<char>('0' + n % 10);
  };
  two(minutes / 60);
  out += ':';
  two(minutes % 60);
}

void append_day(std::string& out, const DailyHours& h) {
  if (h.closed()) {
    out += "\"closed\"";
    return;
  }
  out += '"';
  append_clock(out, h.from);
  out += '-';
  append_clock(out, h.until);
  out += '"';
}

void append_date(std::string& out, const std::optional<date::sys_days>& d) {
  if (!d) {
    out += "null";
    return;
  }
  out += '"';
  out += date::format("%F", *d);
  out += '"';
}

}  // namespace

bool valid_pack_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

absl::Status read_pack_definitions(od::value& v, std::vector<PackDefinition>& out) {
  const Loc packs_loc{"packs"};
  od::object obj;
  if (absl::Status s = object_at(v, packs_loc, "define", obj); !s.ok()) return s;
  const std::string define_path = "packs.define";
  const Loc loc{define_path};
  for (auto field_result : obj) {
    od::field f;
    if (error_code err = std::move(field_result).get(f)) {  // NOLINT(performance-move-const-arg): get() is &&-qualified
      return json_error(loc, "", err, "an object");
    }
    std::string_view key;
    if (error_code err = f.unescaped_key().get(key)) return json_error(loc, "", err, "a key");
    if (!valid_pack_id(key)) {
      return fail(loc, utf8_prefix(key, 64),
                  "is not a pack id: snake_case, a-z, 0-9 and _, 1 to 64 characters");
    }
    if (is_builtin_id(key)) {
      return fail(loc, key,
                  "is a built-in pack's id: a defined pack needs its own id (unbind the built-in "
                  "one and bind yours to replace it)");
    }
    for (const PackDefinition& d : out) {
      if (d.id == key) return fail(loc, key, "duplicate pack id");
    }
    PackDefinition& d = out.emplace_back();
    d.id = std::string(key);
    if (absl::Status s = read_pack(f.value(), define_path + "." + d.id, d); !s.ok()) return s;
  }
  return absl::OkStatus();
}

Pack bind_definition(PackDefinition& definition, Jurisdictions& j) {
  definition.bound = true;
  Pack pack = definition.pack;
  pack.id = j.keep(definition.id);
  pack.name = j.keep(definition.name);
  pack.sources = j.keep(definition.sources);
  return pack;
}

void append_pack_definition_json(std::string& out, const Pack& p) {
  append_json_string(out, p.id);
  out += ": {\"name\": ";
  append_json_string(out, p.name);
  out += ", \"sources\": ";
  append_json_string(out, p.sources);
  out += ", \"quiet_hours\": ";
  if (p.quiet_hours) {
    out += "{\"permitted\": {";
    for (std::size_t d = 0; d < 7; ++d) {
      if (d > 0) out += ", ";
      append_json_string(out, kDays[d]);
      out += ": ";
      append_day(out, p.quiet_hours->permitted.days[d]);
    }
    out += "}, \"channels\": ";
    append_enum_set(out, p.quiet_hours->channels);
    out += ", \"categories\": ";
    append_enum_set(out, p.quiet_hours->categories);
    out += '}';
  } else {
    out += "null";
  }
  out += ", \"frequency_cap\": ";
  if (p.frequency_cap) {
    const FrequencyCap& c = *p.frequency_cap;
    out += "{\"limit\": ";
    append_json_int(out, c.limit);
    out += ", \"window\": ";
    append_json_string(out, format_duration(c.window));
    out += ", \"counter\": ";
    append_json_string(out, kCounters[static_cast<std::size_t>(c.counter)]);
    out += ", \"action\": ";
    append_json_string(out, kActions[static_cast<std::size_t>(c.action)]);
    out += ", \"channels\": ";
    append_enum_set(out, c.channels);
    out += ", \"categories\": ";
    append_enum_set(out, c.categories);
    out += ", \"purchase_exempts_for_months\": ";
    append_json_int(out, c.purchase_exempts_for.count());
    out += '}';
  } else {
    out += "null";
  }
  const ConsentRules& r = p.consent;
  out += ", \"consent\": {\"channels\": ";
  append_enum_set(out, r.channels);
  out += ", \"marketing_needs_consent\": ";
  out += r.marketing_needs_consent ? "true" : "false";
  out += ", \"marketing_bases\": ";
  append_enum_set(out, r.marketing_bases);
  out += ", \"written_consent_for_marketing\": ";
  out += r.written_consent_for_marketing ? "true" : "false";
  out += ", \"double_opt_in_for_marketing\": ";
  out += r.double_opt_in_for_marketing ? "true" : "false";
  out += ", \"implied_purchase_lasts_months\": ";
  append_json_int(out, r.implied_purchase_lasts.count());
  out += ", \"implied_inquiry_lasts_months\": ";
  append_json_int(out, r.implied_inquiry_lasts.count());
  out += "}, \"valid_from\": ";
  append_date(out, p.valid_from);
  out += ", \"valid_until\": ";
  append_date(out, p.valid_until);
  out += '}';
}

}  // namespace internal
}  // namespace wire
}  // namespace sendpolicy
