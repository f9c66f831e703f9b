// A tiny outside program: exit 0 iff the installed library decides as documented.
#include <chrono>
#include <cstdio>

#include <sendpolicy/sendpolicy.h>

int main() {
  using namespace std::chrono_literals;
  sendpolicy::SendRequest req;
  req.now = *sendpolicy::parse_timestamp("2026-03-02T12:00:00Z");
  req.recipient.phone = "+393471234567";
  req.window = sendpolicy::ServiceWindow{req.now - 24h};
  req.message.kind = sendpolicy::MessageKind::kFreeForm;
  const sendpolicy::SendDecision closed = sendpolicy::evaluate(sendpolicy::Policy::whatsapp(), req);
  req.window = sendpolicy::ServiceWindow{req.now - 24h + 1s};
  const sendpolicy::SendDecision open = sendpolicy::evaluate(sendpolicy::Policy::whatsapp(), req);
  std::printf("%s", sendpolicy::explain(closed).c_str());
  return (!closed.allowed() && closed.has(sendpolicy::ReasonCode::kOutsideServiceWindow) &&
          open.allowed())
             ? 0
             : 1;
}
