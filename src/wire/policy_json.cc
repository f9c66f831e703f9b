#include "sendpolicy/wire/policy_json.h"

#include <cstdint>
#include <vector>

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "json_syntax.h"
#include "ondemand_read.h"
#include "keywords_json.h"
#include "packs_json.h"
#include "sendpolicy/enums.h"
#include "sendpolicy/policy_check.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using namespace internal;  // NOLINT: the readers are this file's vocabulary

constexpr std::string_view kPolicyFields[] = {
    "version",
    "packs",
    "service_window",
    "free_form_in_window_needs_opt_in",
    "utility_in_window_needs_opt_in",
    "window_openers",
    "sendable_statuses",
    "block_red_quality_templates",
    "whatsapp_not_named",
    "number_not_editable",
    "max_consent_age",
    "require_double_opt_in",
    "honour_marketing_opt_out",
    "us_marketing_pause",
    "us_marketing_pause_from",
    "us_marketing_pause_in_window",
    "marketing_cap_24h",
    "window_closing_soon",
    "human_agent_window",
    "messenger_update_tags",
    "keywords",
    "re_opt_in",
    "call_cap_24h",
    "business_country",
    "calling_unavailable_countries",
    "sms_reply_window",
    "loosened",
};
constexpr std::string_view kOpenerFields[] = {"reactions", "system_events"};

absl::Status read_flag(od::value& v, std::string_view field, bool& dst) {
  return read_required_bool(v, Loc{}, field, dst);
}

// A duration; `null` allowed only when `nullable`.
absl::Status read_duration(od::value& v, Loc loc, std::string_view field,
                           std::optional<Duration>& dst, bool nullable) {
  bool null = false;
  if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
  if (null) {
    if (!nullable) return fail(loc, field, "expected a duration like \"24h\", not null");
    dst.reset();
    return absl::OkStatus();
  }
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    return json_error(loc, field, err, "a duration string like \"24h\"");
  }
  dst = parse_duration(text);
  if (!dst) {
    return fail(loc, field,
                "is not a duration: expected a positive whole number and a unit s, m, h or d "
                "(\"24h\"), got " + quote_user(text));
  }
  return absl::OkStatus();
}

// A duration that must be present and positive.
absl::Status read_required_duration(od::value& v, std::string_view field, Duration& dst) {
  std::optional<Duration> d;
  if (absl::Status s = read_duration(v, Loc{}, field, d, false); !s.ok()) return s;
  dst = *d;
  return absl::OkStatus();
}

// A duration where "0s" (or "0") switches the setting off.
absl::Status read_duration_or_zero(od::value& v, std::string_view name, Duration& dst) {
  const Loc root{};
  bool null = false;
  if (absl::Status s = take_null(v, root, name, null); !s.ok()) return s;
  if (null) return fail(root, name, "expected a duration like \"1h\" or \"0s\", not null");
  std::string_view text;
  if (error_code err = v.get_string().get(text)) {
    return json_error(root, name, err, "a duration string like \"1h\"");
  }
  if (text == "0s" || text == "0") {
    dst = Duration::zero();
    return absl::OkStatus();
  }
  const std::optional<Duration> d = parse_duration(text);
  if (!d) return fail(root, name, "is not a duration like \"1h\": " + quote_user(text));
  dst = *d;
  return absl::OkStatus();
}

absl::Status read_statuses(od::value& v, TemplateStatusSet& dst) {
  const Loc root{};
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(root, "sendable_statuses", err, "an array of template statuses");
  }
  TemplateStatusSet set;
  int i = 0;
  for (auto element : arr) {
    const Loc at{"sendable_statuses", i++};
    od::value item;
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    item = element.value_unsafe();
    TemplateStatus status{};
    bool present = false;
    if (absl::Status s = read_enum(item, at, "", status, present); !s.ok()) return s;
    // null is not a status (it used to read as the first one, approved).
    if (!present) return fail(at, "", "expected one of " + expected_names<TemplateStatus>() + ", not null");
    set.add(status);
  }
  dst = set;
  return absl::OkStatus();
}

// ISO 3166-1 alpha-2 shape: two upper-case ASCII letters.
bool is_country_code(std::string_view c) {
  return c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
}

absl::Status read_country(od::value& v, Loc loc, std::string_view field, std::string& dst) {
  if (absl::Status s = read_string(v, loc, field, dst); !s.ok()) return s;
  if (!dst.empty() && !is_country_code(dst)) {
    return fail(loc, field, "is not an ISO 3166-1 alpha-2 code like \"US\": " + quote_user(dst));
  }
  return absl::OkStatus();
}

