// Billing under per-message pricing.
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("Billing category of an allowed message", "[billing]") {
  auto [kind, category, window_open, entry, billing] =
      GENERATE(table<MessageKind, Category, bool, EntryPoint, Billing>({
          {MessageKind::kFreeForm, Category::kService, true, EntryPoint::kOrganic, Billing::kFreeService},
          {MessageKind::kTemplate, Category::kUtility, true, EntryPoint::kOrganic, Billing::kUtilityFreeInWindow},
          {MessageKind::kTemplate, Category::kUtility, false, EntryPoint::kOrganic, Billing::kUtility},
          {MessageKind::kTemplate, Category::kMarketing, true, EntryPoint::kOrganic, Billing::kMarketing},
          {MessageKind::kTemplate, Category::kMarketing, false, EntryPoint::kOrganic, Billing::kMarketing},
          {MessageKind::kTemplate, Category::kAuthentication, false, EntryPoint::kOrganic, Billing::kAuthentication},
          {MessageKind::kTemplate, Category::kMarketing, true, EntryPoint::kCtwaAd, Billing::kFreeEntryPoint},
          {MessageKind::kFreeForm, Category::kService, true, EntryPoint::kPageCta, Billing::kFreeEntryPoint},
      }));
  CAPTURE(to_string(kind), to_string(category), window_open, to_string(entry));
  SendRequest r = utility_template_request();
  r.message.kind = kind;
  r.message.purpose = "promotions";
  if (kind == MessageKind::kFreeForm) {
    r.message.template_info.reset();
  } else {
    r.message.template_info->category = category;
  }
  r.window = ServiceWindow{window_open ? r.now - 1h : r.now - 30h, entry};
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  REQUIRE(d.allowed());
  CHECK(d.billing == billing);
}

TEST_CASE("Billing is none exactly when not allowed", "[billing]") {
  SendRequest r = utility_template_request();
  r.message.template_info->status = TemplateStatus::kPaused;
  CHECK(evaluate(Policy::whatsapp(), r).billing == Billing::kNone);
  r.message.template_info->status = TemplateStatus::kApproved;
  CHECK(evaluate(Policy::whatsapp(), r).billing == Billing::kUtility);
}

// The rule calendar's billing changes, pinned at the instant before and at
// each: utility templates in the window are free only from 2025-07-01 to
// 2026-09-30; free-form replies in the window are billed `service` from
// 2026-10-01; a free entry point stays free throughout.
TEST_CASE("Billing follows the date of the send (2025-07-01, 2026-10-01)", "[billing][calendar]") {
  auto [now, kind, entry, billing] =
      GENERATE(table<const char*, MessageKind, EntryPoint, Billing>({
          {"2025-06-30T23:59:59Z", MessageKind::kTemplate, EntryPoint::kOrganic, Billing::kUtility},
          {"2025-07-01T00:00:00Z", MessageKind::kTemplate, EntryPoint::kOrganic, Billing::kUtilityFreeInWindow},
          {"2026-09-30T23:59:59Z", MessageKind::kTemplate, EntryPoint::kOrganic, Billing::kUtilityFreeInWindow},
          {"2026-10-01T00:00:00Z", MessageKind::kTemplate, EntryPoint::kOrganic, Billing::kUtility},
          {"2026-11-02T12:00:00Z", MessageKind::kTemplate, EntryPoint::kOrganic, Billing::kUtility},
          {"2025-06-30T23:59:59Z", MessageKind::kFreeForm, EntryPoint::kOrganic, Billing::kFreeService},
          {"2026-09-30T23:59:59Z", MessageKind::kFreeForm, EntryPoint::kOrganic, Billing::kFreeService},
          {"2026-10-01T00:00:00Z", MessageKind::kFreeForm, EntryPoint::kOrganic, Billing::kService},
          {"2026-11-02T12:00:00Z", MessageKind::kFreeForm, EntryPoint::kOrganic, Billing::kService},
          {"2026-09-30T23:59:59Z", MessageKind::kFreeForm, EntryPoint::kCtwaAd, Billing::kFreeEntryPoint},
          {"2026-10-01T00:00:00Z", MessageKind::kFreeForm, EntryPoint::kCtwaAd, Billing::kFreeEntryPoint},
          {"2026-10-01T00:00:00Z", MessageKind::kTemplate, EntryPoint::kPageCta, Billing::kFreeEntryPoint},
      }));
  CAPTURE(now, to_string(kind), to_string(entry));
  SendRequest r = utility_template_request();
  r.now = at(now);
  r.consent = good_consent(r.now);
  r.window = ServiceWindow{r.now - 1h, entry};
  if (kind == MessageKind::kFreeForm) {
    r.message.kind = kind;
    r.message.template_info.reset();
  }
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  REQUIRE(d.allowed());
  CHECK(d.billing == billing);
}

TEST_CASE("Messenger and Instagram bill free_service, SMS none, before and after 2026-10-01",
          "[billing][calendar]") {
  auto [now, channel, billing] = GENERATE(table<const char*, Channel, Billing>({
      {"2026-09-30T23:59:59Z", Channel::kMessenger, Billing::kFreeService},
      {"2026-10-01T00:00:00Z", Channel::kMessenger, Billing::kFreeService},
      {"2026-10-01T00:00:00Z", Channel::kInstagram, Billing::kFreeService},
      {"2026-09-30T23:59:59Z", Channel::kSms, Billing::kNone},
      {"2026-10-01T00:00:00Z", Channel::kSms, Billing::kNone},
  }));
  CAPTURE(now, to_string(channel));
  SendRequest r = free_form_reply_request();
  r.now = at(now);
  r.channel = channel;
  r.window = ServiceWindow{r.now - 1h};
  r.consent = good_consent(r.now);
  r.consent->purposes.push_back("support");
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  REQUIRE(d.allowed());
  CHECK(d.billing == billing);
}

// The free entry point's 72 h run from the customer's message that came
// through the ad or Page button (window.last_inbound_at), past the 24 h window.
TEST_CASE("A free entry point bills nothing for 72 h from the customer's message", "[billing]") {
  auto [since, billing] = GENERATE(table<Duration, Billing>({
      {30h, Billing::kFreeEntryPoint},
      {72h - 1s, Billing::kFreeEntryPoint},
      {72h, Billing::kUtility},
  }));
  CAPTURE(since.count());
  SendRequest r = utility_template_request();
  r.window = ServiceWindow{r.now - since, EntryPoint::kCtwaAd};
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  REQUIRE(d.allowed());
  CHECK(d.billing == billing);
}
