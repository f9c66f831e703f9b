// Consent ledgers in and folded consent out, as JSON (wire/ledger_json.h),
// with the same strict readers as requests.
#include "sendpolicy/wire/ledger_json.h"

#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ondemand_read.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace {

using namespace internal;  // NOLINT: the readers are this file's vocabulary

constexpr std::string_view kEventFields[] = {
    "at",     "kind",   "phone",  "business",       "purposes",     "method",     "source",
    "basis",  "notice", "notice_version", "evidence_ref", "via", "recorded_by", "user_id"};
constexpr std::string_view kNoticeFields[] = {"business_name_shown", "content_described",
                                              "whatsapp_named", "number_editable"};

absl::Status read_strings(od::value& v, Loc loc, std::string_view field,
                          std::vector<std::string>& out) {
  out.clear();
  bool null = false;
  if (absl::Status s = take_null(v, loc, field, null); !s.ok()) return s;
  if (null) return absl::OkStatus();
  od::array arr;
  if (error_code err = v.get_array().get(arr)) return json_error(loc, field, err, "an array of strings");
  for (auto element : arr) {
    if (error_code err = element.error()) return json_error(loc, field, err, "a string");
    od::value item = element.value_unsafe();
    std::string_view text;
    if (error_code err = item.get_string().get(text)) {
      return json_error(loc, field, err, "an array of strings");
    }
    out.emplace_back(text);
  }
  return absl::OkStatus();
}

absl::Status read_notice(od::value& v, Loc loc, std::optional<NoticeShown>& out) {
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, loc, "notice", obj, null); !s.ok()) return s;
  out.reset();
  if (null) return absl::OkStatus();
  NoticeShown& n = out.emplace();
  const std::string path = path_of(loc, "notice");
  const Loc inner{path};
  std::uint32_t seen = 0;
  return for_each_field(obj, inner, kNoticeFields, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_bool(f, inner, "business_name_shown", n.business_name_shown);
      case 1: return read_bool(f, inner, "content_described", n.content_described);
      case 2: return read_bool(f, inner, "whatsapp_named", n.whatsapp_named);
      default: return read_bool(f, inner, "number_editable", n.number_editable);
    }
  });
}

absl::Status read_event(od::value& v, int index, ConsentEvent& e) {
  const Loc loc{"events", index};
  od::object obj;
  if (error_code err = v.get_object().get(obj)) return json_error(loc, "", err, "an object");
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kEventFields, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: {
        std::optional<Timestamp> at;
        if (absl::Status st = read_time(f, loc, "at", at); !st.ok()) return st;
        if (!at) return fail(loc, "at", "is required");
        e.at = *at;
        return absl::OkStatus();
      }
      case 1: {
        bool present = false;
        if (absl::Status st = read_enum(f, loc, "kind", e.kind, present); !st.ok()) return st;
        if (!present) return fail(loc, "kind", "is required");
        return absl::OkStatus();
      }
      case 2: return read_string(f, loc, "phone", e.phone);
      case 3: return read_string(f, loc, "business", e.business);
      case 4: return read_strings(f, loc, "purposes", e.purposes);
      case 5: return read_enum(f, loc, "method", e.method);
      case 6: return read_enum(f, loc, "source", e.source);
      case 7: return read_enum(f, loc, "basis", e.basis);
      case 8: return read_notice(f, loc, e.notice);
      case 9: return read_string(f, loc, "notice_version", e.notice_version);
      case 10: return read_string(f, loc, "evidence_ref", e.evidence_ref);
      case 11: return read_enum(f, loc, "via", e.via);
      case 12: return read_string(f, loc, "recorded_by", e.recorded_by);
      default: return read_string(f, loc, "user_id", e.user_id);
    }
  });
  if (!s.ok()) return s;
  if (!has(seen, 0)) return fail(loc, "at", "is required");
  if (!has(seen, 1)) return fail(loc, "kind", "is required");
  return absl::OkStatus();
}

void append_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void key(std::string& out, const char* name) {
  out += '"';
  out += name;
  out += "\":";
}

}  // namespace

