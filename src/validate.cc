// Fail-closed validation: the first problem, named by its field path.
#include "sendpolicy/validate.h"

#include "sendpolicy/lifecycle/conversation.h"
#include "sendpolicy/phone.h"
#include "sendpolicy/user_id.h"

namespace sendpolicy {
namespace {

// ISO 3166-1 alpha-2 shape: two upper-case ASCII letters.
constexpr bool is_country_code(std::string_view c) noexcept {
  return c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
}

// ISO 3166-2 shape: "CC-" then 1 to 3 upper-case letters or digits.
constexpr bool is_region_code(std::string_view r) noexcept {
  if (r.size() < 4 || r.size() > 6 || !is_country_code(r.substr(0, 2)) || r[2] != '-') {
    return false;
  }
  for (char ch : r.substr(3)) {
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!ok) return false;
  }
  return true;
}

using Error = std::optional<FieldError>;

constexpr std::string_view kNotBsuid =
    "is not a WhatsApp user ID (CC. or CC.ENT. then 1 to 128 letters or digits)";

constexpr FieldError error(std::string_view field, std::string_view problem,
                           int index = -1) noexcept {
  return FieldError{field, problem, index};
}

// recipient.call_permission: a granted permission has a grant time; no time
// is after now; requests are oldest first; counters are not negative.
Error check_call_permission(const SendRequest& r) noexcept {
  if (!r.recipient.call_permission) return std::nullopt;
  const CallPermission& c = *r.recipient.call_permission;
  if (!is_valid(c.status)) {
    return error("recipient.call_permission.status", "is not a known status");
  }
  if (!is_valid(c.kind)) return error("recipient.call_permission.kind", "is not a known kind");
  if (c.status == CallPermissionStatus::kGranted && !c.granted_at) {
    return error("recipient.call_permission.granted_at", "is required for a granted permission");
  }
  if (c.granted_at && *c.granted_at > r.now) {
    return error("recipient.call_permission.granted_at", "is after now");
  }
  for (std::size_t i = 0; i < c.requests.size(); ++i) {
    const int index = static_cast<int>(i);
    if (c.requests[i] > r.now) return error("recipient.call_permission.requests[]", "is after now", index);
    if (i > 0 && c.requests[i] < c.requests[i - 1]) {
      return error("recipient.call_permission.requests[]",
                   "is before the request listed before it (requests are oldest first)", index);
    }
  }
  if (c.last_connected_call_at && *c.last_connected_call_at > r.now) {
    return error("recipient.call_permission.last_connected_call_at", "is after now");
  }
  if (c.consecutive_unanswered_calls < 0) {
    return error("recipient.call_permission.consecutive_unanswered_calls", "is negative");
  }
  if (c.connected_calls_24h < 0) {
    return error("recipient.call_permission.connected_calls_24h", "is negative");
  }
  return std::nullopt;
}

Error check_recipient(const SendRequest& r) noexcept {
  const Recipient& p = r.recipient;
  // A WhatsApp user may be known by a BSUID alone (wire v1.1); SMS always
  // needs a number, and the other channels have no BSUIDs.
  if (!p.user_id.empty() && r.channel != Channel::kWhatsApp) {
    return error("recipient.user_id", "is only valid on WhatsApp");
  }
  if (p.phone.empty()) {
    if (r.channel == Channel::kSms) return error("recipient.phone", "is required on SMS");
    if (p.user_id.empty()) {
      return error("recipient.phone", r.channel == Channel::kWhatsApp
                                          ? "is required (or recipient.user_id)"
                                          : "is required");
    }
  } else if (!is_e164(p.phone)) {
    return error("recipient.phone", "is not E.164 ('+' and 8 to 15 digits)");
  }
  if (!p.user_id.empty() && !is_bsuid(p.user_id)) {
    return error("recipient.user_id", kNotBsuid);
  }
  if (!p.country.empty() && !is_country_code(p.country)) {
    return error("recipient.country", "is not an ISO 3166-1 alpha-2 code");
  }
  if (!p.region.empty()) {
    // A US or Canadian region must be a real one: "US-FLA" would select no
    // state pack and quietly skip Florida's rules (fail closed instead).
    if (!is_region_code(p.region) || !Jurisdictions::valid_destination(p.region)) {
      return error("recipient.region", "is not an ISO 3166-2 code (like US-FL)");
    }
    // Both are checked codes here (two letters; "CC-..."), so two
    // characters say it (std::string::compare is a library call).
    if (!p.country.empty() && (p.region[0] != p.country[0] || p.region[1] != p.country[1])) {
      return error("recipient.region", "does not belong to recipient.country");
    }
  }
  if (p.sent.marketing_24h < 0) return error("recipient.sent.marketing_24h", "is negative");
  if (p.sent.same_purpose_24h < 0) return error("recipient.sent.same_purpose_24h", "is negative");
  return check_call_permission(r);
}

Error check_consent(const SendRequest& r) noexcept {
  if (!r.consent) return std::nullopt;
  const ConsentRecord& c = *r.consent;
  if (!is_valid(c.status)) return error("consent.status", "is not a known status");
  if (!is_valid(c.basis)) return error("consent.basis", "is not a known basis");
  if (!is_valid(c.source)) return error("consent.source", "is not a known source");
  if (!is_valid(c.method)) return error("consent.method", "is not a known method");
  if (c.phone.empty()) {
    if (c.user_id.empty()) {
      return error("consent.phone",
                   "is required (the number the user consented for), or consent.user_id");
    }
  } else if (!is_e164(c.phone)) {
    return error("consent.phone", "is not E.164 ('+' and 8 to 15 digits)");
  }
  if (!c.user_id.empty() && !is_bsuid(c.user_id)) return error("consent.user_id", kNotBsuid);
  // An empty purpose would match a message with no purpose.
  for (std::size_t i = 0; i < c.purposes.size(); ++i) {
    if (c.purposes[i].empty()) {
      return error("consent.purposes[]", "is empty (leave a purpose out instead)", static_cast<int>(i));
    }
  }
  if (c.status == ConsentStatus::kGranted && !c.granted_at) {
    return error("consent.granted_at", "is required for a granted consent");
  }
  if (c.granted_at && *c.granted_at > r.now) return error("consent.granted_at", "is after now");
  if (c.status == ConsentStatus::kGranted && c.withdrawn_at) {
    return error("consent.withdrawn_at", "is set but consent.status is granted");
  }
  if (c.withdrawn_at) {
    if (*c.withdrawn_at > r.now) return error("consent.withdrawn_at", "is after now");
    if (c.granted_at && *c.withdrawn_at < *c.granted_at) {
      return error("consent.withdrawn_at", "is before consent.granted_at");
    }
  }
  if (c.double_opt_in_at) {
    if (*c.double_opt_in_at > r.now) return error("consent.double_opt_in_at", "is after now");
    if (c.granted_at && *c.double_opt_in_at < *c.granted_at) {
      return error("consent.double_opt_in_at", "is before consent.granted_at");
    }
  }
  return std::nullopt;
}

Error check_window(const SendRequest& r) noexcept {
  if (!r.window) return std::nullopt;
  if (!is_valid(r.window->entry_point)) {
    return error("window.entry_point", "is not a known entry point");
  }
  if (r.window->last_inbound_at && *r.window->last_inbound_at > r.now) {
    return error("window.last_inbound_at", "is after now");
  }
  return std::nullopt;
}

Error check_history(const SendRequest& r) noexcept {
  return find_invalid_event(r.history, r.now);  // lifecycle/conversation.h owns the rules
}

Error check_message(const SendRequest& r) noexcept {
  const Message& m = r.message;
  if (!is_valid(m.kind)) return error("message.kind", "is not a known kind");
  if (m.category && !is_valid(*m.category)) return error("message.category", "is not a known category");
  if (!is_valid(m.sender)) return error("message.sender", "is not a known sender");
  if (m.tag && !is_valid(*m.tag)) return error("message.tag", "is not a known tag");
  if (m.kind == MessageKind::kTemplate) {
    if (!m.template_info) return error("message.template", "is required for a template message");
    const Template& t = *m.template_info;
    if (t.name.empty()) return error("message.template.name", "is required");
    if (!is_valid(t.category) || t.category == Category::kService) {
      return error("message.template.category", "must be marketing, utility or authentication");
    }
    if (!is_valid(t.status)) return error("message.template.status", "is not a known status");
    if (!is_valid(t.quality)) return error("message.template.quality", "is not a known quality");
    if (m.category && *m.category != t.category) {
      return error("message.category", "contradicts message.template.category");
    }
    if (t.paused_until && t.status != TemplateStatus::kPaused) {
      return error("message.template.paused_until", "is set but the status is not paused");
    }
    // Templates outside WhatsApp (wire v1.1): SMS and Instagram have none;
    // Messenger has only utility templates (Messenger utility messages).
    if (r.channel == Channel::kSms || r.channel == Channel::kInstagram) {
      return error("message.kind", "template messages exist on WhatsApp and Messenger only");
    }
    if (r.channel == Channel::kMessenger && t.category != Category::kUtility) {
      return error("message.template.category",
                   "must be utility on Messenger (Messenger has utility templates only)");
    }
  } else if (m.template_info) {
    return error("message.template", m.kind == MessageKind::kCall
                                         ? "is set but message.kind is call"
                                         : "is set but message.kind is free_form");
  }
  // Business-initiated calls and call-permission requests exist on WhatsApp
  // only (Business Calling API); a call does not ask for permission to call.
  if (m.kind == MessageKind::kCall && r.channel != Channel::kWhatsApp) {
    return error("message.kind", "call is only available on whatsapp");
  }
  if (m.requests_call_permission) {
    if (r.channel != Channel::kWhatsApp) {
      return error("message.requests_call_permission", "is only available on whatsapp");
    }
    if (m.kind == MessageKind::kCall) {
      return error("message.requests_call_permission", "is set on a call (only messages ask)");
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<FieldError> find_invalid_field(const SendRequest& r) noexcept {
  // Timestamp::min() is SendRequest's "not set"; the epoch is an instant.
  if (r.now == Timestamp::min()) return error("now", "is required");
  if (!is_valid(r.channel)) return error("channel", "is not a known channel");
  if (Error e = check_recipient(r)) return e;
  if (Error e = check_consent(r)) return e;
  if (Error e = check_window(r)) return e;
  if (Error e = check_history(r)) return e;
  if (Error e = check_message(r)) return e;
  return std::nullopt;
}

std::string field_path(const FieldError& e) {
  if (e.index < 0) return std::string(e.field);
  const std::size_t brackets = e.field.find("[]");
  if (brackets == std::string_view::npos) return std::string(e.field);
  std::string path(e.field.substr(0, brackets));
  path += '[';
  path += std::to_string(e.index);
  path += ']';
  path += e.field.substr(brackets + 2);
  return path;
}

absl::Status validate(const SendRequest& request) {
  const std::optional<FieldError> e = find_invalid_field(request);
  if (!e) return absl::OkStatus();
  std::string message = field_path(*e);
  message += ": ";
  message += e->problem;
  return absl::InvalidArgumentError(message);
}

}  // namespace sendpolicy
