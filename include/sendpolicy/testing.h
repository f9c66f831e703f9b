// sendpolicy/testing.h: the compliance testing kit.
//
// Unit-test your own messaging flows against the rules: "our order-shipped
// flow never sends a template to someone who wrote STOP", "our re-engagement
// job never sends free-form after 24 h". Builders make the inputs, matchers
// check the decisions and print sendpolicy::explain() when they fail. Nothing
// here depends on a test framework; sendpolicy/testing/catch2.h adds Catch2
// printing, and the matchers work with GoogleTest's EXPECT_THAT as they are.
// Link `sendpolicy::testing`. Tutorial: docs/testing.md.
//
//   #include <sendpolicy/testing/catch2.h>
//   using namespace std::chrono_literals;
//   using namespace sendpolicy::testing;
//
//   TEST_CASE("order_shipped is not sent after STOP") {
//     const auto now = at("2026-03-02T12:00:00Z");
//     const auto req = a_whatsapp_template("order_shipped").utility().approved()
//         .to("+393471234567").at(now).with(a_conversation().customer_wrote(now - 1h, "STOP"));
//     REQUIRE_THAT(evaluate(sendpolicy::Policy::whatsapp(), req),
//                  Denies(Because::opt_in_withdrawn));
//   }
#ifndef SENDPOLICY_TESTING_H_
#define SENDPOLICY_TESTING_H_

#include "sendpolicy/sendpolicy.h"
#include "sendpolicy/testing/builders.h"
#include "sendpolicy/testing/matchers.h"

#endif  // SENDPOLICY_TESTING_H_
