// Helpers for the pack and channel tests: resolved zones and an SMS
// marketing request to a US recipient that each test varies.
#ifndef SENDPOLICY_TESTS_PACK_SUPPORT_H_
#define SENDPOLICY_TESTS_PACK_SUPPORT_H_

#include <date/tz.h>

#include "test_support.h"

namespace sendpolicy_test {

inline const date::time_zone* zone(const char* name) {
  static sendpolicy::ZoneResolver resolver;
  auto z = resolver.find(name);
  REQUIRE(z.ok());
  return *z;
}

// A marketing text to a New York number, consented in writing (checkbox),
// at `now`. Allowed at midday under the default policy.
inline sendpolicy::SendRequest sms_marketing(const char* now, const char* region = "US-NY",
                                             const char* tz = "America/New_York") {
  sendpolicy::SendRequest r;
  r.id = "sms";
  r.now = at(now);
  r.channel = sendpolicy::Channel::kSms;
  r.recipient.phone = "+12125550123";
  r.recipient.country = "US";
  r.recipient.region = region;
  r.recipient.time_zone = tz;
  r.recipient.zone = zone(tz);
  r.consent = good_consent(r.now);
  r.consent->phone = r.recipient.phone;
  r.message.kind = sendpolicy::MessageKind::kFreeForm;
  r.message.category = sendpolicy::Category::kMarketing;
  r.message.purpose = "promotions";
  return r;
}

inline std::string rule_of(const sendpolicy::SendDecision& d, sendpolicy::ReasonCode code) {
  for (const auto& r : d.reasons) {
    if (r.code == code) return std::string(r.rule);
  }
  return "";
}

}  // namespace sendpolicy_test

#endif  // SENDPOLICY_TESTS_PACK_SUPPORT_H_
