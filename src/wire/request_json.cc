// Wire-format request parsing with simdjson On-Demand. Every field is
// visited, so every byte of an accepted request has been validated; the
// first problem ends the parse with the field's path.
#include "sendpolicy/wire/request_json.h"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "sendpolicy/enums.h"
#include "ondemand_read.h"
#include "sendpolicy/wire/json_writer.h"
#include "sendpolicy/wire/zone_cache.h"

namespace sendpolicy {
namespace wire {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using namespace internal;  // NOLINT: the readers are this file's vocabulary

static_assert(RequestParser::kPadding == simdjson::SIMDJSON_PADDING,
              "RequestParser::kPadding must match simdjson's padding");

constexpr std::string_view kRequestFields[] = {"id",      "now",    "channel", "recipient",
                                               "consent", "window", "history", "message"};
constexpr std::string_view kRecipientFields[] = {"phone",     "country",
                                                 "region",    "time_zone",
                                                 "marketing_opted_out", "sent",
                                                 "user_id", "call_permission"};
constexpr std::string_view kCallPermissionFields[] = {
    "status", "kind", "granted_at", "requests", "last_connected_call_at",
    "consecutive_unanswered_calls", "connected_calls_24h"};
constexpr std::string_view kSentFields[] = {"marketing_24h", "same_purpose_24h"};
constexpr std::string_view kConsentFields[] = {
    "status",           "basis",           "phone",          "granted_at",
    "withdrawn_at",     "source",          "method",         "purposes",
    "business_name_shown", "content_described", "whatsapp_named", "number_editable",
    "double_opt_in_at", "notice_version",  "evidence_ref", "user_id"};
constexpr std::string_view kWindowFields[] = {"last_inbound_at", "entry_point"};
constexpr std::string_view kEventFields[] = {"at", "direction", "type", "text", "sender"};
constexpr std::string_view kMessageFields[] = {"kind",     "category", "purpose",
                                               "template", "tag",      "sender",
                                               "requests_call_permission", "confirms_opt_out"};
constexpr std::string_view kTemplateFields[] = {"name",    "language", "category",
                                                "status",  "quality",  "paused_until"};

// The same names, for comparing keys with the expected one (KeyTable; a
// name too long for it does not compile).
constexpr KeyTable<std::size(kRequestFields)> kRequestKeys{kRequestFields};
constexpr KeyTable<std::size(kRecipientFields)> kRecipientKeys{kRecipientFields};
constexpr KeyTable<std::size(kCallPermissionFields)> kCallPermissionKeys{kCallPermissionFields};
constexpr KeyTable<std::size(kSentFields)> kSentKeys{kSentFields};
constexpr KeyTable<std::size(kConsentFields)> kConsentKeys{kConsentFields};
constexpr KeyTable<std::size(kWindowFields)> kWindowKeys{kWindowFields};
constexpr KeyTable<std::size(kEventFields)> kEventKeys{kEventFields};
constexpr KeyTable<std::size(kMessageFields)> kMessageKeys{kMessageFields};
constexpr KeyTable<std::size(kTemplateFields)> kTemplateKeys{kTemplateFields};

}  // namespace

struct RequestParser::Impl {
  od::parser parser;
  ZoneCache zones;
  std::vector<char> padded;  // parse() copies its input here
  // Spares keep the heap capacity of optional members across requests
  // (moved out of the request when a line lacks them, moved back in later).
  // A member the line before had is reused in place: moving it out and back
  // for every line (copying each short string's bytes twice) was most of
  // reset()'s cost.
  ConsentRecord spare_consent;
  Template spare_template;
  CallPermission spare_call_permission;
  // Which optional members this parse filled; settle() empties the others.
  bool consent_read = false;
  bool template_read = false;
  bool call_permission_read = false;
  // The key order each reader saw last (see KeyOrder).
  KeyOrder<std::size(kRequestFields)> request_order;
  KeyOrder<std::size(kRecipientFields)> recipient_order;
  KeyOrder<std::size(kCallPermissionFields)> call_permission_order;
  KeyOrder<std::size(kSentFields)> sent_order;
  KeyOrder<std::size(kConsentFields)> consent_order;
  KeyOrder<std::size(kWindowFields)> window_order;
  KeyOrder<std::size(kEventFields)> event_order;
  KeyOrder<std::size(kMessageFields)> message_order;
  KeyOrder<std::size(kTemplateFields)> template_order;

