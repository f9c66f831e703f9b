// Writes webhook items as JSON (the `sendpolicy webhook` line format) and
// names their enums. History events use the wire format's event object
// (docs/wire-format.md), so a line's `history_event` can be pasted into a
// request's `history` as it is.
#include <string>
#include <string_view>

#include "sendpolicy/enums.h"
#include "sendpolicy/wire/json_writer.h"
#include "sendpolicy/wire/webhook_json.h"

namespace sendpolicy {
namespace wire {
namespace {

void append_key(std::string& out, std::string_view key) {
  out += ',';
  append_json_string(out, key);
  out += ':';
}

void append_text_or_null(std::string& out, const std::string& text) {
  if (text.empty()) {
    out += "null";
  } else {
    append_json_string(out, text);
  }
}

void append_user(std::string& out, const WebhookUser& user) {
  out += "{\"phone\":";
  append_text_or_null(out, user.phone);
  out += ",\"user_id\":";
  append_text_or_null(out, user.user_id);
  out += '}';
}

void append_event(std::string& out, const ConversationEvent& e) {
  out += "{\"at\":";
  append_json_timestamp(out, e.at);
  out += ",\"direction\":";
  // The reader always sets the direction; an unset one is written as null
  // (the request parser rejects it) rather than guessed.
  if (e.direction) {
    append_json_string(out, to_string(*e.direction));
  } else {
    out += "null";
  }
  out += ",\"type\":";
  append_json_string(out, to_string(e.type));
  out += ",\"text\":";
  append_json_string(out, e.text);
  // The request parser accepts "customer" on inbound events; who wrote an
  // outbound message (agent or bot) a status does not say, so it is left
  // out rather than guessed.
  if (e.direction == Direction::kInbound) out += ",\"sender\":\"customer\"";
  out += '}';
}

}  // namespace

std::string_view to_string(WebhookItemKind kind) noexcept {
  switch (kind) {
    case WebhookItemKind::kHistoryEvent: return "history_event";
    case WebhookItemKind::kMarketingPreference: return "marketing_opted_out";
    case WebhookItemKind::kCallPermission: return "call_permission";
    case WebhookItemKind::kCallOutcome: return "call_outcome";
    case WebhookItemKind::kDeliveryFailure: return "delivery_failure";
    case WebhookItemKind::kIdentityChange: return "identity_change";
  }
  return "?";
}

std::string_view to_string(DeliveryMeaning meaning) noexcept {
  switch (meaning) {
    case DeliveryMeaning::kWindowClosedUseTemplate: return "window_closed_use_template";
    case DeliveryMeaning::kRetryLaterNotOptOut: return "retry_later_not_an_opt_out";
    case DeliveryMeaning::kMarketingOptedOut: return "marketing_opted_out";
    case DeliveryMeaning::kUndeliverable: return "undeliverable";
    case DeliveryMeaning::kOther: return "other";
  }
  return "?";
}

std::string_view advice(DeliveryMeaning meaning) noexcept {
  switch (meaning) {
    case DeliveryMeaning::kWindowClosedUseTemplate:
      return "The 24-hour customer service window is closed: send an approved template.";
    case DeliveryMeaning::kRetryLaterNotOptOut:
      return "Per-user marketing limit: retry later with a growing back-off (24 h, 48 h, 72 h); "
             "this is not an opt-out.";
    case DeliveryMeaning::kMarketingOptedOut:
      return "The user stopped marketing messages from this business number: send no marketing "
             "templates until they resume.";
    case DeliveryMeaning::kUndeliverable:
      return "Undeliverable (not on WhatsApp, old client or terms not accepted): do not retry "
             "as is.";
    case DeliveryMeaning::kOther:
      return "Another delivery error: see Meta's error codes.";
  }
  return "";
}

std::string_view to_string(CallPermissionStatus status) noexcept {
  switch (status) {
    case CallPermissionStatus::kGranted: return "granted";
    case CallPermissionStatus::kRejected: return "rejected";
    case CallPermissionStatus::kRevoked: return "revoked";
  }
  return "?";
}

std::string_view to_string(CallPermissionTerm term) noexcept {
  return term == CallPermissionTerm::kPermanent ? "permanent" : "temporary";
}

std::string_view to_string(CallResult result) noexcept {
  return result == CallResult::kConnected ? "connected" : "unanswered";
}

void append_webhook_item_json(std::string& out, const WebhookItem& item) {
  out += "{\"recipient\":";
  append_user(out, item.user);
  append_key(out, "business_phone_number_id");
  append_text_or_null(out, item.business_phone_number_id);
  append_key(out, "message_id");
  append_text_or_null(out, item.message_id);
  switch (item.kind()) {
    case WebhookItemKind::kHistoryEvent:
      append_key(out, "history_event");
      append_event(out, std::get<ConversationEvent>(item.fact));
      if (item.pricing) {
        append_key(out, "pricing");
        out += "{\"category\":";
        append_text_or_null(out, item.pricing->category);
        out += ",\"type\":";
        append_text_or_null(out, item.pricing->type);
        out += '}';
      }
      break;
    case WebhookItemKind::kMarketingPreference: {
      const auto& p = std::get<MarketingPreference>(item.fact);
      append_key(out, "marketing_opted_out");
      out += p.opted_out ? "true" : "false";
      append_key(out, "at");
      append_json_timestamp(out, p.at);
      break;
    }
    case WebhookItemKind::kCallPermission: {
      const auto& p = std::get<CallPermissionChange>(item.fact);
      append_key(out, "call_permission");
      out += "{\"status\":";
      append_json_string(out, to_string(p.status));
      out += ",\"term\":";
      append_json_string(out, to_string(p.term));
      out += ",\"expires_at\":";
      append_json_timestamp(out, p.expires_at);
      out += ",\"at\":";
      append_json_timestamp(out, p.at);
      out += '}';
      break;
    }
    case WebhookItemKind::kCallOutcome: {
      const auto& o = std::get<CallOutcome>(item.fact);
      append_key(out, "call_outcome");
      out += "{\"result\":";
      append_json_string(out, to_string(o.result));
      out += ",\"at\":";
      append_json_timestamp(out, o.at);
      out += '}';
      break;
    }
    case WebhookItemKind::kDeliveryFailure: {
      const auto& d = std::get<DeliveryFailure>(item.fact);
      append_key(out, "delivery_failure");
      out += "{\"code\":";
      append_json_int(out, d.code);
      out += ",\"meaning\":";
      append_json_string(out, to_string(d.meaning));
      out += ",\"advice\":";
      append_json_string(out, advice(d.meaning));
      out += ",\"title\":";
      append_text_or_null(out, d.title);
      out += ",\"at\":";
      append_json_timestamp(out, d.at);
      out += ",\"retry_at\":";
      append_json_timestamp(out, d.retry_at);
      out += '}';
      break;
    }
    case WebhookItemKind::kIdentityChange: {
      const auto& c = std::get<IdentityChange>(item.fact);
      append_key(out, "identity_change");
      out += "{\"previous\":";
      append_user(out, c.previous);
      out += ",\"current\":";
      append_user(out, c.current);
      out += ",\"at\":";
      append_json_timestamp(out, c.at);
      out += '}';
      break;
    }
  }
  out += '}';
}

void append_webhook_batch_json(std::string& out, const WebhookBatch& batch) {
  out += "{\"items\":[";
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    if (i > 0) out += ',';
    append_webhook_item_json(out, batch.items[i]);
  }
  out += "],\"skipped\":{";
  bool first = true;
  for (const auto& [key, n] : batch.skipped) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, key);
    out += ':';
    append_json_int(out, n);
  }
  out += "},\"problems\":[";
  for (std::size_t i = 0; i < batch.problems.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"path\":";
    append_json_string(out, batch.problems[i].path);
    out += ",\"message\":";
    append_json_string(out, batch.problems[i].message);
    out += '}';
  }
  out += "]}";
}

}  // namespace wire
}  // namespace sendpolicy
