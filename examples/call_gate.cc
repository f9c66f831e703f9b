#include <chrono>
#include <iostream>

#include <sendpolicy/sendpolicy.h>

int main() {
  using namespace std::chrono_literals;
  namespace sp = sendpolicy;
  const sp::Timestamp now = *sp::parse_timestamp("2026-03-02T12:00:00Z");
  sp::Policy policy = sp::Policy::whatsapp();
  policy.business_country = "IT";  // the number we call from

  // What the backend stored from Meta's webhooks for this user.
  sp::CallPermission permission;
  permission.status = sp::CallPermissionStatus::kNone;
  permission.requests = {now - 20h};  // we asked yesterday; no answer yet

  // Before it dials: may we call?
  sp::SendRequest call;
  call.now = now;
  call.recipient.phone = "+393471234567";
  call.recipient.call_permission = permission;
  call.message.kind = sp::MessageKind::kCall;
  std::cout << sp::explain(sp::evaluate(policy, call));  // deny: no_call_permission

  // Before it asks: may this reply in the open window ask for permission?
  sp::SendRequest ask = call;
  ask.window = sp::ServiceWindow{now - 1h};  // the customer wrote an hour ago
  ask.message.kind = sp::MessageKind::kFreeForm;
  ask.message.requests_call_permission = true;
  const sp::SendDecision d = sp::evaluate(policy, ask);
  std::cout << sp::explain(d);  // defer until 2026-03-02T16:00:00Z: 1 request per 24 h
  return d.verdict == sp::Verdict::kDefer ? 0 : 1;
}
