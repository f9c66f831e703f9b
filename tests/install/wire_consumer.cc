// An outside program on the installed wire codec (sendpolicy::wire): parses a
// wire-format request, decides it and prints the decision as wire JSON.
// Exit 0 iff the decision is the documented deny.
#include <cstdio>
#include <string>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/request_json.h>

int main() {
  const std::string line =
      R"({"id":"r1","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
      R"("window":{"last_inbound_at":"2026-03-01T11:00:00Z"},"message":{"kind":"free_form"}})";
  sendpolicy::wire::RequestParser parser;
  sendpolicy::SendRequest request;
  if (!parser.parse(line, request).ok()) return 1;
  const sendpolicy::SendDecision d = sendpolicy::evaluate(sendpolicy::Policy::whatsapp(), request);
  std::string out;
  sendpolicy::wire::append_decision_json(out, request.id, d);
  std::fputs(out.c_str(), stdout);
  return out.find("\"outside_service_window\"") != std::string::npos && !d.allowed() ? 0 : 1;
}