absl::Status read_countries(od::value& v, std::string_view field,
                            std::vector<std::string>& dst) {
  const Loc root{};
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(root, field, err, "an array of ISO 3166-1 alpha-2 codes");
  }
  std::vector<std::string> countries;
  int i = 0;
  for (auto element : arr) {
    const Loc at{field, i++};
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    od::value item = element.value_unsafe();
    std::string country;
    if (absl::Status s = read_country(item, at, "", country); !s.ok()) return s;
    if (country.empty()) return fail(at, "", "expected an ISO 3166-1 alpha-2 code, not empty");
    countries.push_back(std::move(country));
  }
  dst = std::move(countries);
  return absl::OkStatus();
}

// "honour_marketing_opt_out (marketing_opt_out_not_honoured)": one entry of
// the dump's "loosened" list.
std::string loosening_text(const Loosening& l) {
  return l.knob + " (" + std::string(to_string(l.warning)) + ")";
}

std::vector<std::string> loosening_texts(const Policy& p) {
  std::vector<std::string> out;
  for (const Loosening& l : loosenings(p)) out.push_back(loosening_text(l));
  return out;
}

absl::Status read_loosened(od::value& v, std::optional<std::vector<std::string>>& dst) {
  const Loc root{};
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(root, "loosened", err, "an array of strings, as --policy-dump writes it");
  }
  std::vector<std::string> items;
  int i = 0;
  for (auto element : arr) {
    const Loc at{"loosened", i++};
    if (error_code err = element.error()) return json_error(at, "", err, "a string");
    od::value item = element.value_unsafe();
    std::string text;
    bool null = false;
    if (absl::Status s = take_null(item, at, "", null); !s.ok()) return s;
    if (null) return fail(at, "", "expected a string, not null");
    if (absl::Status s = read_string(item, at, "", text); !s.ok()) return s;
    items.push_back(std::move(text));
  }
  dst = std::move(items);
  return absl::OkStatus();
}

std::string joined(const std::vector<std::string>& items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s += ", ";
    s += items[i];
  }
  return s + "]";
}

absl::Status read_fields(od::object obj, Policy& p,
                         std::optional<std::vector<std::string>>& loosened) {
  const Loc root{};
  std::uint32_t seen = 0;
  return for_each_field(obj, root, kPolicyFields, seen, [&](int i, od::value& v) {
    const std::string_view name = kPolicyFields[i];
    switch (i) {
      case 0: {
        int version = 0;
        if (absl::Status s = read_int(v, root, name, version); !s.ok()) return s;
        if (version != 1) return fail(root, name, "must be 1");
        return absl::OkStatus();
      }
      case 1: return read_packs(v, p.jurisdictions);
      case 2: return read_required_duration(v, name, p.service_window);
      case 3: return read_flag(v, name, p.free_form_in_window_needs_opt_in);
      case 4: return read_flag(v, name, p.utility_in_window_needs_opt_in);
      case 5: {
        const Loc loc{"window_openers"};
        od::object openers;
        bool null = false;
        if (absl::Status s = read_object(v, root, name, openers, null); !s.ok()) return s;
        if (null) return fail(root, name, "expected an object, not null");
        std::uint32_t opener_seen = 0;
        return for_each_field(openers, loc, kOpenerFields, opener_seen, [&](int j, od::value& f) {
          bool& dst = j == 0 ? p.window_openers.reactions : p.window_openers.system_events;
          return read_required_bool(f, loc, kOpenerFields[j], dst);
        });
      }
      case 6: return read_statuses(v, p.sendable_statuses);
      case 7: return read_flag(v, name, p.block_red_quality_templates);
      case 8:
      case 9: {
        Enforcement& dst = i == 8 ? p.whatsapp_not_named : p.number_not_editable;
        bool present = false;
        if (absl::Status s = read_enum(v, root, name, dst, present); !s.ok()) return s;
        if (!present) return fail(root, name, "expected ignore, warn or deny, not null");
        return absl::OkStatus();
      }
      case 10: return read_duration(v, root, name, p.max_consent_age, true);
      case 11: return read_flag(v, name, p.require_double_opt_in);
      case 12: return read_flag(v, name, p.honour_marketing_opt_out);
      case 13: return read_flag(v, name, p.us_marketing_pause);
      case 14: {
        std::optional<Timestamp> t;
        if (absl::Status s = read_time(v, root, name, t); !s.ok()) return s;
        if (!t) return fail(root, name, "expected an RFC 3339 date-time, not null");
        p.us_marketing_pause_from = *t;
        return absl::OkStatus();
      }
      case 15: return read_flag(v, name, p.us_marketing_pause_in_window);
      case 16: {
        bool null = false;
        if (absl::Status s = take_null(v, root, name, null); !s.ok()) return s;
        if (null) {
          p.marketing_cap_24h.reset();
          return absl::OkStatus();
        }
        int cap = 0;
        if (absl::Status s = read_int(v, root, name, cap); !s.ok()) return s;
        if (cap < 0) return fail(root, name, "must not be negative");
        p.marketing_cap_24h = cap;
        return absl::OkStatus();
      }
      case 18: return read_required_duration(v, name, p.human_agent_window);
      case 19: return read_flag(v, name, p.messenger_update_tags);
      case 20: return read_keywords(v, p.keywords);
      case 22: {
        bool null = false;
        if (absl::Status s = take_null(v, root, name, null); !s.ok()) return s;
        if (null) return fail(root, name, "expected a number of calls, not null");
        int cap = 0;
        if (absl::Status s = read_int(v, root, name, cap); !s.ok()) return s;
        if (cap < 0) return fail(root, name, "must not be negative");
        p.call_cap_24h = cap;
        return absl::OkStatus();
      }
      case 23: return read_country(v, root, name, p.business_country);
      case 24: return read_countries(v, name, p.calling_unavailable_countries);
      case 26: return read_loosened(v, loosened);
      case 21: {
        bool present = false;
        if (absl::Status s = read_enum(v, root, name, p.re_opt_in, present); !s.ok()) return s;
        if (!present) return fail(root, name, "expected explicit_keyword or any_inbound, not null");
        return absl::OkStatus();
      }
      case 25: {
        if (absl::Status s = read_duration_or_zero(v, name, p.sms_reply_window); !s.ok()) return s;
        if (p.sms_reply_window > kMaxSmsReplyWindow) {
          return fail(root, name,
                      "must be at most 24h (a later text answers no recent conversation and "
                      "needs consent on file); \"0s\" switches the exemption off");
        }
        return absl::OkStatus();
      }
      default: return read_duration_or_zero(v, name, p.window_closing_soon);
    }
  });
}

