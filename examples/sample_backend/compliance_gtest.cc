// The same kit from GoogleTest: the matchers work with EXPECT_THAT as they
// are, and failures print sendpolicy::explain() of the decision.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sendpolicy/testing.h>

#include "order_notifier.h"

using namespace std::chrono_literals;
namespace spt = sendpolicy::testing;  // ::testing is GoogleTest's

namespace {

const sendpolicy::Timestamp now = spt::at("2026-03-02T12:00:00Z");

shop::OrderNotifier notifier() {
  shop::TemplateCatalog catalog;
  catalog["order_shipped"] = {"order_shipped", "en", sendpolicy::Category::kUtility,
                              sendpolicy::TemplateStatus::kApproved,
                              sendpolicy::TemplateQuality::kGreen};
  return shop::OrderNotifier(sendpolicy::Policy::whatsapp(), catalog);
}

shop::Customer customer() {
  shop::Customer c;
  c.phone = "+393471234567";
  c.consent = spt::an_opt_in()
                  .granted(now - spt::days(30))
                  .for_number(c.phone)
                  .by(sendpolicy::ConsentMethod::kCheckbox)
                  .informed()
                  .for_purpose("order_updates");
  return c;
}

}  // namespace

TEST(OrderShipped, GoesToCustomersWhoOptedIn) {
  EXPECT_THAT(notifier().order_shipped(customer(), {"A-1", "BRT"}, now).decision,
              spt::Allows() && spt::Bills(sendpolicy::Billing::kUtility));
}

TEST(OrderShipped, NeverAfterStop) {
  shop::Customer c = customer();
  c.conversation = spt::a_conversation().customer_wrote(now - 1h, "STOP");
  EXPECT_THAT(notifier().order_shipped(c, {"A-1", "BRT"}, now).decision,
              spt::DeniesExactly(spt::Because::opt_in_withdrawn));
}

TEST(OrderShipped, FailureMessageExplainsTheDecision) {
  shop::Customer c = customer();
  c.consent.reset();
  const sendpolicy::SendDecision d = notifier().order_shipped(c, {"A-1", "BRT"}, now).decision;
  // What EXPECT_THAT(d, Allows()) would report, checked without failing.
  EXPECT_EQ(::testing::DescribeMatcher<sendpolicy::SendDecision>(spt::Allows()),
            "allows the send");
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(spt::Allows(), d, &listener));
  EXPECT_EQ(listener.str(), "the verdict is deny");
  EXPECT_EQ(::testing::PrintToString(d),
            "deny\n  no_opt_in [whatsapp.opt_in.required]: a business-initiated message needs "
            "the recipient's opt-in, and none is on file");
}
