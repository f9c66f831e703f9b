// Message tags (Meta, Messenger Platform policy; Send API reference). Tags let
// a Page send a non-promotional message after the 24 h standard window:
//   HUMAN_AGENT: a human agent's reply within 7 days of the user's last
//     message (Messenger and Instagram);
//   CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE: Messenger
//     only (Instagram supports only HUMAN_AGENT);
//   no tag may carry promotional content.
// WhatsApp and SMS have no tags. From 2026-04-27 the Send API rejects the
// three update tags with error 100 (rule_calendar.h): whatever the policy's
// messenger_update_tags knob says, only HUMAN_AGENT is left.
#include "rules/facts.h"
#include "sendpolicy/rule_calendar.h"

namespace sendpolicy {
namespace rules {
namespace {

// The Send API's "Invalid parameter" for a retired tag.
constexpr int kInvalidParameter = 100;
constexpr std::string_view kRetired = "retired on 2026-04-27";

// Why the message's tag is not allowed, or empty if it is.
std::string_view tag_problem(const Facts& f) noexcept {
  const Message& m = f.request.message;
  const Channel ch = f.request.channel;
  if (ch == Channel::kWhatsApp || ch == Channel::kSms) return to_string(ch);
  if (f.category == Category::kMarketing) return "promotional";
  if (*m.tag == MessageTag::kHumanAgent) {
    if (m.sender != Sender::kHuman) return "automation";
    const std::optional<Timestamp>& last = f.window.last_inbound_at;
    if (!last || f.request.now >= *last + f.policy.human_agent_window) return "expired";
    return {};
  }
  if (ch == Channel::kInstagram) return "instagram";
  if (in_force(RuleChange::kMessengerUpdateTagsRetired, f.request.now)) return kRetired;
  if (!f.policy.messenger_update_tags) return to_string(*m.tag);
  return {};
}

}  // namespace

bool tag_allows_send(const Facts& f) noexcept {
  return f.request.message.tag.has_value() && tag_problem(f).empty();
}

void check_channel(const Facts& f, DecisionBuilder& out) noexcept {
  if (!f.request.message.tag) return;
  const std::string_view problem = tag_problem(f);
  if (problem.empty()) return;
  if (problem == kRetired) {
    out.deny(ReasonCode::kTagNotAllowed, rule_change(RuleChange::kMessengerUpdateTagsRetired).id,
             problem, std::nullopt, kInvalidParameter);
  } else {
    out.deny(ReasonCode::kTagNotAllowed, {}, problem);
  }
}

}  // namespace rules
}  // namespace sendpolicy
