// reply_gate: what a chat backend calls before sending a message.
//
// An agent answers a customer; a bot wants to follow up the next day. The
// gate says whether each may go as typed, must become a template, or must
// not go at all, and why.
#include <chrono>
#include <cstdio>

#include <sendpolicy/sendpolicy.h>

namespace sp = sendpolicy;
using namespace std::chrono_literals;

namespace {

void show(const char* what, const sp::SendDecision& d) {
  std::printf("%s\n  -> %s", what, sp::explain(d).c_str());
  std::printf("     required form: %s, billing: %s\n\n",
              std::string(sp::to_string(d.required_form)).c_str(),
              std::string(sp::to_string(d.billing)).c_str());
}

}  // namespace

int main() {
  const sp::Policy policy = sp::Policy::whatsapp();
  const sp::Timestamp customer_wrote = *sp::parse_timestamp("2026-03-02T09:15:00Z");

  sp::SendRequest reply;
  reply.now = customer_wrote + 20min;
  reply.recipient.phone = "+393471234567";
  reply.window = sp::ServiceWindow{customer_wrote};
  reply.message.kind = sp::MessageKind::kFreeForm;
  reply.message.sender = sp::Sender::kHuman;
  show("Agent replies 20 minutes after the customer wrote:", sp::evaluate(policy, reply));

  sp::SendRequest follow_up = reply;
  follow_up.now = customer_wrote + 26h;
  follow_up.message.sender = sp::Sender::kAutomation;
  show("Bot follows up free-form 26 hours later:", sp::evaluate(policy, follow_up));

  sp::SendRequest template_follow_up = follow_up;
  template_follow_up.message.kind = sp::MessageKind::kTemplate;
  template_follow_up.message.purpose = "order_updates";
  template_follow_up.message.template_info =
      sp::Template{"order_shipped", "it", sp::Category::kUtility, sp::TemplateStatus::kApproved,
                   sp::TemplateQuality::kGreen};
  show("...as a utility template, but the customer never opted in:",
       sp::evaluate(policy, template_follow_up));

  sp::ConsentRecord consent;
  consent.phone = "+393471234567";
  consent.granted_at = customer_wrote - 24h * 40;
  consent.source = sp::ConsentSource::kWebsite;
  consent.method = sp::ConsentMethod::kCheckbox;
  consent.purposes = {"order_updates"};
  consent.notice = {true, true, true, true};
  template_follow_up.consent = consent;
  show("...with the checkout opt-in for order updates on file:",
       sp::evaluate(policy, template_follow_up));
  return 0;
}
