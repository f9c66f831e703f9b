// Template status and quality rules.
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("Every Meta template status: only approved and reinstated are sendable", "[template]") {
  auto [status, sendable, platform_error] = GENERATE(table<TemplateStatus, bool, int>({
      {TemplateStatus::kApproved, true, 0},
      {TemplateStatus::kReinstated, true, 0},
      {TemplateStatus::kPending, false, 132001},
      {TemplateStatus::kRejected, false, 132001},
      {TemplateStatus::kPaused, false, 132015},
      {TemplateStatus::kDisabled, false, 132016},
      {TemplateStatus::kFlagged, false, 132001},
      {TemplateStatus::kInAppeal, false, 132001},
      {TemplateStatus::kLimitExceeded, false, 132001},
      {TemplateStatus::kLocked, false, 132001},
      {TemplateStatus::kPendingDeletion, false, 132001},
      {TemplateStatus::kDeleted, false, 132001},
      {TemplateStatus::kArchived, false, 132001},
  }));
  CAPTURE(to_string(status));
  SendRequest r = utility_template_request();
  r.message.template_info->status = status;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed() == sendable);
  if (!sendable) {
    REQUIRE(d.reasons.size() == 1);
    CHECK(d.reasons[0].code == ReasonCode::kTemplateNotApproved);
    CHECK(d.reasons[0].platform_error == platform_error);
    CHECK(reason_message(d, d.reasons[0]).find(std::string(to_string(status))) != std::string::npos);
  }
}

TEST_CASE("A sendable status set can be widened by policy", "[template][policy]") {
  SendRequest r = utility_template_request();
  r.message.template_info->status = TemplateStatus::kFlagged;
  Policy p = Policy::whatsapp();
  CHECK_FALSE(evaluate(p, r).allowed());
  p.sendable_statuses.add(TemplateStatus::kFlagged);
  CHECK(evaluate(p, r).allowed());
}

TEST_CASE("Templates are not bound by the service window", "[template][window]") {
  SendRequest r = utility_template_request();
  r.window = ServiceWindow{r.now - 72h};
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed());
  CHECK_FALSE(d.window.open);
  CHECK(d.required_form == RequiredForm::kTemplate);
}

TEST_CASE("Red quality: warning by default, deny when the policy blocks it", "[template][quality]") {
  SendRequest r = utility_template_request();
  r.message.template_info->quality = TemplateQuality::kRed;
  Policy p = Policy::whatsapp();
  SendDecision d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kTemplateQualityLow));
  p.block_red_quality_templates = true;
  d = evaluate(p, r);
  CHECK_FALSE(d.allowed());
  CHECK(d.has(ReasonCode::kTemplateQualityLow));
  for (TemplateQuality q : {TemplateQuality::kGreen, TemplateQuality::kYellow, TemplateQuality::kUnknown}) {
    r.message.template_info->quality = q;
    CHECK(evaluate(p, r).allowed());
  }
}
