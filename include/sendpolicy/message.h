// sendpolicy/message.h
//
// The message a business wants to send: free-form (any type, only inside a
// service window on WhatsApp) or a pre-approved template.
#ifndef SENDPOLICY_MESSAGE_H_
#define SENDPOLICY_MESSAGE_H_

#include <optional>
#include <string>

#include "sendpolicy/enums.h"

namespace sendpolicy {

// A WhatsApp message template as Meta currently reports it. Decisions use the
// template's current category and status, not what the business intended:
// Meta re-categorises and pauses templates on its own.
struct Template {
  std::string name;
  std::string language;
  Category category = Category::kUtility;  // marketing, utility or authentication
  TemplateStatus status = TemplateStatus::kPending;
  TemplateQuality quality = TemplateQuality::kUnknown;
};

struct Message {
  MessageKind kind = MessageKind::kFreeForm;
  // What the content is. nullopt: the template's category for templates,
  // `kService` for free-form. If set for a template it must match it.
  std::optional<Category> category;
  // The purpose the consent must cover, in the caller's own vocabulary
  // ("order_updates"). Compared verbatim with ConsentRecord::purposes.
  std::string purpose;
  std::optional<Template> template_info;  // required iff kind == kTemplate
  std::optional<MessageTag> tag;          // Messenger / Instagram only
  Sender sender = Sender::kAutomation;
  // The message asks the user for permission to call (WhatsApp only; a
  // free-form message in the window or a template outside it). Besides its
  // own rules it is subject to Meta's request limits (docs/calls.md).
  bool requests_call_permission = false;

  // The category rules act on (see `category`).
  constexpr Category effective_category() const noexcept {
    if (category) return *category;
    if (kind == MessageKind::kTemplate && template_info) return template_info->category;
    return Category::kService;
  }
};

}  // namespace sendpolicy

#endif  // SENDPOLICY_MESSAGE_H_