  void reset(SendRequest& r);
  void settle(SendRequest& r);
  absl::Status parse(std::string_view json, SendRequest& out);
  absl::Status parse_document(std::string_view json, SendRequest& out);
  absl::Status root(od::document& doc, SendRequest& r);
  absl::Status request(od::object obj, SendRequest& r);
  absl::Status recipient(od::value& v, Recipient& p);
  absl::Status call_permission(od::value& v, Recipient& p);
  absl::Status call_requests(od::value& v, std::vector<Timestamp>& out);
  absl::Status consent(od::value& v, SendRequest& r);
  absl::Status purposes(od::value& v, std::vector<std::string>& out);
  absl::Status window(od::value& v, SendRequest& r);
  absl::Status history(od::value& v, std::vector<ConversationEvent>& out);
  absl::Status event(od::value& v, int index, ConversationEvent& e, std::string_view& fraction);
  absl::Status message(od::value& v, Message& m);
  absl::Status message_template(od::value& v, Message& m);
};

void RequestParser::Impl::reset(SendRequest& r) {
  r.id.clear();
  r.now = Timestamp::min();  // SendRequest's "not set"
  r.channel = Channel::kWhatsApp;
  Recipient& p = r.recipient;
  p.phone.clear();
  p.country.clear();
  p.region.clear();
  p.time_zone.clear();
  p.zone = nullptr;
  p.marketing_opted_out = false;
  p.sent = SentCounters{};
  p.user_id.clear();
  // consent, template_info and call_permission: left as they are, for their
  // readers to reuse; settle() empties those this request lacks.
  call_permission_read = false;
  consent_read = false;
  template_read = false;
  r.window.reset();
  // history: elements are overwritten in place by history() to keep their
  // strings' capacity; cleared there.
  Message& m = r.message;
  m.kind = MessageKind::kFreeForm;
  m.category.reset();
  m.purpose.clear();
  m.tag.reset();
  m.sender = Sender::kAutomation;
  m.requests_call_permission = false;
  m.confirms_opt_out = false;
}

void RequestParser::Impl::settle(SendRequest& r) {
  if (!call_permission_read && r.recipient.call_permission) {
    spare_call_permission = std::move(*r.recipient.call_permission);
    r.recipient.call_permission.reset();
  }
  if (!consent_read && r.consent) {
    spare_consent = std::move(*r.consent);
    r.consent.reset();
  }
  if (!template_read && r.message.template_info) {
    spare_template = std::move(*r.message.template_info);
    r.message.template_info.reset();
  }
}

absl::Status RequestParser::Impl::root(od::document& doc, SendRequest& r) {
  od::object obj;
  if (error_code err = doc.get_object().get(obj)) {
    if (err == simdjson::INCORRECT_TYPE) return fail(Loc{}, "", "expected a JSON object");
    return json_error(Loc{}, "", err, "a JSON object");
  }
  return request(obj, r);
}

absl::Status RequestParser::Impl::request(od::object obj, SendRequest& r) {
  const Loc root{};
  std::uint32_t seen = 0;
  bool history_seen = false;
  absl::Status s = for_each_field(obj, root, kRequestKeys, request_order, seen, [&](int i, od::value& v) {
    switch (i) {
      case 0:
        return read_string(v, root, "id", r.id);
      case 1: {
        std::optional<Timestamp> now;
        if (absl::Status st = read_time(v, root, "now", now); !st.ok()) return st;
        if (!now) return fail(root, "now", "is required");
        r.now = *now;
        return absl::OkStatus();
      }
      case 2: {
        bool present = false;
        absl::Status st = read_enum(v, root, "channel", r.channel, present);
        if (!present) r.channel = Channel::kWhatsApp;
        return st;
      }
      case 3:
        return recipient(v, r.recipient);
      case 4:
        return consent(v, r);
      case 5:
        return window(v, r);
      case 6:
        history_seen = true;
        return history(v, r.history);
      default:
        return message(v, r.message);
    }
  });
  if (!history_seen) r.history.clear();
  if (!s.ok()) return s;
  if (!has(seen, 1)) return fail(root, "now", "is required");
  if (!has(seen, 3)) return fail(root, "recipient", "is required");
  if (!has(seen, 7)) return fail(root, "message", "is required");
  return absl::OkStatus();
}

absl::Status RequestParser::Impl::recipient(od::value& v, Recipient& p) {
  const Loc root{};
  const Loc loc{"recipient"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, root, "recipient", obj, null); !s.ok()) return s;
  if (null) return fail(root, "recipient", "is required");
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kRecipientKeys, recipient_order, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_string(f, loc, "phone", p.phone);
      case 1: return read_string(f, loc, "country", p.country);
      case 2: return read_string(f, loc, "region", p.region);
      case 3: return read_string(f, loc, "time_zone", p.time_zone);
      case 4: return read_bool(f, loc, "marketing_opted_out", p.marketing_opted_out);
      case 6: return read_string(f, loc, "user_id", p.user_id);
      case 7: return call_permission(f, p);
      default: {
        const Loc sent_loc{"recipient.sent"};
        od::object sent;
        bool sent_null = false;
        if (absl::Status st = read_object(f, loc, "sent", sent, sent_null); !st.ok()) return st;
        p.sent = SentCounters{};
        if (sent_null) return absl::OkStatus();
        std::uint32_t sent_seen = 0;
        return for_each_field(sent, sent_loc, kSentKeys, sent_order, sent_seen, [&](int j, od::value& n) {
          return j == 0 ? read_int(n, sent_loc, "marketing_24h", p.sent.marketing_24h)
                        : read_int(n, sent_loc, "same_purpose_24h", p.sent.same_purpose_24h);
        });
      }
    }
  });
  if (!s.ok()) return s;
  if (!p.time_zone.empty()) {
    p.zone = zones.find(p.time_zone);
    if (p.zone == nullptr) {
      return fail(loc, "time_zone", "unknown IANA time zone " + quote_user(p.time_zone));
    }
  }
  return absl::OkStatus();
}

