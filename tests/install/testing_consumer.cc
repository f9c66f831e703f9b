// An outside program using the installed testing kit without any test
// framework: exit 0 iff a matcher accepts and rejects as documented.
#include <cstdio>

#include <sendpolicy/testing.h>

int main() {
  using namespace sendpolicy::testing;
  const auto now = at("2026-03-02T12:00:00Z");
  const sendpolicy::SendDecision d = sendpolicy::evaluate(
      sendpolicy::Policy::whatsapp(),
      a_whatsapp_message().to("+393471234567").at(now).last_inbound(now - 25h));
  const DecisionMatcher allows = Allows();
  std::printf("%s\n", allows.failure_message(d).c_str());
  return Denies(Because::outside_service_window).matches(d) && !allows.matches(d) ? 0 : 1;
}
