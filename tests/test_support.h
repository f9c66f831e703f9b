// Shared helpers for sendpolicy's own tests: a valid baseline request that
// each table row varies, and readable time literals.
#ifndef SENDPOLICY_TESTS_TEST_SUPPORT_H_
#define SENDPOLICY_TESTS_TEST_SUPPORT_H_

#include <chrono>
#include <ostream>
#include <string>

#include <catch2/catch.hpp>

#include "sendpolicy/sendpolicy.h"

namespace sendpolicy_test {

using namespace std::chrono_literals;
using sendpolicy::Timestamp;

inline Timestamp at(const char* rfc3339) {
  auto t = sendpolicy::parse_timestamp(rfc3339);
  REQUIRE(t.has_value());
  return *t;
}

inline constexpr const char* kPhone = "+393471234567";

// A consent that passes every opt-in rule of the default policy.
inline sendpolicy::ConsentRecord good_consent(Timestamp now) {
  sendpolicy::ConsentRecord c;
  c.phone = kPhone;
  c.status = sendpolicy::ConsentStatus::kGranted;
  c.granted_at = now - std::chrono::hours(24 * 30);
  c.source = sendpolicy::ConsentSource::kWebsite;
  c.method = sendpolicy::ConsentMethod::kCheckbox;
  c.purposes = {"order_updates", "receipts", "promotions"};
  c.notice = {true, true, true, true};
  c.notice_version = "2026-01";
  c.evidence_ref = "form-8812";
  return c;
}

// An approved utility template for "order_updates" to an Italian number with
// a good consent and no window: allowed under Policy::whatsapp().
inline sendpolicy::SendRequest utility_template_request() {
  sendpolicy::SendRequest r;
  r.id = "t1";
  r.now = at("2026-03-02T12:00:00Z");
  r.recipient.phone = kPhone;
  r.recipient.country = "IT";
  r.consent = good_consent(r.now);
  r.message.kind = sendpolicy::MessageKind::kTemplate;
  r.message.purpose = "order_updates";
  r.message.template_info = sendpolicy::Template{
      "order_shipped", "it", sendpolicy::Category::kUtility,
      sendpolicy::TemplateStatus::kApproved, sendpolicy::TemplateQuality::kGreen};
  return r;
}

inline sendpolicy::SendRequest marketing_template_request() {
  sendpolicy::SendRequest r = utility_template_request();
  r.message.purpose = "promotions";
  r.message.template_info->name = "spring_sale";
  r.message.template_info->category = sendpolicy::Category::kMarketing;
  return r;
}

// A free-form reply two hours into an open window, no consent on file.
inline sendpolicy::SendRequest free_form_reply_request() {
  sendpolicy::SendRequest r;
  r.id = "f1";
  r.now = at("2026-03-02T12:00:00Z");
  r.recipient.phone = kPhone;
  r.window = sendpolicy::ServiceWindow{r.now - std::chrono::hours(2)};
  r.message.kind = sendpolicy::MessageKind::kFreeForm;
  r.message.purpose = "support";
  return r;
}

// "deny [no_opt_in, purpose_not_consented]" for failure messages.
inline std::string summary(const sendpolicy::SendDecision& d) {
  std::string s(sendpolicy::to_string(d.verdict));
  s += " [";
  bool first = true;
  for (const auto& r : d.reasons) {
    if (!first) s += ", ";
    s += sendpolicy::to_string(r.code);
    first = false;
  }
  return s + "]";
}

}  // namespace sendpolicy_test

namespace Catch {
template <>
struct StringMaker<sendpolicy::SendDecision> {
  static std::string convert(const sendpolicy::SendDecision& d) {
    return sendpolicy_test::summary(d);
  }
};
}  // namespace Catch

#endif  // SENDPOLICY_TESTS_TEST_SUPPORT_H_