void key(std::string& out, std::string_view name) {
  out += "  \"";
  out += name;
  out += "\": ";
}

void flag(std::string& out, std::string_view name, bool value) {
  key(out, name);
  out += value ? "true" : "false";
  out += ",\n";
}

void text(std::string& out, std::string_view name, std::string_view value) {
  key(out, name);
  append_json_string(out, value);
  out += ",\n";
}

void duration(std::string& out, std::string_view name, std::optional<Duration> value) {
  key(out, name);
  if (value) {
    append_json_string(out, format_duration(*value));
  } else {
    out += "null";
  }
  out += ",\n";
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) noexcept {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  long long count = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    count = count * 10 + (c - '0');
  }
  if (count <= 0) return std::nullopt;
  switch (text.back()) {
    case 's': return Duration{count};
    case 'm': return Duration{count * 60};
    case 'h': return Duration{count * 3600};
    case 'd': return Duration{count * 86400};
    default: return std::nullopt;
  }
}

std::string format_duration(Duration d) {
  const long long s = static_cast<long long>(d.count());
  if (s != 0 && s % 86400 == 0 && s > 86400) return std::to_string(s / 86400) + "d";
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

absl::Status parse_policy(std::string_view json, Policy& policy) {
  const Loc root{};
  // A byte order mark is what some editors put first; it is not content.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (json.substr(0, kBom.size()) == kBom) json.remove_prefix(kBom.size());
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return fail(root, "", "empty; expected a JSON object");
  }
  // simdjson says what is malformed but not where: find it for the message.
  if (std::optional<SyntaxError> e = find_syntax_error(json)) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", e->line, ", column ", e->column, ": malformed JSON: ", e->what));
  }
  od::parser parser;
  const simdjson::padded_string padded(json.data(), json.size());
  od::document doc;
  error_code err = parser.iterate(padded).get(doc);
  if (err == simdjson::EMPTY) return fail(root, "", "empty; expected a JSON object");
  if (err) return json_error(root, "", err, "a JSON object");
  od::object obj;
  if ((err = doc.get_object().get(obj))) return json_error(root, "", err, "a JSON object");
  std::optional<std::vector<std::string>> loosened;
  if (absl::Status s = read_fields(obj, policy, loosened); !s.ok()) return s;
  // Every bound of every knob, whichever way the policy was set.
  if (absl::Status s = validate(policy); !s.ok()) return s;
  // A "loosened" list (as --policy-dump writes it) is an acknowledgement:
  // it must name exactly the loosening knobs the policy uses.
  if (loosened) {
    const std::vector<std::string> actual = loosening_texts(policy);
    if (*loosened != actual) {
      return fail(root, "loosened",
                  "does not match the policy: it lists " + joined(*loosened) +
                      " but the policy loosens " + joined(actual) + " (docs/cli.md, Policy knobs)");
    }
  }
  return absl::OkStatus();
}

