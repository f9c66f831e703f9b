// The shop's notification flows. The window, the opt-in and the template
// rules are sendpolicy's job: the flows hand it the customer's state and
// follow the decision (required_form says when only a template will do).
#include "order_notifier.h"

#include <utility>

namespace shop {

OrderNotifier::OrderNotifier(sendpolicy::Policy policy, TemplateCatalog templates)
    : policy_(policy), templates_(std::move(templates)) {}

sendpolicy::Template OrderNotifier::template_named(const std::string& name) const {
  const auto it = templates_.find(name);
  if (it != templates_.end()) return it->second;
  // Unknown to the webhook log: never approved as far as we know.
  sendpolicy::Template t;
  t.name = name;
  t.status = sendpolicy::TemplateStatus::kPending;
  return t;
}

sendpolicy::SendRequest OrderNotifier::request_for(const Customer& customer,
                                                   sendpolicy::Timestamp now,
                                                   std::string purpose) const {
  sendpolicy::SendRequest r;
  r.now = now;
  r.channel = sendpolicy::Channel::kWhatsApp;
  r.recipient.phone = customer.phone;
  r.recipient.country = customer.country;
  r.recipient.marketing_opted_out = customer.marketing_opted_out;
  r.consent = customer.consent;
  r.history = customer.conversation;  // sendpolicy derives window and opt-outs
  r.message.purpose = std::move(purpose);
  return r;
}

Outgoing OrderNotifier::decide(sendpolicy::SendRequest request, std::string text) const {
  Outgoing out;
  out.decision = sendpolicy::evaluate(policy_, request);
  out.request = std::move(request);
  out.text = std::move(text);
  return out;
}

Outgoing OrderNotifier::order_shipped(const Customer& customer, const Order& order,
                                      sendpolicy::Timestamp now) const {
  sendpolicy::SendRequest r = request_for(customer, now, "order_updates");
  r.id = "order_shipped:" + order.id;
  r.message.kind = sendpolicy::MessageKind::kTemplate;
  r.message.template_info = template_named("order_shipped");
  return decide(std::move(r), "");
}

Outgoing OrderNotifier::reengagement(const Customer& customer, sendpolicy::Timestamp now) const {
  // First choice: a personal note, which is only possible inside the window.
  sendpolicy::SendRequest note = request_for(customer, now, "promotions");
  note.id = "reengagement:" + customer.phone;
  note.message.kind = sendpolicy::MessageKind::kFreeForm;
  Outgoing out = decide(note, "Still thinking about those boots? Reply and we'll hold a pair.");
  if (out.decision.required_form == sendpolicy::RequiredForm::kAny) return out;

  // Window closed (or never opened): only the marketing template may go.
  sendpolicy::SendRequest templated = std::move(note);
  templated.message.kind = sendpolicy::MessageKind::kTemplate;
  templated.message.template_info = template_named("we_miss_you");
  return decide(std::move(templated), "");
}

}  // namespace shop
