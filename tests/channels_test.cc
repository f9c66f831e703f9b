// Messenger and Instagram (24 h window, message tags) and SMS (no window;
// consent, quiet hours, STOP).
#include <tuple>

#include "pack_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {
SendRequest page_reply(Channel channel, Duration since_inbound) {
  SendRequest r = free_form_reply_request();
  r.channel = channel;
  r.window = ServiceWindow{r.now - since_inbound};
  return r;
}
}  // namespace

TEST_CASE("Messenger and Instagram: 24 h standard window", "[channels]") {
  auto [channel, since, verdict] = GENERATE(table<Channel, Duration, Verdict>({
      {Channel::kMessenger, 24h - 1s, Verdict::kAllow},
      {Channel::kMessenger, 24h, Verdict::kDeny},
      {Channel::kInstagram, 24h - 1s, Verdict::kAllow},
      {Channel::kInstagram, 24h, Verdict::kDeny},
  }));
  const SendDecision d = evaluate(Policy::whatsapp(), page_reply(channel, since));
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kAllow) CHECK(d.billing == Billing::kFreeService);
  if (verdict == Verdict::kDeny) CHECK(d.has(ReasonCode::kOutsideServiceWindow));
}

TEST_CASE("Message tags outside the window", "[channels][tags]") {
  auto [name, channel, tag, sender, since, category, verdict, problem] =
      GENERATE(table<const char*, Channel, MessageTag, Sender, Duration, Category, Verdict, const char*>({
          {"human agent, 7 d - 1 s", Channel::kMessenger, MessageTag::kHumanAgent, Sender::kHuman, 7 * 24h - 1s, Category::kService, Verdict::kAllow, ""},
          {"human agent, exactly 7 d", Channel::kMessenger, MessageTag::kHumanAgent, Sender::kHuman, 7 * 24h, Category::kService, Verdict::kDeny, "expired"},
          {"human agent by automation", Channel::kMessenger, MessageTag::kHumanAgent, Sender::kAutomation, 30h, Category::kService, Verdict::kDeny, "automation"},
          {"instagram human agent", Channel::kInstagram, MessageTag::kHumanAgent, Sender::kHuman, 6 * 24h, Category::kService, Verdict::kAllow, ""},
          {"instagram post purchase", Channel::kInstagram, MessageTag::kPostPurchaseUpdate, Sender::kAutomation, 30h, Category::kUtility, Verdict::kDeny, "instagram"},
          {"messenger post purchase", Channel::kMessenger, MessageTag::kPostPurchaseUpdate, Sender::kAutomation, 10 * 24h, Category::kUtility, Verdict::kAllow, ""},
          {"messenger event update", Channel::kMessenger, MessageTag::kConfirmedEventUpdate, Sender::kAutomation, 30h, Category::kUtility, Verdict::kAllow, ""},
          {"messenger account update", Channel::kMessenger, MessageTag::kAccountUpdate, Sender::kAutomation, 30h, Category::kUtility, Verdict::kAllow, ""},
          {"promotional with a tag", Channel::kMessenger, MessageTag::kPostPurchaseUpdate, Sender::kAutomation, 30h, Category::kMarketing, Verdict::kDeny, "promotional"},
      }));
  CAPTURE(name);
  SendRequest r = page_reply(channel, since);
  r.message.tag = tag;
  r.message.sender = sender;
  r.message.category = category;
  if (category == Category::kMarketing) r.consent = good_consent(r.now);
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDeny) {
    REQUIRE(d.has(ReasonCode::kTagNotAllowed));
    for (const Reason& reason : d.reasons) {
      if (reason.code == ReasonCode::kTagNotAllowed) CHECK(reason.detail == problem);
    }
    CHECK(d.has(ReasonCode::kOutsideServiceWindow));  // the tag did not stand in
  }
}

TEST_CASE("Messenger update tags can be switched off (Meta may retire them)", "[channels][tags]") {
  SendRequest r = page_reply(Channel::kMessenger, 30h);
  r.message.tag = MessageTag::kAccountUpdate;
  r.message.category = Category::kUtility;
  Policy policy = Policy::whatsapp();
  policy.messenger_update_tags = false;
  const SendDecision d = evaluate(policy, r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kTagNotAllowed));
}

TEST_CASE("Tags on WhatsApp and SMS are not allowed", "[channels][tags]") {
  const Channel channel = GENERATE(Channel::kWhatsApp, Channel::kSms);
  SendRequest r = free_form_reply_request();
  r.channel = channel;
  r.consent = good_consent(r.now);
  r.consent->purposes.push_back("support");
  r.message.tag = MessageTag::kHumanAgent;
  r.message.sender = Sender::kHuman;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kTagNotAllowed));
}

TEST_CASE("SMS: no window, consent for every text, STOP honoured", "[channels][sms]") {
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.message.category = Category::kUtility;
  r.message.purpose = "order_updates";
  SECTION("consented text goes any time of the window state") {
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kAllow);
    CHECK_FALSE(d.window.open);
    CHECK(d.required_form == RequiredForm::kAny);
    CHECK(d.billing == Billing::kFreeService);
  }
  SECTION("no consent on file") {
    r.consent.reset();
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(d.has(ReasonCode::kNoOptIn));
  }
  SECTION("STOP in history blocks every text") {
    r.history.push_back({r.now - 1h, Direction::kInbound, EventType::kText, "STOP", std::nullopt});
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(d.has(ReasonCode::kOptInWithdrawn));
  }
}
