// Conversation facts from history: the window (only the customer's messages
// and calls open or refresh it) and keyword opt-outs. Minimal version; the
// lifecycle module (include/sendpolicy/lifecycle/) holds the full fold.
#include <cctype>

#include "rules/conversation.h"

namespace sendpolicy {
namespace rules {
namespace {

constexpr std::string_view kOptOutWords[] = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
                                             "END",  "QUIT",    "REVOKE",      "OPTOUT"};
constexpr std::string_view kOptInWords[] = {"START", "YES", "UNSTOP"};

// Upper-cases ASCII letters and drops everything that is not a letter, so
// " Stop. " and "OPT OUT" match; "STOP PLEASE" does not.
std::size_t normalise(std::string_view text, char (&out)[16]) noexcept {
  std::size_t n = 0;
  for (char ch : text) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalpha(u) == 0) continue;
    if (n == sizeof(out)) return sizeof(out) + 1;  // too long to be a keyword
    out[n++] = static_cast<char>(std::toupper(u));
  }
  return n;
}

template <std::size_t N>
bool matches(std::string_view word, const std::string_view (&list)[N]) noexcept {
  for (std::string_view k : list) {
    if (k == word) return true;
  }
  return false;
}

bool counts_as_contact(const ConversationEvent& e, const WindowOpeners& openers) noexcept {
  if (!e.from_customer()) return false;
  switch (e.type) {
    case EventType::kText:
    case EventType::kMedia:
    case EventType::kButtonReply:
    case EventType::kCall:
      return true;
    case EventType::kReaction:
      return openers.reactions;
    case EventType::kSystem:
      return openers.system_events;
    case EventType::kTemplate:
    case EventType::kStatus:
      return false;  // never from a customer in practice; never opens
  }
  return false;
}

}  // namespace

ConversationFacts conversation_facts(const Policy& policy, const SendRequest& request) noexcept {
  ConversationFacts facts;
  if (request.window) facts.window = *request.window;
  for (const ConversationEvent& e : request.history) {
    if (counts_as_contact(e, policy.window_openers)) {
      if (!facts.window.last_inbound_at || *facts.window.last_inbound_at < e.at) {
        facts.window.last_inbound_at = e.at;
      }
    }
    if (e.from_customer() && e.type == EventType::kText) {
      char buf[16];
      const std::size_t n = normalise(e.text, buf);
      if (n <= sizeof(buf)) {
        const std::string_view word(buf, n);
        if (matches(word, kOptOutWords)) facts.opted_out = true;
        if (matches(word, kOptInWords)) facts.opted_out = false;
      }
    }
  }
  return facts;
}

}  // namespace rules
}  // namespace sendpolicy