absl::Status RequestParser::Impl::call_permission(od::value& v, Recipient& p) {
  const Loc parent{"recipient"};
  const Loc loc{"recipient.call_permission"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, parent, "call_permission", obj, null); !s.ok()) return s;
  if (null) return absl::OkStatus();  // nothing known: no permission
  CallPermission& c = p.call_permission ? *p.call_permission
                                        : p.call_permission.emplace(std::move(spare_call_permission));
  call_permission_read = true;
  c.status = CallPermissionStatus::kNone;
  c.kind = CallPermissionKind::kTemporary;
  c.granted_at.reset();
  c.last_connected_call_at.reset();
  c.consecutive_unanswered_calls = 0;
  c.connected_calls_24h = 0;
  bool requests_seen = false;
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kCallPermissionKeys, call_permission_order, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_enum(f, loc, "status", c.status);
      case 1: return read_enum(f, loc, "kind", c.kind);
      case 2: return read_time(f, loc, "granted_at", c.granted_at);
      case 3:
        requests_seen = true;
        return call_requests(f, c.requests);
      case 4: return read_time(f, loc, "last_connected_call_at", c.last_connected_call_at);
      case 5:
        return read_int(f, loc, "consecutive_unanswered_calls", c.consecutive_unanswered_calls);
      default: return read_int(f, loc, "connected_calls_24h", c.connected_calls_24h);
    }
  });
  if (!requests_seen) c.requests.clear();
  return s;
}

