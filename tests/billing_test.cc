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
          {MessageKind::kTemplate, Category::kUtility, false, EntryPoint::kCtwaAd, Billing::kUtility},
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