absl::Status check_dumpable(const Policy& policy) {
  if (absl::Status s = validate(policy); !s.ok()) return s;
  if (absl::Status s = file_form_ids(policy.jurisdictions); !s.ok()) return s;
  Policy read_back = Policy::whatsapp();
  if (absl::Status s = parse_policy(policy_to_json(policy), read_back); !s.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the policy has no faithful JSON form: its dump does not read back (",
                     s.message(), ")"));
  }
  return same_bindings(policy.jurisdictions, read_back.jurisdictions);
}

std::string policy_to_json(const Policy& p) {
  std::string out = "{\n";
  key(out, "version");
  out += "1,\n";
  key(out, "packs");
  append_packs_json(out, p.jurisdictions);
  out += ",\n";
  duration(out, "service_window", p.service_window);
  flag(out, "free_form_in_window_needs_opt_in", p.free_form_in_window_needs_opt_in);
  flag(out, "utility_in_window_needs_opt_in", p.utility_in_window_needs_opt_in);
  key(out, "window_openers");
  out += "{\"reactions\": ";
  out += p.window_openers.reactions ? "true" : "false";
  out += ", \"system_events\": ";
  out += p.window_openers.system_events ? "true" : "false";
  out += "},\n";
  key(out, "sendable_statuses");
  out += '[';
  bool first = true;
  for (std::size_t i = 0; i < EnumTraits<TemplateStatus>::kCount; ++i) {
    const auto status = static_cast<TemplateStatus>(i);
    if (!p.sendable_statuses.contains(status)) continue;
    if (!first) out += ", ";
    first = false;
    append_json_string(out, to_string(status));
  }
  out += "],\n";
  flag(out, "block_red_quality_templates", p.block_red_quality_templates);
  text(out, "whatsapp_not_named", to_string(p.whatsapp_not_named));
  text(out, "number_not_editable", to_string(p.number_not_editable));
  duration(out, "max_consent_age", p.max_consent_age);
  flag(out, "require_double_opt_in", p.require_double_opt_in);
  flag(out, "honour_marketing_opt_out", p.honour_marketing_opt_out);
  flag(out, "us_marketing_pause", p.us_marketing_pause);
  key(out, "us_marketing_pause_from");
  append_json_timestamp(out, p.us_marketing_pause_from);
  out += ",\n";
  flag(out, "us_marketing_pause_in_window", p.us_marketing_pause_in_window);
  key(out, "marketing_cap_24h");
  if (p.marketing_cap_24h) {
    append_json_int(out, *p.marketing_cap_24h);
  } else {
    out += "null";
  }
  out += ",\n";
  duration(out, "window_closing_soon", p.window_closing_soon);
  duration(out, "human_agent_window", p.human_agent_window);
  flag(out, "messenger_update_tags", p.messenger_update_tags);
  key(out, "keywords");
  append_keywords_json(out, p.keywords);
  out += ",\n";
  key(out, "re_opt_in");
  append_json_string(out, to_string(p.re_opt_in));
  out += ",\n";
  key(out, "call_cap_24h");
  append_json_int(out, p.call_cap_24h);
  out += ",\n";
  text(out, "business_country", p.business_country);
  key(out, "calling_unavailable_countries");
  out += '[';
  for (std::size_t i = 0; i < p.calling_unavailable_countries.size(); ++i) {
    if (i > 0) out += ", ";
    append_json_string(out, p.calling_unavailable_countries[i]);
  }
  out += "],\n";
  key(out, "sms_reply_window");
  append_json_string(out, p.sms_reply_window > Duration::zero() ? format_duration(p.sms_reply_window)
                                                                : std::string("0s"));
  out += ",\n";
  // Informational on the way out, checked on the way in (parse_policy).
  key(out, "loosened");
  out += '[';
  const std::vector<std::string> loosened = loosening_texts(p);
  for (std::size_t i = 0; i < loosened.size(); ++i) {
    if (i > 0) out += ", ";
    append_json_string(out, loosened[i]);
  }
  out += "]\n}\n";
  return out;
}

}  // namespace wire
}  // namespace sendpolicy
