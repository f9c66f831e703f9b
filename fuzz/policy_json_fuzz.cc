// The policy-file parser on arbitrary bytes: never crashes, and whatever it
// accepts round-trips (policy_to_json then parse_policy gives the same JSON).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sendpolicy/sendpolicy.h"
#include <sendpolicy/wire/policy_json.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  sendpolicy::Policy policy = sendpolicy::Policy::whatsapp();
  if (!sendpolicy::wire::parse_policy(json, policy).ok()) return 0;
  const std::string dumped = sendpolicy::wire::policy_to_json(policy);
  sendpolicy::Policy again = sendpolicy::Policy::whatsapp();
  if (!sendpolicy::wire::parse_policy(dumped, again).ok()) std::abort();
  if (sendpolicy::wire::policy_to_json(again) != dumped) std::abort();
  return 0;
}
