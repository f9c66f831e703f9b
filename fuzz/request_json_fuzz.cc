// The wire-format request parser on arbitrary bytes. Invariants (abort on
// violation): no crash or hang; a parse error never yields an allow (the
// caller writes an invalid_request decision); every decision serialises to
// exactly one line; a request that fails the library's validation is denied.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sendpolicy/sendpolicy.h"
#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/request_json.h>

namespace {

bool one_line(const std::string& out) {
  return !out.empty() && out.back() == '\n' && out.find('\n') == out.size() - 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sendpolicy::wire::RequestParser parser;
  static sendpolicy::SendRequest request;  // reused, like the CLI does
  static const sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  std::string out;
  const absl::Status status = parser.parse(json, request);
  if (!status.ok()) {
    if (status.message().empty()) std::abort();  // errors must say what is wrong
    sendpolicy::wire::append_invalid_json(out, request.id, std::string(status.message()));
    if (!one_line(out) || out.find("\"verdict\":\"deny\"") == std::string::npos) std::abort();
    return 0;
  }
  const sendpolicy::SendDecision d = sendpolicy::evaluate(policy, request);
  if (sendpolicy::find_invalid_field(request) && d.allowed()) std::abort();
  sendpolicy::wire::append_decision_json(out, request.id, d);
  if (!one_line(out)) std::abort();
  return 0;
}
