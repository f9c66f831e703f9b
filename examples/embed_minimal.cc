#include <chrono>
#include <iostream>

#include <sendpolicy/sendpolicy.h>

int main() {
  using namespace std::chrono_literals;
  namespace sp = sendpolicy;

  sp::SendRequest req;
  req.now = *sp::parse_timestamp("2026-03-02T12:00:00Z");
  req.recipient.phone = "+393471234567";
  req.window = sp::ServiceWindow{req.now - 25h};  // the customer wrote 25 h ago
  req.message.kind = sp::MessageKind::kFreeForm;

  const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), req);
  std::cout << sp::explain(d);  // deny: outside_service_window ... (131047)
  return d.allowed() ? 0 : 1;
}
