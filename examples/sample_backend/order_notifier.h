// A sample "backend": the order-notification service of a small shop, gated
// by sendpolicy. It exists to show how a team unit-tests its own messaging
// flows with the compliance testing kit (compliance_test.cc; the tutorial is
// docs/testing.md). Only the flows are here; delivery is someone else's job.
//
//   shop::OrderNotifier notifier(sendpolicy::Policy::whatsapp(), catalog);
//   shop::Outgoing out = notifier.order_shipped(customer, order, now);
//   if (out.will_send()) whatsapp_client.send(out.request);
//   else log(sendpolicy::explain(out.decision));
#ifndef SENDPOLICY_EXAMPLES_SAMPLE_BACKEND_ORDER_NOTIFIER_H_
#define SENDPOLICY_EXAMPLES_SAMPLE_BACKEND_ORDER_NOTIFIER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sendpolicy/sendpolicy.h>

namespace shop {

// What the shop knows about a customer. The consent and the conversation log
// are kept in sendpolicy's own types, as the shop's webhooks record them.
struct Customer {
  std::string phone;    // E.164
  std::string country;  // ISO 3166-1 alpha-2
  std::optional<sendpolicy::ConsentRecord> consent;
  std::vector<sendpolicy::ConversationEvent> conversation;  // oldest first
  bool marketing_opted_out = false;  // Meta's "Stop promotions"
};

struct Order {
  std::string id;
  std::string carrier;
};

// Templates as Meta last reported them (message_template_status_update
// webhook), by name.
using TemplateCatalog = std::map<std::string, sendpolicy::Template>;

// One planned message and the policy's verdict on it.
struct Outgoing {
  sendpolicy::SendRequest request;
  sendpolicy::SendDecision decision;
  std::string text;  // what the customer would read (free-form only)

  bool will_send() const { return decision.allowed(); }
};

class OrderNotifier {
 public:
  OrderNotifier(sendpolicy::Policy policy, TemplateCatalog templates);

  // An order left the warehouse: the "order_shipped" utility template, for
  // the purpose the checkout form asks consent for ("order_updates").
  Outgoing order_shipped(const Customer& customer, const Order& order,
                         sendpolicy::Timestamp now) const;

  // The weekly re-engagement job: a personal free-form note while the
  // customer's service window is open, otherwise the "we_miss_you" marketing
  // template (purpose "promotions").
  Outgoing reengagement(const Customer& customer, sendpolicy::Timestamp now) const;

 private:
  sendpolicy::SendRequest request_for(const Customer& customer, sendpolicy::Timestamp now,
                                      std::string purpose) const;
  Outgoing decide(sendpolicy::SendRequest request, std::string text) const;
  sendpolicy::Template template_named(const std::string& name) const;

  sendpolicy::Policy policy_;
  TemplateCatalog templates_;
};

}  // namespace shop

#endif  // SENDPOLICY_EXAMPLES_SAMPLE_BACKEND_ORDER_NOTIFIER_H_