absl::Status RequestParser::Impl::call_requests(od::value& v, std::vector<Timestamp>& out) {
  const Loc loc{"recipient.call_permission"};
  bool null = false;
  out.clear();
  if (absl::Status s = take_null(v, loc, "requests", null); !s.ok()) return s;
  if (null) return absl::OkStatus();
  od::array arr;
  if (error_code err = v.get_array().get(arr)) {
    return json_error(loc, "requests", err, "an array of RFC 3339 times");
  }
  int n = 0;
  for (auto element : arr) {
    const Loc at{"recipient.call_permission.requests", n++};
    if (error_code err = element.error()) return json_error(at, "", err, "a time");
    od::value item = element.value_unsafe();
    std::optional<Timestamp> t;
    if (absl::Status s = read_time(item, at, "", t); !s.ok()) return s;
    if (!t) return fail(at, "", "expected an RFC 3339 date-time, not null");
    out.push_back(*t);
  }
  return absl::OkStatus();
}

absl::Status RequestParser::Impl::consent(od::value& v, SendRequest& r) {
  const Loc root{};
  const Loc loc{"consent"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, root, "consent", obj, null); !s.ok()) return s;
  if (null) return absl::OkStatus();  // no consent on file
  ConsentRecord& c = r.consent ? *r.consent : r.consent.emplace(std::move(spare_consent));
  consent_read = true;
  c.phone.clear();
  c.status = ConsentStatus::kGranted;
  c.basis = ConsentBasis::kExpress;
  c.granted_at.reset();
  c.withdrawn_at.reset();
  c.source = ConsentSource::kOther;
  c.method = ConsentMethod::kUnknown;
  c.notice = NoticeShown{};
  c.double_opt_in_at.reset();
  c.notice_version.clear();
  c.evidence_ref.clear();
  c.user_id.clear();
  bool purposes_seen = false;
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kConsentKeys, consent_order, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_enum(f, loc, "status", c.status);
      case 1: return read_enum(f, loc, "basis", c.basis);
      case 2: return read_string(f, loc, "phone", c.phone);
      case 3: return read_time(f, loc, "granted_at", c.granted_at);
      case 4: return read_time(f, loc, "withdrawn_at", c.withdrawn_at);
      case 5: return read_enum(f, loc, "source", c.source);
      case 6: return read_enum(f, loc, "method", c.method);
      case 7:
        purposes_seen = true;
        return purposes(f, c.purposes);
      case 8: return read_bool(f, loc, "business_name_shown", c.notice.business_name_shown);
      case 9: return read_bool(f, loc, "content_described", c.notice.content_described);
      case 10: return read_bool(f, loc, "whatsapp_named", c.notice.whatsapp_named);
      case 11: return read_bool(f, loc, "number_editable", c.notice.number_editable);
      case 12: return read_time(f, loc, "double_opt_in_at", c.double_opt_in_at);
      case 13: return read_string(f, loc, "notice_version", c.notice_version);
      case 15: return read_string(f, loc, "user_id", c.user_id);
      default: return read_string(f, loc, "evidence_ref", c.evidence_ref);
    }
  });
  if (!purposes_seen) c.purposes.clear();
  return s;
}

absl::Status RequestParser::Impl::purposes(od::value& v, std::vector<std::string>& out) {
  const Loc loc{"consent"};
  bool null = false;
  if (absl::Status s = take_null(v, loc, "purposes", null); !s.ok()) return s;
  std::size_t n = 0;
  if (!null) {
    od::array arr;
    if (error_code err = v.get_array().get(arr)) {
      return json_error(loc, "purposes", err, "an array of strings");
    }
    for (auto element : arr) {
      const Loc at{"consent.purposes", static_cast<int>(n)};
      od::value item;
      if (error_code err = element.error()) return json_error(at, "", err, "a string");
      item = element.value_unsafe();
      std::string_view text;
      if (error_code err = item.get_string().get(text)) return json_error(at, "", err, "a string");
      if (n < out.size()) {
        assign_text(out[n], text);
      } else {
        out.emplace_back(text);
      }
      ++n;
    }
  }
  out.resize(n);
  return absl::OkStatus();
}

