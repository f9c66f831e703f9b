// The reliability work's hostile-input catalogue (tests/cli/hostile_input_test.cc),
// every row sent through the C API instead of the wire library: each must
// come back from sendpolicy_evaluate_json as a deny whose invalid_request
// message names the field, and never crash. scripts/test runs this under
// AddressSanitizer + UndefinedBehaviorSanitizer.
#include <string>
#include <vector>

#include <sendpolicy/sendpolicy_c.h>

namespace {

// The first reason's message from a decision line, or a verdict marker the
// catalogue's checks reject ("ALLOWED", "denied without invalid_request").
std::string c_api_error_for(const std::string& json) {
  static sendpolicy_policy* const policy = [] {
    sendpolicy_policy* p = nullptr;
    sendpolicy_policy_whatsapp(&p);
    return p;
  }();
  std::vector<char> out(4096);
  std::size_t size = 0;
  sendpolicy_verdict verdict = SENDPOLICY_VERDICT_ALLOW;
  char error[256];
  sendpolicy_status s = sendpolicy_evaluate_json(policy, json.data(), json.size(), out.data(),
                                                 out.size(), &size, &verdict, error, sizeof error);
  if (s == SENDPOLICY_ERROR_BUFFER_TOO_SMALL) {
    out.resize(size + 1);
    s = sendpolicy_evaluate_json(policy, json.data(), json.size(), out.data(), out.size(), &size,
                                 &verdict, error, sizeof error);
  }
  if (s != SENDPOLICY_OK) return std::string("C API error: ") + error;
  const std::string decision(out.data(), size);
  if (verdict == SENDPOLICY_VERDICT_ALLOW) return "ALLOWED";
  if (decision.find(R"("code":"invalid_request")") == std::string::npos) {
    return "denied without invalid_request";
  }
  const std::string key = R"("message":")";
  const std::size_t begin = decision.find(key) + key.size();
  return decision.substr(begin, decision.find(R"(","platform_error")", begin) - begin);
}

}  // namespace

#define SENDPOLICY_HOSTILE_ERROR_FOR c_api_error_for
#include "../cli/hostile_input_test.cc"
