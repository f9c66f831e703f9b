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

// Wire v1.1: a pause with a known end defers to it (template_paused, 132015);
// at the end the status no longer blocks; without an end it stays a deny.
TEST_CASE("Paused templates defer until paused_until", "[template][paused]") {
  auto [name, status, until, verdict] =
      GENERATE(table<const char*, TemplateStatus, std::optional<Duration>, Verdict>({
          {"one second before the end", TemplateStatus::kPaused, Duration{1}, Verdict::kDefer},
          {"3 h pause, just started", TemplateStatus::kPaused, Duration{3 * 3600}, Verdict::kDefer},
          {"at the end", TemplateStatus::kPaused, Duration{0}, Verdict::kAllow},
          {"after the end", TemplateStatus::kPaused, Duration{-1}, Verdict::kAllow},
          {"paused, end unknown", TemplateStatus::kPaused, std::nullopt, Verdict::kDeny},
      }));
  CAPTURE(name);
  SendRequest r = utility_template_request();
  r.message.template_info->status = status;
  if (until) r.message.template_info->paused_until = r.now + *until;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDefer) {
    REQUIRE(d.reasons.size() == 1);
    CHECK(d.reasons[0].code == ReasonCode::kTemplatePaused);
    CHECK(d.reasons[0].platform_error == 132015);
    CHECK(d.retry_at == r.now + *until);
    CHECK(d.billing == Billing::kNone);
  }
  if (verdict == Verdict::kDeny) {
    CHECK(d.has(ReasonCode::kTemplateNotApproved));
    CHECK_FALSE(d.has(ReasonCode::kTemplatePaused));
  }
}

TEST_CASE("A paused template with another, blocking reason is denied", "[template][paused]") {
  SendRequest r = utility_template_request();
  r.message.template_info->status = TemplateStatus::kPaused;
  r.message.template_info->paused_until = r.now + 1h;
  r.consent.reset();  // utility outside the window needs an opt-in
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kTemplatePaused));
  CHECK(d.has(ReasonCode::kNoOptIn));
  CHECK_FALSE(d.retry_at.has_value());
}

TEST_CASE("paused_until with a status other than paused is invalid", "[template][paused][validate]") {
  SendRequest r = utility_template_request();
  r.message.template_info->paused_until = r.now + 1h;  // status approved
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  REQUIRE(d.invalid.has_value());
  CHECK(d.invalid->field == "message.template.paused_until");
}

// Wire v1.1: templates exist on WhatsApp and, utility only, on Messenger.
TEST_CASE("Templates outside WhatsApp", "[template][channels]") {
  auto [channel, category, field, verdict] =
      GENERATE(table<Channel, Category, const char*, Verdict>({
          {Channel::kSms, Category::kUtility, "message.kind", Verdict::kDeny},
          {Channel::kInstagram, Category::kUtility, "message.kind", Verdict::kDeny},
          {Channel::kMessenger, Category::kMarketing, "message.template.category", Verdict::kDeny},
          {Channel::kMessenger, Category::kAuthentication, "message.template.category", Verdict::kDeny},
          {Channel::kMessenger, Category::kUtility, "", Verdict::kAllow},
      }));
  CAPTURE(to_string(channel), to_string(category));
  SendRequest r = utility_template_request();  // no window: outside the 24 h
  r.channel = channel;
  r.message.template_info->category = category;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (*field != '\0') {
    REQUIRE(d.invalid.has_value());
    CHECK(d.invalid->field == field);
  } else {
    CHECK_FALSE(d.window.open);  // an approved Messenger utility template goes outside the window
  }
}