absl::Status RequestParser::Impl::window(od::value& v, SendRequest& r) {
  const Loc root{};
  const Loc loc{"window"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, root, "window", obj, null); !s.ok()) return s;
  if (null) return absl::OkStatus();
  ServiceWindow& w = r.window.emplace();
  std::uint32_t seen = 0;
  return for_each_field(obj, loc, kWindowKeys, window_order, seen, [&](int i, od::value& f) {
    return i == 0 ? read_time(f, loc, "last_inbound_at", w.last_inbound_at)
                  : read_enum(f, loc, "entry_point", w.entry_point);
  });
}

absl::Status RequestParser::Impl::history(od::value& v, std::vector<ConversationEvent>& out) {
  const Loc root{};
  bool null = false;
  if (absl::Status s = take_null(v, root, "history", null); !s.ok()) return s;
  std::size_t n = 0;
  absl::Status status = absl::OkStatus();
  if (!null) {
    od::array arr;
    if (error_code err = v.get_array().get(arr)) {
      return json_error(root, "history", err, "an array of events");
    }
    // The library keeps whole seconds; the order is checked here on the
    // times as given, so ".900" then ".100" of one second is out of order.
    std::string_view previous_fraction;
    for (auto element : arr) {
      od::value item;
      if (error_code err = element.error()) {
        status = json_error(Loc{"history", static_cast<int>(n)}, "", err, "an object");
        break;
      }
      item = element.value_unsafe();
      if (n == out.size()) out.emplace_back();
      std::string_view fraction;
      status = event(item, static_cast<int>(n), out[n], fraction);
      if (status.ok() && n > 0 && out[n].at && out[n].at == out[n - 1].at &&
          fraction < previous_fraction) {
        status = fail(Loc{"history", static_cast<int>(n)}, "at",
                      "is earlier than the event before it (history must be oldest first)");
      }
      previous_fraction = fraction;
      ++n;
      if (!status.ok()) break;
    }
  }
  out.resize(n);
  return status;
}

namespace {

// The fractional seconds of an RFC 3339 time parse_timestamp() accepted,
// without trailing zeros: "2026-03-02T10:00:00.900Z" gives "9". Compared as
// strings, such digit runs order like the fractions they write.
std::string_view fraction_digits(std::string_view rfc3339) {
  constexpr std::size_t kDot = 19;  // after YYYY-MM-DDTHH:MM:SS
  if (rfc3339.size() <= kDot || rfc3339[kDot] != '.') return {};
  std::size_t end = kDot + 1;
  while (end < rfc3339.size() && rfc3339[end] >= '0' && rfc3339[end] <= '9') ++end;
  std::string_view digits = rfc3339.substr(kDot + 1, end - kDot - 1);
  while (!digits.empty() && digits.back() == '0') digits.remove_suffix(1);
  return digits;
}

}  // namespace

absl::Status RequestParser::Impl::event(od::value& v, int index, ConversationEvent& e,
                                        std::string_view& fraction) {
  const Loc loc{"history", index};
  od::object obj;
  bool null = false;
  if (absl::Status s = take_null(v, loc, "", null); !s.ok()) return s;
  if (null) return fail(loc, "", "expected an object");
  if (error_code err = v.get_object().get(obj)) return json_error(loc, "", err, "an object");
  e.at.reset();
  // No default direction: an event without one is invalid_request
  // (validate.h), never the customer's by default.
  e.direction.reset();
  e.type = EventType::kText;
  e.text.clear();
  e.sender.reset();
  // The wire example marks inbound events "sender": "customer": the
  // library's nullopt. "human" and "automation" are the business's senders,
  // invalid on an inbound event (validate.h).
  bool customer = false;
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kEventKeys, event_order, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: {
        bool at_null = false;
        if (absl::Status st = take_null(f, loc, "at", at_null); !st.ok()) return st;
        if (at_null) return fail(loc, "at", "is required");
        std::string_view text;
        if (error_code err = f.get_string().get(text)) {
          return json_error(loc, "at", err, "an RFC 3339 date-time string");
        }
        Timestamp at;
        if (!parse_timestamp_into(text, at)) {
          return fail(loc, "at",
                      "is not an RFC 3339 date-time like 2026-03-02T12:00:00Z: " + quote_user(text));
        }
        e.at = at;
        fraction = fraction_digits(text);
        return absl::OkStatus();
      }
      case 1: return read_enum(f, loc, "direction", e.direction);
      case 2: return read_enum(f, loc, "type", e.type);
      case 3: return read_string(f, loc, "text", e.text);
      default: {
        std::string_view text;
        bool sender_null = false;
        if (absl::Status st = take_null(f, loc, "sender", sender_null); !st.ok()) return st;
        if (sender_null) return absl::OkStatus();
        if (error_code err = f.get_string().get(text)) {
          return json_error(loc, "sender", err, "a string: human, automation or customer");
        }
        if (text == "customer") {
          customer = true;
          return absl::OkStatus();
        }
        const std::optional<Sender> sender = parse_enum<Sender>(text);
        if (!sender) {
          return fail(loc, "sender",
                      "unknown value " + quote_user(text) +
                          " (expected one of human, automation, customer)");
        }
        e.sender = *sender;
        return absl::OkStatus();
      }
    }
  });
  if (!s.ok()) return s;
  if (!has(seen, 0)) return fail(loc, "at", "is required");
  if (customer && e.direction && *e.direction != Direction::kInbound) {
    return fail(loc, "sender", "'customer' is only valid on inbound events");
  }
  return absl::OkStatus();
}

