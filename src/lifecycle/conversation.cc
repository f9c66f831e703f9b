// The history fold. One pass, oldest first, one instant at a time; no
// allocation (keywords are classified in a stack buffer), so evaluate() can
// call it on the hot path.
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

namespace {

bool re_opts_in_as_message(const ConversationEvent& e, const Policy& policy) noexcept {
  // A system event is the platform's, not the customer writing: it may
  // open a window (a knob) but is never consent.
  if (e.type == EventType::kSystem) return false;
  if (!opens_window(e, policy.window_openers)) return false;
  // Whatever its type (a media caption counts), a message that might be an
  // opt-out by any reading is not a customer coming back.
  return !may_be_opt_out(e.text, policy.keywords);
}

// What the events of one instant say, whatever their storage order.
struct Instant {
  bool contact = false;         // customer contact that opens the window
  bool documented_contact = false;  // ...by Meta's documented rule (messages and calls)
  int opt_out = -1;             // index of an opt-out keyword, else -1
  bool opt_in = false;          // an opt-in keyword
  bool message = false;         // a message that re-opts in under kAnyInbound
  bool maybe_opt_out = false;   // a message that might be an opt-out
  bool help = false;
};

// `opted_out`: whether the customer is opted out before this instant; only
// then is the (costlier) strict reading needed.
Instant read_instant(const Policy& policy, const std::vector<ConversationEvent>& history,
                     std::size_t first, std::size_t last, bool opted_out) noexcept {
  Instant in;
  for (std::size_t i = first; i < last; ++i) {
    const ConversationEvent& e = history[i];
    in.contact = in.contact || opens_window(e, policy.window_openers);
    in.documented_contact = in.documented_contact || opens_window(e, WindowOpeners{});
    if (opted_out && !in.maybe_opt_out && e.from_customer() && may_be_opt_out(e.text, policy.keywords)) {
      in.maybe_opt_out = true;
    }
    switch (event_keyword(e, policy.keywords)) {
      case Keyword::kOptOut:
        if (in.opt_out < 0) in.opt_out = static_cast<int>(i);
        break;
      case Keyword::kOptIn:
        in.opt_in = true;
        break;
      case Keyword::kHelp:
        // Asking for help is not consent, under either model.
        in.help = true;
        break;
      case Keyword::kNone:
        in.message = in.message || (opted_out && re_opts_in_as_message(e, policy));
        break;
    }
  }
  return in;
}

}  // namespace

ConversationState fold_conversation(const Policy& policy,
                                    const std::vector<ConversationEvent>& history,
                                    const std::optional<ServiceWindow>& tracked) noexcept {
  // Every member given, both windows from `tracked`: `ConversationState s;`
  // compiled to a `rep stos` over the whole state, and evaluate(), which
  // reads the state right away, waited for those stores (store forwarding
  // does not work from string stores); copying one window from the other
  // just after its small stores stalled the same way.
  const ServiceWindow window = tracked ? *tracked : ServiceWindow{};
  ConversationState s{window,       false,        std::nullopt, -1,
                      std::nullopt, std::nullopt, std::nullopt, window};
  std::size_t first = 0;
  while (first < history.size()) {
    // Events sharing a timestamp are one instant: within it the opt-out
    // wins, whatever order the backend stored them in (history order is
    // checked to the full precision the caller gave; the library keeps
    // whole seconds).
    const std::optional<Timestamp> at = history[first].at;
    std::size_t last = first + 1;
    while (last < history.size() && history[last].at == at) ++last;
    const Instant in = read_instant(policy, history, first, last, s.opted_out);
    first = last;
    if (!at) continue;  // find_invalid_event() rejects this before any rule reads it
    if (in.contact && (!s.window.last_inbound_at || *s.window.last_inbound_at < *at)) {
      s.window.last_inbound_at = *at;
    }
    ServiceWindow& documented = s.documented_window;
    if (in.documented_contact && (!documented.last_inbound_at || *documented.last_inbound_at < *at)) {
      documented.last_inbound_at = *at;
    }
    if (in.help) s.help_requested_at = *at;
    if (in.opt_out >= 0) {
      s.opted_out = true;
      s.opted_out_at = *at;
      s.opted_out_event = in.opt_out;
      s.re_opted_in_by.reset();
      s.re_opted_in_at.reset();
      continue;
    }
    // Nothing at this instant may be read as an opt-out: only then can it
    // undo an earlier one.
    if (!s.opted_out || in.maybe_opt_out) continue;
    if (in.opt_in) {
      s.opted_out = false;
      s.re_opted_in_by = ReOptInModel::kExplicitKeyword;
      s.re_opted_in_at = *at;
    } else if (in.message && policy.re_opt_in == ReOptInModel::kAnyInbound) {
      // Odoo's model: any other inbound message or call opts back in.
      s.opted_out = false;
      s.re_opted_in_by = ReOptInModel::kAnyInbound;
      s.re_opted_in_at = *at;
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
    if (!e.direction) return error("history[].direction", "is required (inbound or outbound)");
    if (!is_valid(*e.direction)) return error("history[].direction", "is not a known direction");
    if (!is_valid(e.type)) return error("history[].type", "is not a known event type");
    if (e.sender && !is_valid(*e.sender)) return error("history[].sender", "is not a known sender");
    // The business's own sender on the customer's message: one of the two
    // is wrong, and reading it as the customer's could open a window or
    // re-opt someone in on the business's word.
    if (e.sender && *e.direction == Direction::kInbound) {
      return error("history[].sender", "is the business's (human or automation) on an inbound event");
    }
    if (!e.at) return error("history[].at", "is required");
    if (*e.at > now) return error("history[].at", "is after now");
    if (i > 0 && history[i - 1].at && *e.at < *history[i - 1].at) {
      return error("history[].at",
                   "is earlier than the event before it (history must be oldest first)");
    }
  }
  return std::nullopt;
}

}  // namespace sendpolicy
