#include <sendpolicy/testing/catch2.h>
using namespace sendpolicy::testing;  // builders, matchers, and 25h-style literals

TEST_CASE("Replies after the 24 h window are refused") {
  const auto now = at("2026-03-02T12:00:00Z");
  const auto reply = a_whatsapp_message().to("+393471234567").at(now).last_inbound(now - 25h);
  const auto decision = evaluate(sendpolicy::Policy::whatsapp(), reply);
  REQUIRE_THAT(decision, Denies(Because::outside_service_window));
}