absl::Status parse_ledger(std::string_view json, std::vector<ConsentEvent>& events) {
  events.clear();
  const Loc root{};
  // Unreachable for any real input, but without it json.size() + padding
  // could wrap, and GCC's link-time optimiser warns about that memcpy.
  if (json.size() > std::numeric_limits<std::size_t>::max() - simdjson::SIMDJSON_PADDING) {
    return fail(root, "events", "is too large");
  }
  std::vector<char> padded(json.size() + simdjson::SIMDJSON_PADDING);
  if (!json.empty()) std::memcpy(padded.data(), json.data(), json.size());
  od::parser parser;
  od::document doc;
  if (error_code err = parser.iterate(padded.data(), json.size(), padded.size()).get(doc)) {
    return json_error(root, "events", err, "a JSON array of events");
  }
  od::array arr;
  if (error_code err = doc.get_array().get(arr)) {
    return json_error(root, "events", err, "a JSON array of events");
  }
  int index = 0;
  for (auto element : arr) {
    if (error_code err = element.error()) {
      return json_error(Loc{"events", index}, "", err, "an object");
    }
    od::value item = element.value_unsafe();
    events.emplace_back();
    if (absl::Status s = read_event(item, index, events.back()); !s.ok()) return s;
    ++index;
  }
  const char* rest = nullptr;
  if (doc.current_location().get(rest) != simdjson::OUT_OF_BOUNDS) {
    return fail(root, "", "unexpected content after the JSON array");
  }
  return absl::OkStatus();
}

// `"name":value,` for the consent object's fields.
void text_field(std::string& out, const char* name, std::string_view value) {
  key(out, name);
  append_json_string(out, value);
  out += ',';
}

void time_field(std::string& out, const char* name, const std::optional<Timestamp>& value) {
  key(out, name);
  append_json_timestamp(out, value);
  out += ',';
}

void bool_field(std::string& out, const char* name, bool value) {
  key(out, name);
  out += value ? "true," : "false,";
}

void append_consent_json(std::string& out, const ConsentRecord& c) {
  out += '{';
  text_field(out, "status", to_string(c.status));
  text_field(out, "basis", to_string(c.basis));
  text_field(out, "phone", c.phone);
  // Only when known, so phone-keyed ledgers fold to the v1 object.
  if (!c.user_id.empty()) text_field(out, "user_id", c.user_id);
  time_field(out, "granted_at", c.granted_at);
  time_field(out, "withdrawn_at", c.withdrawn_at);
  text_field(out, "source", to_string(c.source));
  text_field(out, "method", to_string(c.method));
  key(out, "purposes");
  append_strings(out, c.purposes);
  out += ',';
  bool_field(out, "business_name_shown", c.notice.business_name_shown);
  bool_field(out, "content_described", c.notice.content_described);
  bool_field(out, "whatsapp_named", c.notice.whatsapp_named);
  bool_field(out, "number_editable", c.notice.number_editable);
  time_field(out, "double_opt_in_at", c.double_opt_in_at);
  text_field(out, "notice_version", c.notice_version);
  key(out, "evidence_ref");
  append_json_string(out, c.evidence_ref);
  out += '}';
}

std::string folded_consent_json(const FoldedConsent& f) {
  std::string out = "{";
  key(out, "consent");
  if (f.consent) {
    append_consent_json(out, *f.consent);
  } else {
    out += "null";
  }
  out += ',';
  key(out, "expired_at");
  append_json_timestamp(out, f.expired_at);
  out += ',';
  key(out, "withdrawn_via");
  if (f.withdrawn_via) {
    append_json_string(out, to_string(*f.withdrawn_via));
  } else {
    out += "null";
  }
  out += ',';
  key(out, "withdrawn_by");
  if (f.withdrawn_by.empty()) {
    out += "null";
  } else {
    append_json_string(out, f.withdrawn_by);
  }
  out += ',';
  key(out, "withdrawn_purposes");
  append_strings(out, f.withdrawn_purposes);
  out += ',';
  key(out, "events");
  append_json_int(out, static_cast<long long>(f.events));
  out += '}';
  return out;
}

}  // namespace wire
}  // namespace sendpolicy
