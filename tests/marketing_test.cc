// Marketing rules: Stop promotions (131050), US pause (131049), per-user cap.
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("Marketing opt-out blocks marketing templates only", "[marketing]") {
  auto [category, blocked] = GENERATE(table<Category, bool>({
      {Category::kMarketing, true},
      {Category::kUtility, false},
      {Category::kAuthentication, false},
  }));
  CAPTURE(to_string(category));
  SendRequest r = utility_template_request();
  r.message.purpose = "promotions";
  r.message.template_info->category = category;
  r.recipient.marketing_opted_out = true;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.has(ReasonCode::kMarketingOptedOut) == blocked);
  CHECK(d.allowed() == !blocked);
  if (blocked) CHECK(d.reasons[0].platform_error == 131050);
}

TEST_CASE("Marketing opt-out does not block free-form replies in the window", "[marketing]") {
  SendRequest r = free_form_reply_request();
  r.recipient.marketing_opted_out = true;
  CHECK(evaluate(Policy::whatsapp(), r).allowed());
}

TEST_CASE("US marketing pause by area code and date", "[marketing][us_pause]") {
  auto [phone, now, restricted] = GENERATE(table<const char*, const char*, bool>({
      {"+12125550123", "2026-03-02T12:00:00Z", true},    // New York
      {"+13055550123", "2026-03-02T12:00:00Z", true},    // Miami
      {"+14165550123", "2026-03-02T12:00:00Z", false},   // Toronto, Canada
      {"+16045550123", "2026-03-02T12:00:00Z", false},   // Vancouver, Canada
      {"+18765550123", "2026-03-02T12:00:00Z", false},   // Jamaica
      {"+18095550123", "2026-03-02T12:00:00Z", false},   // Dominican Republic
      {"+17875550123", "2026-03-02T12:00:00Z", false},   // Puerto Rico (own market)
      {"+12125550123", "2025-03-31T23:59:59Z", false},   // before the pause
      {"+12125550123", "2025-04-01T00:00:00Z", true},    // first instant of the pause
      {"+393471234567", "2026-03-02T12:00:00Z", false},  // Italy
  }));
  CAPTURE(phone, now);
  SendRequest r = marketing_template_request();
  r.now = at(now);
  r.recipient.phone = phone;
  r.recipient.country.clear();
  r.consent = good_consent(r.now);
  r.consent->phone = phone;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.has(ReasonCode::kDestinationRestricted) == restricted);
  CHECK(d.allowed() == !restricted);
}

TEST_CASE("US pause applies to marketing only, and inside a window unless the policy lifts it", "[marketing][us_pause]") {
  SendRequest r = marketing_template_request();
  r.recipient.phone = "+12125550123";
  r.recipient.country = "US";
  r.consent->phone = r.recipient.phone;
  r.window = ServiceWindow{r.now - 1h};
  Policy p = Policy::whatsapp();
  CHECK(evaluate(p, r).has(ReasonCode::kDestinationRestricted));
  p.us_marketing_pause_in_window = false;
  SendDecision d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kUsMarketingPauseInWindow));
  r.message.template_info->category = Category::kUtility;
  r.message.purpose = "order_updates";
  CHECK(evaluate(Policy::whatsapp(), r).allowed());
}

TEST_CASE("Per-user marketing cap when the sender configures one", "[marketing][cap]") {
  SendRequest r = marketing_template_request();
  r.recipient.sent.marketing_24h = 2;
  Policy p = Policy::whatsapp();
  CHECK(evaluate(p, r).allowed());  // no cap by default: Meta publishes none
  p.marketing_cap_24h = 2;
  const SendDecision d = evaluate(p, r);
  CHECK(d.has(ReasonCode::kMarketingLimit));
  r.recipient.sent.marketing_24h = 1;
  CHECK(evaluate(p, r).allowed());
}

TEST_CASE("Message tags are not valid on WhatsApp", "[channel]") {
  SendRequest r = utility_template_request();
  r.message.tag = MessageTag::kHumanAgent;
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kTagNotAllowed));
}
