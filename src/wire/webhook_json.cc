// Reads WhatsApp Cloud API webhook payloads (wire/webhook_json.h). simdjson's
// DOM: the whole payload is validated as JSON first (malformed JSON is the
// only whole-payload error), then walked with random access so one bad
// message is reported and skipped while its neighbours are still read.
//
// Payload shapes follow Meta's webhook references (docs/webhooks.md lists
// them): messages (text, media, button, interactive, reaction, system),
// statuses (pricing, errors), user_preferences, calls, and the BSUID fields
// from_user_id / recipient_user_id / contacts[].user_id.
#include "sendpolicy/wire/webhook_json.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include "absl/status/status.h"
#include "sendpolicy/user_id.h"
#include "sendpolicy/wire/json_writer.h"

namespace sendpolicy {
namespace wire {
namespace {

namespace dom = simdjson::dom;
using simdjson::error_code;

// 9999-12-31T23:59:59Z: the last instant the wire format can write.
constexpr std::int64_t kMaxUnixSeconds = 253402300799;
// E.164: at most 15 digits.
constexpr std::size_t kMaxPhoneDigits = 15;

// Where a value sits, for problems: "entry[0].changes[1].value.messages[2]".
std::string index_path(const std::string& base, std::string_view field, std::size_t i) {
  std::string s = base;
  if (!s.empty()) s += '.';
  s += field;
  s += '[';
  s += std::to_string(i);
  s += ']';
  return s;
}

std::string field_path(const std::string& base, std::string_view field) {
  std::string s = base;
  if (!s.empty() && !field.empty()) s += '.';
  s += field;
  return s;
}

// A skipped-count key built from payload text: only [a-z0-9_], at most 40
// bytes, so hostile input cannot flood the summary with odd keys.
std::string skip_key(std::string_view prefix, std::string_view name) {
  std::string s(prefix);
  s += ':';
  std::size_t n = 0;
  for (char c : name) {
    if (n == 40) {
      s += "...";
      break;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    const bool upper = c >= 'A' && c <= 'Z';
    s += ok ? c : upper ? static_cast<char>(c - 'A' + 'a') : '?';
    ++n;
  }
  return s;
}

bool equals_ignore_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "US.13491208655302741918", "US.ENT.11815799212886844830": the library's
// one definition (sendpolicy/user_id.h).
bool looks_like_bsuid(std::string_view s) noexcept { return is_bsuid(s); }

// The fields of one JSON object picked by name: known ones by index,
// documented-but-unused ones ignored, anything else counted as unknown.
// A duplicate known field is a problem (which of the two would be a guess).
template <std::size_t N>
struct Picked {
  std::array<dom::element, N> value{};
  std::array<bool, N> present{};
  bool has(std::size_t i) const noexcept { return present[i]; }
};

class Reader {
 public:
  explicit Reader(WebhookBatch& out) : out_(out) {}

  void payload(dom::element root);

 private:
  struct Change {
    std::string path;  // "entry[0].changes[1].value"
    std::string business_phone_number_id;
    std::vector<WebhookUser> contacts;
  };

  void skip(std::string key) { ++out_.skipped[std::move(key)]; }
  void problem(std::string path, std::string message) {
    out_.problems.push_back(WebhookProblem{std::move(path), std::move(message)});
  }

  template <std::size_t N, std::size_t M>
  bool pick(dom::element v, const std::string& path, const std::string_view (&known)[N],
            const std::string_view (&ignored)[M], Picked<N>& out);

  // Typed reads of a picked field. They record a problem naming the path and
  // return false on a wrong type; null counts as absent.
  bool str(const dom::element& v, const std::string& path, std::string_view& out);
  bool integer(const dom::element& v, const std::string& path, std::int64_t& out);
  bool boolean(const dom::element& v, const std::string& path, bool& out);
  bool time(const dom::element& v, const std::string& path, Timestamp& out);
  bool array(const dom::element& v, const std::string& path, dom::array& out);
  bool phone_or_user_id(const dom::element& v, const std::string& path, WebhookUser& user);
  bool user_id(const dom::element& v, const std::string& path, std::string& out);

  void entry(dom::element v, const std::string& path);
  void change(dom::element v, const std::string& path);
  void value(dom::element v, Change& c);
  void contacts(dom::element v, Change& c);
  void complete(WebhookUser& user, const Change& c) const;
  void message(dom::element v, const std::string& path, const Change& c);
  void status(dom::element v, const std::string& path, const Change& c);
  void preference(dom::element v, const std::string& path, const Change& c);
  void call(dom::element v, const std::string& path, const Change& c);

  template <class Fact>
  WebhookItem& add(const Change& c, WebhookUser user, std::string_view id, Fact&& fact) {
    WebhookItem& item = out_.items.emplace_back();
    item.user = std::move(user);
    item.business_phone_number_id = c.business_phone_number_id;
    item.message_id.assign(id.data(), id.size());
    item.fact = std::forward<Fact>(fact);
    return item;
  }

  WebhookBatch& out_;
};

template <std::size_t N, std::size_t M>
bool Reader::pick(dom::element v, const std::string& path, const std::string_view (&known)[N],
                  const std::string_view (&ignored)[M], Picked<N>& out) {
  dom::object obj;
  if (v.get_object().get(obj) != simdjson::SUCCESS) {
    problem(path, "expected an object");
    return false;
  }
  for (dom::key_value_pair kv : obj) {
    std::size_t i = 0;
    while (i < N && known[i] != kv.key) ++i;
    if (i < N) {
      if (out.present[i]) {
        problem(field_path(path, known[i]), "duplicate field");
        return false;
      }
      if (kv.value.is_null()) continue;  // null: absent
      out.present[i] = true;
      out.value[i] = kv.value;
      continue;
    }
    bool documented = false;
    for (std::string_view name : ignored) documented = documented || name == kv.key;
    if (!documented) skip("unknown_field");
  }
  return true;
}

bool Reader::str(const dom::element& v, const std::string& path, std::string_view& out) {
  if (v.get_string().get(out) != simdjson::SUCCESS) {
    problem(path, "expected a string");
    return false;
  }
  return true;
}

bool Reader::integer(const dom::element& v, const std::string& path, std::int64_t& out) {
  if (v.get_int64().get(out) != simdjson::SUCCESS) {
    problem(path, "expected an integer");
    return false;
  }
  return true;
}

bool Reader::boolean(const dom::element& v, const std::string& path, bool& out) {
  if (v.get_bool().get(out) != simdjson::SUCCESS) {
    problem(path, "expected true or false");
    return false;
  }
  return true;
}

// Meta sends Unix seconds as a string ("1739321024") almost everywhere, and
// as a number in a few places (call_permission_reply.expiration_timestamp),
// so both are read, each exactly.
bool Reader::time(const dom::element& v, const std::string& path, Timestamp& out) {
  std::string_view text;
  if (v.get_string().get(text) == simdjson::SUCCESS) {
    const std::optional<Timestamp> t = parse_unix_seconds(text);
    if (!t) {
      problem(path, "expected Unix seconds (digits, 1970..9999): '" +
                        std::string(utf8_prefix(text, 32)) + "'");
      return false;
    }
    out = *t;
    return true;
  }
  std::int64_t n = 0;
  if (v.get_int64().get(n) == simdjson::SUCCESS) {
    if (n < 0 || n > kMaxUnixSeconds) {
      problem(path, "Unix seconds out of range (1970..9999): " + std::to_string(n));
      return false;
    }
    out = Timestamp{Duration{n}};
    return true;
  }
  problem(path, "expected Unix seconds as a string of digits");
  return false;
}

bool Reader::array(const dom::element& v, const std::string& path, dom::array& out) {
  if (v.get_array().get(out) != simdjson::SUCCESS) {
    problem(path, "expected an array");
    return false;
  }
  return true;
}

// `from`, `wa_id`, `recipient_id`: digits are a phone number (E.164 without
// the '+'); a value shaped like a BSUID is kept as one, never as digits.
bool Reader::phone_or_user_id(const dom::element& v, const std::string& path, WebhookUser& user) {
  std::string_view text;
  if (!str(v, path, text)) return false;
  if (all_digits(text) && text.size() <= kMaxPhoneDigits && text[0] != '0') {
    user.phone = "+";
    user.phone.append(text.data(), text.size());
    return true;
  }
  if (looks_like_bsuid(text)) {
    user.user_id.assign(text.data(), text.size());
    return true;
  }
  problem(path, "is neither a phone number (up to 15 digits) nor a business-scoped user ID: '" +
                    std::string(utf8_prefix(text, 32)) + "'");
  return false;
}

bool Reader::user_id(const dom::element& v, const std::string& path, std::string& out) {
  std::string_view text;
  if (!str(v, path, text)) return false;
  if (!looks_like_bsuid(text)) {
    problem(path, "is not a business-scoped user ID like US.13491208655302741918: '" +
                      std::string(utf8_prefix(text, 32)) + "'");
    return false;
  }
  out.assign(text.data(), text.size());
  return true;
}

// ---------------------------------------------------------------------------
// Envelope: object, entry[], changes[], value.

constexpr std::string_view kRootFields[] = {"object", "entry"};
constexpr std::string_view kEntryFields[] = {"id", "changes"};
constexpr std::string_view kEntryIgnored[] = {"time"};
constexpr std::string_view kChangeFields[] = {"field", "value"};
constexpr std::string_view kNone[] = {""};
constexpr std::string_view kValueFields[] = {"metadata", "contacts",         "messages",
                                             "statuses", "user_preferences", "calls",
                                             "errors"};
constexpr std::string_view kValueIgnored[] = {"messaging_product"};
constexpr std::string_view kMetadataFields[] = {"phone_number_id"};
constexpr std::string_view kMetadataIgnored[] = {"display_phone_number"};
constexpr std::string_view kContactFields[] = {"wa_id", "user_id"};
constexpr std::string_view kContactIgnored[] = {"profile", "parent_user_id", "identity_key_hash"};

void Reader::payload(dom::element root) {
  Picked<2> f;
  if (!pick(root, "", kRootFields, kNone, f)) return;
  std::string_view object;
  if (!f.has(0)) {
    problem("object", "is required");
    return;
  }
  if (!str(f.value[0], "object", object)) return;
  if (object != "whatsapp_business_account") {
    skip(skip_key("object", object));  // Messenger/Instagram ("page") are not read (yet)
    return;
  }
  if (!f.has(1)) return;  // nothing to read
  dom::array entries;
  if (!array(f.value[1], "entry", entries)) return;
  std::size_t i = 0;
  for (dom::element e : entries) entry(e, index_path("", "entry", i++));
}

void Reader::entry(dom::element v, const std::string& path) {
  Picked<2> f;
  if (!pick(v, path, kEntryFields, kEntryIgnored, f)) return;
  if (!f.has(1)) return;
  dom::array changes;
  if (!array(f.value[1], field_path(path, "changes"), changes)) return;
  std::size_t i = 0;
  for (dom::element c : changes) change(c, index_path(path, "changes", i++));
}

void Reader::change(dom::element v, const std::string& path) {
  Picked<2> f;
  if (!pick(v, path, kChangeFields, kNone, f)) return;
  std::string_view field;
  if (!f.has(0)) {
    problem(field_path(path, "field"), "is required");
    return;
  }
  if (!str(f.value[0], field_path(path, "field"), field)) return;
  // "messages" carries messages and statuses; the other two are their own
  // fields. Template, account and quality updates are not about a user.
  if (field != "messages" && field != "user_preferences" && field != "calls") {
    skip(skip_key("field", field));
    return;
  }
  if (!f.has(1)) return;
  Change c;
  c.path = field_path(path, "value");
  value(f.value[1], c);
}

void Reader::value(dom::element v, Change& c) {
  Picked<7> f;
  if (!pick(v, c.path, kValueFields, kValueIgnored, f)) return;
  if (f.has(0)) {
    Picked<1> m;
    const std::string mpath = field_path(c.path, "metadata");
    if (pick(f.value[0], mpath, kMetadataFields, kMetadataIgnored, m) && m.has(0)) {
      std::string_view id;
      if (str(m.value[0], field_path(mpath, "phone_number_id"), id)) {
        c.business_phone_number_id.assign(id.data(), id.size());
      }
    }
  }
  if (f.has(1)) contacts(f.value[1], c);
  // Each list is read element by element: a problem in one element rejects
  // that element only.
  const auto each = [&](std::size_t field, std::string_view name, auto&& read) {
    if (!f.has(field)) return;
    dom::array list;
    const std::string lpath = field_path(c.path, name);
    if (!array(f.value[field], lpath, list)) return;
    std::size_t i = 0;
    for (dom::element e : list) read(e, index_path(c.path, name, i++));
  };
  each(2, "messages", [&](dom::element e, const std::string& p) { message(e, p, c); });
  each(3, "statuses", [&](dom::element e, const std::string& p) { status(e, p, c); });
  each(4, "user_preferences", [&](dom::element e, const std::string& p) { preference(e, p, c); });
  each(5, "calls", [&](dom::element e, const std::string& p) { call(e, p, c); });
  if (f.has(6)) skip("value_errors");  // account-level errors, not about a user
}

// contacts[]: who sent the messages of this change, with both identifiers
// when Meta shares both. Used to complete a message keyed by one of them.
void Reader::contacts(dom::element v, Change& c) {
  dom::array list;
  const std::string lpath = field_path(c.path, "contacts");
  if (!array(v, lpath, list)) return;
  std::size_t i = 0;
  for (dom::element e : list) {
    const std::string path = index_path(c.path, "contacts", i++);
    Picked<2> f;
    if (!pick(e, path, kContactFields, kContactIgnored, f)) continue;
    WebhookUser u;
    if (f.has(0) && !phone_or_user_id(f.value[0], field_path(path, "wa_id"), u)) continue;
    if (f.has(1) && !user_id(f.value[1], field_path(path, "user_id"), u.user_id)) continue;
    if (!u.empty()) c.contacts.push_back(std::move(u));
  }
}

// Fills the identifier a message lacks from the change's contacts (a
// contact matching the one it has).
void Reader::complete(WebhookUser& user, const Change& c) const {
  for (const WebhookUser& k : c.contacts) {
    const bool same = (!user.phone.empty() && user.phone == k.phone) ||
                      (!user.user_id.empty() && user.user_id == k.user_id);
    if (!same) continue;
    if (user.phone.empty()) user.phone = k.phone;
    if (user.user_id.empty()) user.user_id = k.user_id;
    return;
  }
}

// ---------------------------------------------------------------------------
// messages[]: the user's messages, call-permission replies, system messages.

constexpr std::string_view kMessageFields[] = {
    "from",     "from_user_id", "id",          "timestamp", "type",     "text",
    "image",    "video",        "audio",       "document",  "sticker",  "button",
    "interactive", "reaction",  "system",      "group_id"};
enum MessageField : std::size_t {
  kFrom, kFromUserId, kId, kTimestamp, kType, kText, kImage, kVideo, kAudio, kDocument,
  kSticker, kButton, kInteractive, kReaction, kSystem, kGroupId,
};
constexpr std::string_view kMessageIgnored[] = {
    "from_parent_user_id", "context",  "referral", "errors",   "location", "contacts",
    "order",               "unsupported", "identity", "request_welcome", "username"};
constexpr std::string_view kTextFields[] = {"body"};
constexpr std::string_view kTextIgnored[] = {"preview_url"};
constexpr std::string_view kMediaFields[] = {"caption"};
constexpr std::string_view kMediaIgnored[] = {"id", "mime_type", "sha256", "filename", "voice",
                                              "animated", "url"};
constexpr std::string_view kButtonFields[] = {"text"};
constexpr std::string_view kButtonIgnored[] = {"payload"};
constexpr std::string_view kInteractiveFields[] = {"type", "button_reply", "list_reply",
                                                   "nfm_reply", "call_permission_reply"};
constexpr std::string_view kReplyFields[] = {"title"};
constexpr std::string_view kReplyIgnored[] = {"id", "description"};
constexpr std::string_view kPermissionFields[] = {"response", "is_permanent",
                                                  "expiration_timestamp"};
constexpr std::string_view kPermissionIgnored[] = {"response_source"};
constexpr std::string_view kReactionFields[] = {"emoji"};
constexpr std::string_view kReactionIgnored[] = {"message_id"};
constexpr std::string_view kSystemFields[] = {"type", "wa_id", "user_id", "previous_user_id"};
constexpr std::string_view kSystemIgnored[] = {"body", "parent_user_id", "previous_parent_user_id",
                                               "identity", "customer", "new_wa_id"};

void Reader::message(dom::element v, const std::string& path, const Change& c) {
  Picked<16> f;
  if (!pick(v, path, kMessageFields, kMessageIgnored, f)) return;
  if (f.has(kGroupId)) {  // group chats have no per-user window or opt-in
    skip("group_message");
    return;
  }
  std::string_view type;
  std::string_view id;
  Timestamp at{};
  WebhookUser user;
  if (!f.has(kType)) return problem(field_path(path, "type"), "is required");
  if (!str(f.value[kType], field_path(path, "type"), type)) return;
  if (f.has(kId) && !str(f.value[kId], field_path(path, "id"), id)) return;
  if (!f.has(kTimestamp)) return problem(field_path(path, "timestamp"), "is required");
  if (!time(f.value[kTimestamp], field_path(path, "timestamp"), at)) return;
  if (f.has(kFrom) && !phone_or_user_id(f.value[kFrom], field_path(path, "from"), user)) return;
  if (f.has(kFromUserId)) {
    std::string uid;
    if (!user_id(f.value[kFromUserId], field_path(path, "from_user_id"), uid)) return;
    if (!user.user_id.empty() && user.user_id != uid) {
      return problem(field_path(path, "from_user_id"), "differs from the BSUID in 'from'");
    }
    user.user_id = std::move(uid);
  }
  complete(user, c);

  if (type == "system") {
    if (!f.has(kSystem)) return problem(field_path(path, "system"), "is required");
    const std::string spath = field_path(path, "system");
    Picked<4> s;
    if (!pick(f.value[kSystem], spath, kSystemFields, kSystemIgnored, s)) return;
    std::string_view stype;
    if (!s.has(0)) return problem(field_path(spath, "type"), "is required");
    if (!str(s.value[0], field_path(spath, "type"), stype)) return;
    const bool number = stype == "user_changed_number";
    if (!number && stype != "user_changed_user_id") return skip(skip_key("system", stype));
    IdentityChange change;
    change.at = at;
    change.previous = user;
    change.current = user;
    WebhookUser fresh;
    if (s.has(1) && !phone_or_user_id(s.value[1], field_path(spath, "wa_id"), fresh)) return;
    std::string new_uid;
    if (s.has(2) && !user_id(s.value[2], field_path(spath, "user_id"), new_uid)) return;
    std::string old_uid;
    if (s.has(3) && !user_id(s.value[3], field_path(spath, "previous_user_id"), old_uid)) return;
    if (number) {
      // `from` is the old number, `system.wa_id` the new one; the BSUID is
      // regenerated with the number (previous_user_id is the old one).
      if (fresh.phone.empty()) return problem(field_path(spath, "wa_id"), "is required");
      change.current.phone = fresh.phone;
      // Without previous_user_id the message's from_user_id is the old
      // BSUID; with it, a different from_user_id is the new one. Otherwise
      // the new BSUID is unknown (empty) until the user's next message.
      change.previous.user_id = !old_uid.empty() ? old_uid : user.user_id;
      if (!new_uid.empty()) {
        change.current.user_id = new_uid;
      } else if (!old_uid.empty() && user.user_id != old_uid) {
        change.current.user_id = user.user_id;
      } else {
        change.current.user_id.clear();
      }
    } else {
      // Only the BSUID changed: previous_user_id is the old one, the new one
      // is system.user_id or the message's from_user_id.
      if (old_uid.empty()) return problem(field_path(spath, "previous_user_id"), "is required");
      change.previous.user_id = old_uid;
      change.current.user_id = !new_uid.empty() ? new_uid : user.user_id;
      if (change.current.user_id.empty() || change.current.user_id == old_uid) {
        return problem(field_path(spath, "user_id"), "the new business-scoped user ID is missing");
      }
    }
    if (change.previous.empty()) return problem(field_path(path, "from"), "is required");
    WebhookUser key = change.previous;
    add(c, key, id, std::move(change));
    return;
  }

  if (user.empty()) {
    return problem(path, "has neither 'from' nor 'from_user_id': the sender cannot be keyed");
  }

  ConversationEvent e;
  e.at = at;
  e.direction = Direction::kInbound;
  const auto text_of = [&](std::size_t field, std::string_view name,
                           const std::string_view(&known)[1], auto&& ignored) -> bool {
    if (!f.has(field)) return true;  // a media message without caption
    const std::string p = field_path(path, name);
    Picked<1> t;
    if (!pick(f.value[field], p, known, ignored, t)) return false;
    std::string_view s;
    if (t.has(0)) {
      if (!str(t.value[0], field_path(p, known[0]), s)) return false;
      e.text.assign(s.data(), s.size());
    }
    return true;
  };

  if (type == "text") {
    e.type = EventType::kText;
    if (!text_of(kText, "text", kTextFields, kTextIgnored)) return;
  } else if (type == "image" || type == "video" || type == "audio" || type == "document" ||
             type == "sticker") {
    e.type = EventType::kMedia;
    const std::size_t field = type == "image"   ? kImage
                              : type == "video" ? kVideo
                              : type == "audio" ? kAudio
                              : type == "document" ? kDocument
                                                   : kSticker;
    if (!text_of(field, type, kMediaFields, kMediaIgnored)) return;
  } else if (type == "button") {
    e.type = EventType::kButtonReply;
    if (!text_of(kButton, "button", kButtonFields, kButtonIgnored)) return;
  } else if (type == "interactive") {
    if (!f.has(kInteractive)) return problem(field_path(path, "interactive"), "is required");
    const std::string ipath = field_path(path, "interactive");
    Picked<5> in;
    if (!pick(f.value[kInteractive], ipath, kInteractiveFields, kNone, in)) return;
    std::string_view itype;
    if (!in.has(0)) return problem(field_path(ipath, "type"), "is required");
    if (!str(in.value[0], field_path(ipath, "type"), itype)) return;
    if (itype == "call_permission_reply") {
      const std::string ppath = field_path(ipath, "call_permission_reply");
      if (!in.has(4)) return problem(ppath, "is required");
      Picked<3> p;
      if (!pick(in.value[4], ppath, kPermissionFields, kPermissionIgnored, p)) return;
      std::string_view response;
      if (!p.has(0)) return problem(field_path(ppath, "response"), "is required");
      if (!str(p.value[0], field_path(ppath, "response"), response)) return;
      CallPermissionChange change;
      change.at = at;
      if (response == "accept") {
        change.status = CallPermissionStatus::kGranted;
      } else if (response == "reject") {
        change.status = CallPermissionStatus::kRejected;
      } else {
        return problem(field_path(ppath, "response"),
                       "expected accept or reject: '" + std::string(utf8_prefix(response, 32)) +
                           "'");
      }
      bool permanent = false;
      if (p.has(1) && !boolean(p.value[1], field_path(ppath, "is_permanent"), permanent)) return;
      change.term = permanent ? CallPermissionTerm::kPermanent : CallPermissionTerm::kTemporary;
      if (p.has(2)) {
        Timestamp expiry{};
        if (!time(p.value[2], field_path(ppath, "expiration_timestamp"), expiry)) return;
        change.expires_at = expiry;
      }
      if (change.status == CallPermissionStatus::kGranted && !permanent && !change.expires_at) {
        // Meta: a temporary permission lasts 7 days (168 h) from approval.
        change.expires_at = at + std::chrono::hours(168);
      }
      add(c, std::move(user), id, change);
      return;
    }
    e.type = EventType::kButtonReply;
    std::size_t reply = 0;
    if (itype == "button_reply") reply = 1;
    if (itype == "list_reply") reply = 2;
    if (itype == "nfm_reply") reply = 3;  // a Flow's answer: no words to read
    if (reply == 0) return skip(skip_key("interactive", itype));
    if (reply != 3) {
      const std::string rpath = field_path(ipath, itype);
      if (!in.has(reply)) return problem(rpath, "is required");
      Picked<1> r;
      if (!pick(in.value[reply], rpath, kReplyFields, kReplyIgnored, r)) return;
      std::string_view title;
      if (r.has(0)) {
        if (!str(r.value[0], field_path(rpath, "title"), title)) return;
        e.text.assign(title.data(), title.size());
      }
    }
  } else if (type == "reaction") {
    e.type = EventType::kReaction;
    if (!text_of(kReaction, "reaction", kReactionFields, kReactionIgnored)) return;
  } else if (type == "location" || type == "contacts" || type == "order" ||
             type == "request_welcome" || type == "unsupported") {
    // The user did send something (docs/webhooks.md): a message without
    // words to read for keywords.
    e.type = EventType::kText;
  } else {
    return skip(skip_key("message_type", type));
  }
  add(c, std::move(user), id, std::move(e));
}

// ---------------------------------------------------------------------------
// statuses[]: the business's own messages. "sent" is an outbound history
// event; "failed" is a delivery failure per error.

constexpr std::string_view kStatusFields[] = {"id",           "status",           "timestamp",
                                              "recipient_id", "recipient_user_id", "pricing",
                                              "errors",       "type"};
constexpr std::string_view kStatusIgnored[] = {
    "conversation",         "biz_opaque_callback_data", "recipient_parent_user_id",
    "recipient_type",       "recipient_identity_key_hash", "recipient_logical_id",
    "message",              "recipient"};
constexpr std::string_view kPricingFields[] = {"category", "type"};
constexpr std::string_view kPricingIgnored[] = {"billable", "pricing_model"};
constexpr std::string_view kErrorFields[] = {"code", "title"};
constexpr std::string_view kErrorIgnored[] = {"message", "error_data", "href"};

void Reader::status(dom::element v, const std::string& path, const Change& c) {
  Picked<8> f;
  if (!pick(v, path, kStatusFields, kStatusIgnored, f)) return;
  std::string_view value;
  if (!f.has(1)) return problem(field_path(path, "status"), "is required");
  if (!str(f.value[1], field_path(path, "status"), value)) return;
  if (f.has(7)) {  // "call": a business-initiated call ringing/accepted/rejected
    std::string_view stype;
    if (!str(f.value[7], field_path(path, "type"), stype)) return;
    if (stype != "message") return skip(skip_key("status_type", stype));
  }
  const bool sent = value == "sent";
  const bool failed = value == "failed";
  if (!sent && !failed) return skip(skip_key("status", value));  // delivered, read, ...

  std::string_view id;
  Timestamp at{};
  WebhookUser user;
  if (f.has(0) && !str(f.value[0], field_path(path, "id"), id)) return;
  if (!f.has(2)) return problem(field_path(path, "timestamp"), "is required");
  if (!time(f.value[2], field_path(path, "timestamp"), at)) return;
  if (f.has(3) && !phone_or_user_id(f.value[3], field_path(path, "recipient_id"), user)) return;
  if (f.has(4)) {
    std::string uid;
    if (!user_id(f.value[4], field_path(path, "recipient_user_id"), uid)) return;
    if (!user.user_id.empty() && user.user_id != uid) {
      return problem(field_path(path, "recipient_user_id"),
                     "differs from the BSUID in 'recipient_id'");
    }
    user.user_id = std::move(uid);
  }
  complete(user, c);
  if (user.empty()) {
    return problem(path, "has neither 'recipient_id' nor 'recipient_user_id'");
  }

  if (sent) {
    ConversationEvent e;
    e.at = at;
    e.direction = Direction::kOutbound;
    e.type = EventType::kText;
    std::optional<Pricing> pricing;
    if (f.has(5)) {
      const std::string ppath = field_path(path, "pricing");
      Picked<2> p;
      if (!pick(f.value[5], ppath, kPricingFields, kPricingIgnored, p)) return;
      Pricing& pr = pricing.emplace();
      std::string_view s;
      if (p.has(0)) {
        if (!str(p.value[0], field_path(ppath, "category"), s)) return;
        pr.category.assign(s.data(), s.size());
      }
      if (p.has(1)) {
        if (!str(p.value[1], field_path(ppath, "type"), s)) return;
        pr.type.assign(s.data(), s.size());
      }
      // Only templates are billed by category; "service" is free-form.
      if (!pr.category.empty() && pr.category != "service") e.type = EventType::kTemplate;
    }
    WebhookItem& item = add(c, std::move(user), id, std::move(e));
    item.pricing = std::move(pricing);
    return;
  }

  // failed: one delivery failure per error (Meta sends one); none if the
  // status carried no error object.
  std::vector<DeliveryFailure> failures;
  if (f.has(6)) {
    dom::array errors;
    if (!array(f.value[6], field_path(path, "errors"), errors)) return;
    std::size_t i = 0;
    for (dom::element e : errors) {
      const std::string epath = index_path(path, "errors", i++);
      Picked<2> ef;
      if (!pick(e, epath, kErrorFields, kErrorIgnored, ef)) return;
      DeliveryFailure& d = failures.emplace_back();
      d.at = at;
      std::int64_t code = 0;
      if (!ef.has(0)) return problem(field_path(epath, "code"), "is required");
      if (!integer(ef.value[0], field_path(epath, "code"), code)) return;
      if (code < 0 || code > 99999999) {
        return problem(field_path(epath, "code"), "is out of range");
      }
      d.code = static_cast<int>(code);
      std::string_view title;
      if (ef.has(1)) {
        if (!str(ef.value[1], field_path(epath, "title"), title)) return;
        d.title.assign(utf8_prefix(title, 200));
      }
    }
  }
  if (failures.empty()) failures.emplace_back().at = at;
  for (DeliveryFailure& d : failures) {
    d.meaning = delivery_meaning(d.code);
    // 131049 is a frequency cap: retry after a growing back-off, never
    // record it as an opt-out.
    if (d.meaning == DeliveryMeaning::kRetryLaterNotOptOut) d.retry_at = at + std::chrono::hours(24);
    const bool opted_out = d.meaning == DeliveryMeaning::kMarketingOptedOut;
    add(c, user, id, std::move(d));
    // 131050 is Meta telling us the user stopped marketing from this number,
    // the same fact a user_preferences "stop" carries.
    if (opted_out) add(c, user, id, MarketingPreference{true, at});
  }
}

// ---------------------------------------------------------------------------
// user_preferences[]: marketing stop/resume for this business number.

constexpr std::string_view kPreferenceFields[] = {"wa_id", "user_id", "category", "value",
                                                  "timestamp"};
constexpr std::string_view kPreferenceIgnored[] = {"detail", "parent_user_id"};

void Reader::preference(dom::element v, const std::string& path, const Change& c) {
  Picked<5> f;
  if (!pick(v, path, kPreferenceFields, kPreferenceIgnored, f)) return;
  std::string_view category;
  if (!f.has(2)) return problem(field_path(path, "category"), "is required");
  if (!str(f.value[2], field_path(path, "category"), category)) return;
  if (category != "marketing_messages") return skip(skip_key("preference", category));
  WebhookUser user;
  if (f.has(0) && !phone_or_user_id(f.value[0], field_path(path, "wa_id"), user)) return;
  if (f.has(1)) {
    std::string uid;
    if (!user_id(f.value[1], field_path(path, "user_id"), uid)) return;
    user.user_id = std::move(uid);
  }
  complete(user, c);
  if (user.empty()) return problem(path, "has neither 'wa_id' nor 'user_id'");
  std::string_view value;
  if (!f.has(3)) return problem(field_path(path, "value"), "is required");
  if (!str(f.value[3], field_path(path, "value"), value)) return;
  MarketingPreference pref;
  if (value == "stop") {
    pref.opted_out = true;
  } else if (value != "resume") {
    return problem(field_path(path, "value"),
                   "expected stop or resume: '" + std::string(utf8_prefix(value, 32)) + "'");
  }
  if (!f.has(4)) return problem(field_path(path, "timestamp"), "is required");
  if (!time(f.value[4], field_path(path, "timestamp"), pref.at)) return;
  add(c, std::move(user), "", pref);
}

// ---------------------------------------------------------------------------
// calls[]: a call the user places opens the window (an inbound call event
// at connect); a business-initiated call's end is its outcome.

constexpr std::string_view kCallFields[] = {"id",     "from",      "to",          "from_user_id",
                                            "to_user_id", "event", "timestamp", "direction",
                                            "status"};
constexpr std::string_view kCallIgnored[] = {"session",        "start_time",   "end_time",
                                             "duration",       "biz_opaque_callback_data",
                                             "errors",         "deeplink_payload", "cta_payload",
                                             "from_parent_user_id", "to_parent_user_id"};

void Reader::call(dom::element v, const std::string& path, const Change& c) {
  Picked<9> f;
  if (!pick(v, path, kCallFields, kCallIgnored, f)) return;
  std::string_view event;
  std::string_view direction;
  if (!f.has(5)) return problem(field_path(path, "event"), "is required");
  if (!str(f.value[5], field_path(path, "event"), event)) return;
  if (event != "connect" && event != "terminate") return skip(skip_key("call_event", event));
  if (!f.has(7)) return problem(field_path(path, "direction"), "is required");
  if (!str(f.value[7], field_path(path, "direction"), direction)) return;
  const bool by_user = equals_ignore_case(direction, "USER_INITIATED");
  if (!by_user && !equals_ignore_case(direction, "BUSINESS_INITIATED")) {
    return problem(field_path(path, "direction"),
                   "expected USER_INITIATED or BUSINESS_INITIATED: '" +
                       std::string(utf8_prefix(direction, 32)) + "'");
  }
  // The user is the caller of a user-initiated call and the callee of a
  // business-initiated one.
  if (by_user && event == "terminate") return skip("call:user_initiated_terminate");
  if (!by_user && event == "connect") return skip("call:business_initiated_connect");
  std::string_view id;
  Timestamp at{};
  WebhookUser user;
  if (f.has(0) && !str(f.value[0], field_path(path, "id"), id)) return;
  if (!f.has(6)) return problem(field_path(path, "timestamp"), "is required");
  if (!time(f.value[6], field_path(path, "timestamp"), at)) return;
  const std::size_t phone_field = by_user ? 1 : 2;
  const std::size_t uid_field = by_user ? 3 : 4;
  if (f.has(phone_field) &&
      !phone_or_user_id(f.value[phone_field], field_path(path, kCallFields[phone_field]), user)) {
    return;
  }
  if (f.has(uid_field)) {
    std::string uid;
    if (!user_id(f.value[uid_field], field_path(path, kCallFields[uid_field]), uid)) return;
    user.user_id = std::move(uid);
  }
  complete(user, c);
  if (user.empty()) {
    return problem(path, by_user ? "has neither 'from' nor 'from_user_id'"
                                 : "has neither 'to' nor 'to_user_id'");
  }
  if (by_user) {
    ConversationEvent e;
    e.at = at;
    e.direction = Direction::kInbound;
    e.type = EventType::kCall;
    add(c, std::move(user), id, std::move(e));
    return;
  }
  std::string_view status;
  if (!f.has(8)) return problem(field_path(path, "status"), "is required");
  if (!str(f.value[8], field_path(path, "status"), status)) return;
  CallOutcome outcome;
  outcome.at = at;
  if (equals_ignore_case(status, "COMPLETED")) {
    outcome.result = CallResult::kConnected;
  } else if (equals_ignore_case(status, "FAILED")) {
    outcome.result = CallResult::kUnanswered;
  } else {
    return problem(field_path(path, "status"),
                   "expected COMPLETED or FAILED: '" + std::string(utf8_prefix(status, 32)) + "'");
  }
  add(c, std::move(user), id, outcome);
}

}  // namespace

std::optional<Timestamp> parse_unix_seconds(std::string_view text) noexcept {
  // 12 digits already exceed 9999-12-31; leading zeros are not Meta's.
  if (!all_digits(text) || text.size() > 12 || (text.size() > 1 && text[0] == '0')) {
    return std::nullopt;
  }
  std::int64_t n = 0;
  for (char ch : text) n = n * 10 + (ch - '0');
  if (n > kMaxUnixSeconds) return std::nullopt;
  return Timestamp{Duration{n}};
}

DeliveryMeaning delivery_meaning(int meta_error_code) noexcept {
  switch (meta_error_code) {
    case 131047: return DeliveryMeaning::kWindowClosedUseTemplate;
    case 131049: return DeliveryMeaning::kRetryLaterNotOptOut;
    case 131050: return DeliveryMeaning::kMarketingOptedOut;
    case 131026: return DeliveryMeaning::kUndeliverable;
    default: return DeliveryMeaning::kOther;
  }
}

absl::StatusOr<WebhookBatch> read_webhook(std::string_view json) {
  // One parser per thread: it keeps its buffers between payloads.
  thread_local dom::parser parser;
  dom::element doc;
  if (error_code err = parser.parse(json.data(), json.size()).get(doc)) {
    return absl::InvalidArgumentError(std::string("malformed JSON (") +
                                      simdjson::error_message(err) + ")");
  }
  if (!doc.is_object()) {
    return absl::InvalidArgumentError("expected a JSON object (one webhook payload)");
  }
  WebhookBatch batch;
  Reader(batch).payload(doc);
  return batch;
}

}  // namespace wire
}  // namespace sendpolicy
