// Decisions carry every failing reason, in catalogue order, with sentences.
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("All failing reasons are reported together, in catalogue order", "[decision]") {
  SendRequest r = marketing_template_request();
  r.recipient.phone = "+12125550123";
  r.recipient.country = "US";
  r.recipient.marketing_opted_out = true;
  r.consent.reset();
  r.message.template_info->status = TemplateStatus::kPaused;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CAPTURE(summary(d));
  REQUIRE(d.reasons.size() == 4);
  CHECK(d.reasons[0].code == ReasonCode::kNoOptIn);
  CHECK(d.reasons[1].code == ReasonCode::kTemplateNotApproved);
  CHECK(d.reasons[1].platform_error == 132015);
  CHECK(d.reasons[2].code == ReasonCode::kMarketingOptedOut);
  CHECK(d.reasons[3].code == ReasonCode::kDestinationRestricted);
  CHECK(d.billing == Billing::kNone);
  CHECK_FALSE(d.retry_at.has_value());
}

TEST_CASE("Free-form outside the window with a withdrawn consent: both reasons", "[decision]") {
  SendRequest r = free_form_reply_request();
  r.window->last_inbound_at = r.now - 25h;
  r.consent = good_consent(r.now);
  r.consent->status = ConsentStatus::kWithdrawn;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  REQUIRE(d.reasons.size() == 2);
  CHECK(d.reasons[0].code == ReasonCode::kOutsideServiceWindow);
  CHECK(d.reasons[1].code == ReasonCode::kOptInWithdrawn);
}

TEST_CASE("explain() gives the verdict and one sentence per reason", "[decision][explain]") {
  SendRequest r = free_form_reply_request();
  r.window->last_inbound_at = at("2026-03-01T11:00:00Z");
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  const std::string text = explain(d);
  CHECK(text.rfind("deny\n", 0) == 0);
  CHECK(text.find("outside_service_window [whatsapp.csw.free_form]") != std::string::npos);
  CHECK(text.find("it closed at 2026-03-02T11:00:00Z") != std::string::npos);
  CHECK(text.find("131047") != std::string::npos);
}

TEST_CASE("Every reason has a non-empty sentence", "[decision][explain]") {
  for (std::size_t i = 0; i < kReasonCodeCount; ++i) {
    SendDecision d;
    Reason reason;
    reason.code = static_cast<ReasonCode>(i);
    CAPTURE(to_string(reason.code));
    CHECK_FALSE(reason_message(d, reason).empty());
  }
}

TEST_CASE("append_reason_message appends exactly reason_message", "[decision][explain]") {
  const std::string_view detail = GENERATE(std::string_view{}, std::string_view{"keyword"});
  const bool with_at = GENERATE(false, true);
  const int platform_error = GENERATE(0, 131047);
  for (std::size_t i = 0; i < kReasonCodeCount; ++i) {
    SendDecision d;
    Reason reason;
    reason.code = static_cast<ReasonCode>(i);
    reason.detail = detail;
    reason.platform_error = platform_error;
    if (with_at) reason.at = at("2026-03-02T11:00:00Z");
    CAPTURE(to_string(reason.code), detail, with_at, platform_error);
    std::string out = "prefix|";
    append_reason_message(out, d, reason);
    CHECK(out == "prefix|" + reason_message(d, reason));
  }
}

TEST_CASE("Evaluation is deterministic", "[decision][property]") {
  const SendRequest requests[] = {utility_template_request(), marketing_template_request(),
                                  free_form_reply_request(), SendRequest{}};
  for (const SendRequest& r : requests) {
    const SendDecision a = evaluate(Policy::whatsapp(), r);
    const SendDecision b = evaluate(Policy::whatsapp(), r);
    CHECK(explain(a) == explain(b));
    CHECK(a.billing == b.billing);
    CHECK(a.window.closes_at == b.window.closes_at);
  }
}
