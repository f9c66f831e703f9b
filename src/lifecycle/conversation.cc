// The history fold. One pass, oldest first; no allocation (keywords are
// classified in a stack buffer), so evaluate() can call it on the hot path.
#include "sendpolicy/lifecycle/conversation.h"

namespace sendpolicy {

bool opens_window(const ConversationEvent& e, const WindowOpeners& openers) noexcept {
  if (!e.from_customer()) return false;  // business messages and templates never do
  switch (e.type) {
    case EventType::kText:
    case EventType::kMedia:
    case EventType::kButtonReply:
    case EventType::kCall:
      return true;  // Meta: "messages you or calls you"
    case EventType::kReaction:
      return openers.reactions;
    case EventType::kSystem:
      return openers.system_events;
    case EventType::kTemplate:
    case EventType::kStatus:
      return false;  // receipts and templates are the business's, whatever the direction says
  }
  return false;
}

Keyword event_keyword(const ConversationEvent& e, const KeywordRules& rules) noexcept {
  if (!e.from_customer()) return Keyword::kNone;
  if (e.type != EventType::kText && e.type != EventType::kButtonReply) return Keyword::kNone;
  return classify_keyword(e.text, rules);
}

ConversationState fold_conversation(const Policy& policy,
                                    const std::vector<ConversationEvent>& history,
                                    const std::optional<ServiceWindow>& tracked) noexcept {
  ConversationState s;
  if (tracked) s.window = *tracked;
  s.documented_window = s.window;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const ConversationEvent& e = history[i];
    const bool contact = opens_window(e, policy.window_openers);
    if (contact && (!s.window.last_inbound_at || *s.window.last_inbound_at < e.at)) {
      s.window.last_inbound_at = e.at;
    }
    ServiceWindow& documented = s.documented_window;
    if (opens_window(e, WindowOpeners{}) &&
        (!documented.last_inbound_at || *documented.last_inbound_at < e.at)) {
      documented.last_inbound_at = e.at;
    }
    switch (event_keyword(e, policy.keywords)) {
      case Keyword::kOptOut:
        s.opted_out = true;
        s.opted_out_at = e.at;
        s.opted_out_event = static_cast<int>(i);
        s.re_opted_in_by.reset();
        s.re_opted_in_at.reset();
        break;
      case Keyword::kOptIn:
        if (s.opted_out) {
          s.opted_out = false;
          s.re_opted_in_by = ReOptInModel::kExplicitKeyword;
          s.re_opted_in_at = e.at;
        }
        break;
      case Keyword::kHelp:
        // Asking for help is not consent, under either model.
        s.help_requested_at = e.at;
        break;
      case Keyword::kNone:
        // Odoo's model: any other inbound message or call opts back in.
        if (s.opted_out && contact && policy.re_opt_in == ReOptInModel::kAnyInbound) {
          s.opted_out = false;
          s.re_opted_in_by = ReOptInModel::kAnyInbound;
          s.re_opted_in_at = e.at;
        }
        break;
    }
  }
  return s;
}

std::optional<FieldError> find_invalid_event(const std::vector<ConversationEvent>& history,
                                             Timestamp now) noexcept {
  for (std::size_t i = 0; i < history.size(); ++i) {
    const ConversationEvent& e = history[i];
    const int idx = static_cast<int>(i);
    const auto error = [idx](std::string_view field, std::string_view problem) {
      return std::optional<FieldError>(FieldError{field, problem, idx});
    };
    if (!is_valid(e.direction)) return error("history[].direction", "is not a known direction");
    if (!is_valid(e.type)) return error("history[].type", "is not a known event type");
    if (!is_valid(e.sender)) return error("history[].sender", "is not a known sender");
    if (e.at == Timestamp{}) return error("history[].at", "is required");
    if (e.at > now) return error("history[].at", "is after now");
    if (i > 0 && e.at < history[i - 1].at) {
      return error("history[].at",
                   "is earlier than the event before it (history must be oldest first)");
    }
  }
  return std::nullopt;
}

}  // namespace sendpolicy