absl::Status RequestParser::Impl::message(od::value& v, Message& m) {
  const Loc root{};
  const Loc loc{"message"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, root, "message", obj, null); !s.ok()) return s;
  if (null) return fail(root, "message", "is required");
  bool kind_present = false;
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kMessageKeys, message_order, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_enum(f, loc, "kind", m.kind, kind_present);
      case 1: return read_enum(f, loc, "category", m.category);
      case 2: {
        bool purpose_null = false;
        if (absl::Status st = take_null(f, loc, "purpose", purpose_null); !st.ok()) return st;
        if (purpose_null) return absl::OkStatus();
        std::string_view text;
        if (error_code err = f.get_string().get(text)) return json_error(loc, "purpose", err, "a string");
        // The library reads "" as no purpose; on the wire it is a mistake
        // (a purpose-scoped consent must never match it).
        if (text.empty()) {
          return fail(loc, "purpose", "is empty (leave it out when the message has no purpose)");
        }
        assign_text(m.purpose, text);
        return absl::OkStatus();
      }
      case 3: return message_template(f, m);
      case 4: return read_enum(f, loc, "tag", m.tag);
      case 5: {
        bool present = false;
        absl::Status st = read_enum(f, loc, "sender", m.sender, present);
        if (!present) m.sender = Sender::kAutomation;
        return st;
      }
      case 6:
        return read_bool(f, loc, "requests_call_permission", m.requests_call_permission);
      default: return read_bool(f, loc, "confirms_opt_out", m.confirms_opt_out);
    }
  });
  if (!s.ok()) return s;
  if (!kind_present) return fail(loc, "kind", "is required (free_form, template or call)");
  return absl::OkStatus();
}

absl::Status RequestParser::Impl::message_template(od::value& v, Message& m) {
  const Loc parent{"message"};
  const Loc loc{"message.template"};
  od::object obj;
  bool null = false;
  if (absl::Status s = read_object(v, parent, "template", obj, null); !s.ok()) return s;
  if (null) return absl::OkStatus();
  Template& t = m.template_info ? *m.template_info : m.template_info.emplace(std::move(spare_template));
  template_read = true;
  t.name.clear();
  t.language.clear();
  t.category = Category::kUtility;
  t.status = TemplateStatus::kPending;
  t.quality = TemplateQuality::kUnknown;
  t.paused_until.reset();
  std::uint32_t seen = 0;
  absl::Status s = for_each_field(obj, loc, kTemplateKeys, template_order, seen, [&](int i, od::value& f) {
    switch (i) {
      case 0: return read_string(f, loc, "name", t.name);
      case 1: return read_string(f, loc, "language", t.language);
      case 2: return read_enum(f, loc, "category", t.category);
      case 3: return read_enum(f, loc, "status", t.status);
      case 4: return read_enum(f, loc, "quality", t.quality);
      default: return read_time(f, loc, "paused_until", t.paused_until);
    }
  });
  if (!s.ok()) return s;
  // Meta reports every template's category and status; guessing either
  // would decide billing and sendability on an assumption.
  if (!has(seen, 2)) return fail(loc, "category", "is required");
  if (!has(seen, 3)) return fail(loc, "status", "is required");
  return absl::OkStatus();
}

