// The shop's compliance suite: what our flows must never do, whatever the
// code around them does next year. Written with sendpolicy's testing kit
// (docs/testing.md); run by ctest.
#include <sendpolicy/testing/catch2.h>

#include "order_notifier.h"

using namespace std::chrono_literals;
using namespace sendpolicy::testing;
using sendpolicy::Billing;
using sendpolicy::MessageKind;
using sendpolicy::TemplateStatus;

namespace {

const sendpolicy::Timestamp now = at("2026-03-02T12:00:00Z");

sendpolicy::Template approved(const char* name, sendpolicy::Category category) {
  return {name, "en", category, TemplateStatus::kApproved, sendpolicy::TemplateQuality::kGreen};
}

shop::TemplateCatalog catalog() {
  return {{"order_shipped", approved("order_shipped", sendpolicy::Category::kUtility)},
          {"we_miss_you", approved("we_miss_you", sendpolicy::Category::kMarketing)}};
}

// Maria ticked "send me order updates and offers on WhatsApp" at checkout.
shop::Customer maria() {
  shop::Customer c;
  c.phone = "+393471234567";
  c.country = "IT";
  c.consent = an_opt_in()
                  .for_number(c.phone)
                  .granted(now - days(30))
                  .by(sendpolicy::ConsentMethod::kCheckbox)
                  .from(sendpolicy::ConsentSource::kWebsite)
                  .fully_informed()
                  .for_purposes({"order_updates", "promotions"});
  return c;
}

const shop::OrderNotifier notifier(sendpolicy::Policy::whatsapp(), catalog());
const shop::Order order{"A-1001", "BRT"};

}  // namespace

TEST_CASE("order_shipped goes to a customer who opted in, billed as utility", "[shop]") {
  const shop::Outgoing out = notifier.order_shipped(maria(), order, now);
  REQUIRE_THAT(out.decision, Allows() && Bills(Billing::kUtility));
}

TEST_CASE("order_shipped is never sent to someone who wrote STOP", "[shop]") {
  shop::Customer c = maria();
  c.conversation = a_conversation()
                       .customer_wrote(now - 3h, "where is my order?")
                       .agent_sent(now - 2h, "it ships tomorrow")
                       .customer_wrote(now - 1h, "STOP");
  const shop::Outgoing out = notifier.order_shipped(c, order, now);
  REQUIRE_FALSE(out.will_send());
  REQUIRE_THAT(out.decision, DeniesExactly(Because::opt_in_withdrawn));
}

TEST_CASE("order_shipped waits for Meta to approve the template again", "[shop]") {
  shop::TemplateCatalog paused = catalog();
  paused["order_shipped"].status = TemplateStatus::kPaused;  // quality pause webhook
  const shop::OrderNotifier n(sendpolicy::Policy::whatsapp(), paused);
  REQUIRE_THAT(n.order_shipped(maria(), order, now).decision,
               DeniesExactly(Because::template_not_approved));
}

TEST_CASE("order_shipped needs the customer's consent outside a conversation", "[shop]") {
  shop::Customer guest = maria();
  guest.consent.reset();
  REQUIRE_THAT(notifier.order_shipped(guest, order, now).decision,
               Denies(Because::no_opt_in));
  // Inside an open window a utility template is a reply: no opt-in needed, free.
  guest.conversation = a_conversation().customer_wrote(now - 2h, "did it ship?");
  REQUIRE_THAT(notifier.order_shipped(guest, order, now).decision,
               Allows() && Bills(Billing::kUtilityFreeInWindow));
}

TEST_CASE("Re-engagement never sends free-form after 24 h", "[shop]") {
  // The window counts from the customer's last message, not from ours.
  const auto [name, history, form] =
      GENERATE(table<const char*, HistoryBuilder, MessageKind>({
          {"customer wrote 23h59m59s ago", a_conversation().customer_wrote(now - 24h + 1s, "hi"),
           MessageKind::kFreeForm},
          {"customer wrote exactly 24h ago", a_conversation().customer_wrote(now - 24h, "hi"),
           MessageKind::kTemplate},
          {"we wrote last, an hour ago",
           a_conversation().customer_wrote(now - 30h, "hi").we_sent(now - 1h, "new boots!"),
           MessageKind::kTemplate},
          {"customer never wrote", a_conversation(), MessageKind::kTemplate},
      }));
  CAPTURE(name);
  shop::Customer c = maria();
  c.conversation = history;
  const shop::Outgoing out = notifier.reengagement(c, now);
  CHECK(out.request.message.kind == form);
  CHECK_THAT(out.decision, Allows());
}

TEST_CASE("Re-engagement respects every kind of no", "[shop]") {
  SECTION("STOP in the chat, even inside the window") {
    shop::Customer c = maria();
    c.conversation = a_conversation().customer_wrote(now - 1h, "stop");
    REQUIRE_THAT(notifier.reengagement(c, now).decision,
                 DeniesExactly(Because::opt_in_withdrawn));
  }
  SECTION("Meta's Stop promotions button") {
    shop::Customer c = maria();
    c.marketing_opted_out = true;
    REQUIRE_THAT(notifier.reengagement(c, now).decision,
                 DeniesExactly(Because::marketing_opted_out));
  }
  SECTION("consent for order updates only") {
    shop::Customer c = maria();
    c.consent->purposes = {"order_updates"};
    REQUIRE_THAT(notifier.reengagement(c, now).decision,
                 DeniesExactly(Because::purpose_not_consented));
  }
  SECTION("US numbers: Meta stopped marketing templates there") {
    shop::Customer c = maria();
    c.phone = "+12125550123";
    c.country = "US";
    c.consent->phone = c.phone;
    REQUIRE_THAT(notifier.reengagement(c, now).decision,
                 DeniesExactly(Because::destination_restricted));
  }
}