namespace {

// True iff the root value is well-formed and followed by more content. The
// document is read afresh: the failed one may be unusable.
bool has_trailing_content(od::parser& parser, std::string_view padded_json) {
  od::document doc;
  if (parser.iterate(padded_json.data(), padded_json.size(),
                     padded_json.size() + RequestParser::kPadding)
          .get(doc)) {
    return false;
  }
  std::string_view root_text;
  if (doc.raw_json().get(root_text)) return false;
  return root_text.data() + root_text.size() != padded_json.data() + padded_json.size();
}

}  // namespace

RequestParser::RequestParser() : impl_(std::make_unique<Impl>()) {}
RequestParser::~RequestParser() = default;
RequestParser::RequestParser(RequestParser&&) noexcept = default;
RequestParser& RequestParser::operator=(RequestParser&&) noexcept = default;

absl::Status RequestParser::parse(std::string_view json, SendRequest& out) {
  std::vector<char>& buf = impl_->padded;
  if (buf.size() < json.size() + kPadding) buf.resize(json.size() + kPadding);
  if (!json.empty()) std::memcpy(buf.data(), json.data(), json.size());
  return parse_padded(std::string_view(buf.data(), json.size()), out);
}

void RequestParser::release_memory() {
  impl_->parser = od::parser{};
  std::vector<char>().swap(impl_->padded);
}

absl::Status RequestParser::parse_padded(std::string_view json, SendRequest& out) {
  absl::Status status = impl_->parse(json, out);
  if (json.size() > kRetainBytes) release_memory();
  return status;
}

absl::Status RequestParser::Impl::parse(std::string_view json, SendRequest& out) {
  reset(out);
  absl::Status status = parse_document(json, out);
  settle(out);
  return status;
}

absl::Status RequestParser::Impl::parse_document(std::string_view json, SendRequest& out) {
  Impl& impl = *this;
  const Loc root{};
  // RFC 8259 forbids a byte-order mark in JSON sent between systems; name
  // it instead of reporting the content after it as unexpected.
  if (json.substr(0, 3) == "\xEF\xBB\xBF") {
    return fail(root, "",
                "starts with a UTF-8 byte-order mark (EF BB BF); save the file as UTF-8 without "
                "a BOM");
  }
  od::document doc;
  error_code err =
      impl.parser.iterate(json.data(), json.size(), json.size() + kPadding).get(doc);
  if (err == simdjson::UTF8_ERROR) return fail(root, "", "not valid UTF-8");
  if (err == simdjson::EMPTY) return fail(root, "", "empty; expected a JSON object");
  if (err) return json_error(root, "", err, "a JSON object");
  absl::Status status = impl.root(doc, out);
  // Every field has been read, so the iterator stands after the object's
  // closing brace; a structural token left there is content after the
  // object (simdjson 3.0 has no document::at_end(); current_location()
  // reports OUT_OF_BOUNDS at the end).
  const char* rest = nullptr;
  if (status.ok() && doc.current_location().get(rest) != simdjson::OUT_OF_BOUNDS) {
    return fail(Loc{}, "", "unexpected content after the JSON object");
  }
  // On-Demand reports some trailing content as an unbalanced document
  // before the object is read; on the error path (only) find out which.
  if (!status.ok() && has_trailing_content(impl.parser, json)) {
    return fail(Loc{}, "", "unexpected content after the JSON object");
  }
  return status;
}

absl::Status parse_request(std::string_view json, SendRequest& out) {
  thread_local RequestParser parser;
  return parser.parse(json, out);
}

}  // namespace wire
}  // namespace sendpolicy
