// Jurisdiction packs through evaluate(): quiet hours per state, composition
// (strictest wins), caps, consent bases and ages, destination mapping, dates.
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "pack_support.h"
#include "source_file.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

TEST_CASE("US quiet hours by state: defer with retry_at, edges pinned", "[packs][quiet_hours]") {
  const Policy policy = Policy::whatsapp();
  auto [name, now, region, tz, verdict, retry, rule] =
      GENERATE(table<const char*, const char*, const char*, const char*, Verdict, const char*, const char*>({
          // New York: TCPA only, 08:00-21:00 (EST = UTC-5).
          {"NY 20:59:59", "2026-03-03T01:59:59Z", "US-NY", "America/New_York", Verdict::kAllow, "", ""},
          {"NY 21:00:00", "2026-03-03T02:00:00Z", "US-NY", "America/New_York", Verdict::kDefer, "2026-03-03T13:00:00Z", "us_tcpa"},
          {"NY 07:59:59", "2026-03-03T12:59:59Z", "US-NY", "America/New_York", Verdict::kDefer, "2026-03-03T13:00:00Z", "us_tcpa"},
          {"NY 08:00:00", "2026-03-03T13:00:00Z", "US-NY", "America/New_York", Verdict::kAllow, "", ""},
          {"NY Saturday night across spring forward", "2026-03-08T02:30:00Z", "US-NY", "America/New_York", Verdict::kDefer, "2026-03-08T12:00:00Z", "us_tcpa"},
          {"NY Saturday night across fall back", "2026-11-01T01:30:00Z", "US-NY", "America/New_York", Verdict::kDefer, "2026-11-01T13:00:00Z", "us_tcpa"},
          // Florida: TCPA + FTSA compose to 08:00-20:00 (20:30 in Miami).
          {"FL 19:59:59", "2026-03-03T00:59:59Z", "US-FL", "America/New_York", Verdict::kAllow, "", ""},
          {"FL 20:00:00", "2026-03-03T01:00:00Z", "US-FL", "America/New_York", Verdict::kDefer, "2026-03-03T13:00:00Z", "us_fl"},
          {"FL 20:30", "2026-03-03T01:30:00Z", "US-FL", "America/New_York", Verdict::kDefer, "2026-03-03T13:00:00Z", "us_fl"},
          {"FL 07:59:59: TCPA blocks first", "2026-03-03T12:59:59Z", "US-FL", "America/New_York", Verdict::kDefer, "2026-03-03T13:00:00Z", "us_tcpa"},
          // Oklahoma and Maryland: 08:00-20:00 too.
          {"OK 20:00 (CST)", "2026-03-03T02:00:00Z", "US-OK", "America/Chicago", Verdict::kDefer, "2026-03-03T14:00:00Z", "us_ok"},
          {"OK 19:59:59", "2026-03-03T01:59:59Z", "US-OK", "America/Chicago", Verdict::kAllow, "", ""},
          {"MD 20:00", "2026-03-03T01:00:00Z", "US-MD", "America/New_York", Verdict::kDefer, "2026-03-03T13:00:00Z", "us_md"},
          // Texas: Sunday starts at noon; weekdays and Saturday at 09:00.
          {"TX Sunday 10:00 CDT", "2026-03-08T15:00:00Z", "US-TX", "America/Chicago", Verdict::kDefer, "2026-03-08T17:00:00Z", "us_tx"},
          {"TX Sunday 12:00 CDT", "2026-03-08T17:00:00Z", "US-TX", "America/Chicago", Verdict::kAllow, "", ""},
          {"TX Saturday 08:30 CST", "2026-03-07T14:30:00Z", "US-TX", "America/Chicago", Verdict::kDefer, "2026-03-07T15:00:00Z", "us_tx"},
          {"TX Saturday 20:59:59 CST", "2026-03-08T02:59:59Z", "US-TX", "America/Chicago", Verdict::kAllow, "", ""},
          {"TX Saturday 21:00 to Sunday noon across DST", "2026-03-08T03:00:00Z", "US-TX", "America/Chicago", Verdict::kDefer, "2026-03-08T17:00:00Z", "us_tcpa"},
          // Before SB 140 (2025-09-01) Texas hours did not reach texts.
          {"TX Sunday 10:00 before SB 140", "2025-08-31T15:00:00Z", "US-TX", "America/Chicago", Verdict::kAllow, "", ""},
          // Maryland from 2024-01-01: 20:30 on 2023-12-31 was TCPA-only.
          {"MD 20:30 before the act", "2023-12-31T01:30:00Z", "US-MD", "America/New_York", Verdict::kAllow, "", ""},
          {"MD 20:30 after the act", "2024-01-03T01:30:00Z", "US-MD", "America/New_York", Verdict::kDefer, "2024-01-03T13:00:00Z", "us_md"},
      }));
  CAPTURE(name);
  const SendDecision d = evaluate(policy, sms_marketing(now, region, tz));
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDefer) {
    REQUIRE(d.retry_at.has_value());
    CHECK(format_timestamp(*d.retry_at) == retry);
    CHECK(d.reasons.size() == 1);
    CHECK(rule_of(d, ReasonCode::kQuietHours) == rule);
    CHECK(d.billing == Billing::kNone);
  } else {
    CHECK_FALSE(d.retry_at.has_value());
    CHECK(d.billing == Billing::kNone);  // SMS: Meta bills nothing
  }
}

TEST_CASE("Quiet hours reach marketing on SMS by default; widen() extends them", "[packs][quiet_hours]") {
  SendRequest r = sms_marketing("2026-03-03T03:00:00Z");  // 22:00 in New York
  r.message.category = Category::kUtility;
  r.message.purpose = "order_updates";
  Policy policy = Policy::whatsapp();
  CHECK(evaluate(policy, r).verdict == Verdict::kAllow);
  policy.jurisdictions.widen({}, {Category::kUtility});
  const SendDecision d = evaluate(policy, r);
  CHECK(d.verdict == Verdict::kDefer);
  CHECK(d.has(ReasonCode::kQuietHours));

  // WhatsApp utility template to a US number at 22:00: only once widened.
  SendRequest wa = utility_template_request();
  wa.now = r.now;
  wa.recipient = r.recipient;
  wa.consent->phone = wa.recipient.phone;
  Policy sms_only = Policy::whatsapp();
  sms_only.jurisdictions.widen({}, {Category::kUtility});
  CHECK(evaluate(sms_only, wa).verdict == Verdict::kAllow);
  sms_only.jurisdictions.widen({Channel::kWhatsApp}, {});
  CHECK(evaluate(sms_only, wa).verdict == Verdict::kDefer);
}

TEST_CASE("No resolved zone where quiet hours apply: local_time_unknown, fail closed", "[packs][quiet_hours]") {
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.recipient.zone = nullptr;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kLocalTimeUnknown));
  CHECK(rule_of(d, ReasonCode::kLocalTimeUnknown) == "us_tcpa");
  // Where no local-time rule reaches the message, no zone is needed.
  r.message.category = Category::kUtility;
  r.message.purpose = "order_updates";
  CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
}

TEST_CASE("Quiet hours defer alone; with a blocking reason the verdict is deny", "[packs]") {
  SendRequest r = sms_marketing("2026-03-03T03:00:00Z");
  r.consent->method = ConsentMethod::kVerbal;  // not written: TCPA blocks
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kQuietHours));
  CHECK(d.has(ReasonCode::kOptInNotActive));
  CHECK_FALSE(d.retry_at.has_value());
}

TEST_CASE("Same-subject cap: 3 per 24 h in FL, OK, MD", "[packs][frequency_cap]") {
  auto [region, tz, sent, verdict] = GENERATE(table<const char*, const char*, int, Verdict>({
      {"US-FL", "America/New_York", 2, Verdict::kAllow},
      {"US-FL", "America/New_York", 3, Verdict::kDefer},
      {"US-OK", "America/Chicago", 2, Verdict::kAllow},
      {"US-OK", "America/Chicago", 3, Verdict::kDefer},
      {"US-MD", "America/New_York", 2, Verdict::kAllow},
      {"US-MD", "America/New_York", 4, Verdict::kDefer},
      {"US-NY", "America/New_York", 10, Verdict::kAllow},  // no cap in TCPA
      {"US-TX", "America/Chicago", 10, Verdict::kAllow},
  }));
  CAPTURE(region, sent);
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z", region, tz);
  r.recipient.sent.same_purpose_24h = sent;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDefer) {
    CHECK(d.has(ReasonCode::kFrequencyCap));
    CHECK(d.retry_at == r.now + 24h);
  }
}

TEST_CASE("A cap can deny instead of defer, and combines with quiet hours", "[packs][frequency_cap]") {
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z", "US-FL");
  r.recipient.sent.same_purpose_24h = 3;
  Policy policy = Policy::whatsapp();
  policy.jurisdictions.find("us_fl")->frequency_cap->action = CapAction::kDeny;
  CHECK(evaluate(policy, r).verdict == Verdict::kDeny);

  // Capped at 20:30 EST (01:30Z): both clear by waiting. The cap clears at
  // 20:30 the next evening, itself outside Florida's 08:00-20:00, so
  // retry_at is the first instant both permit: 08:00 EST the day after.
  r.now = at("2026-03-03T01:30:00Z");
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDefer);
  CHECK(d.has(ReasonCode::kFrequencyCap));
  CHECK(d.has(ReasonCode::kQuietHours));
  CHECK(d.retry_at == at("2026-03-04T13:00:00Z"));
  // Sending at retry_at is allowed (the counters have aged out by then).
  SendRequest later = r;
  later.now = *d.retry_at;
  later.recipient.sent.same_purpose_24h = 0;
  CHECK(evaluate(Policy::whatsapp(), later).verdict == Verdict::kAllow);
  // One second before, quiet hours still defer.
  later.now = *d.retry_at - 1s;
  CHECK(evaluate(Policy::whatsapp(), later).verdict == Verdict::kDefer);
}

TEST_CASE("retry_at never falls in quiet hours, whichever rule set it", "[packs][quiet_hours]") {
  // A paused marketing template (retry at paused_until) to an Italian
  // WhatsApp user under a house pack permitting 08:00-20:00 Rome time on
  // WhatsApp: paused until 21:00 local moves to 08:00 next day; a pause
  // ending in open hours stays as it is.
  using Row = std::tuple<const char*, const char*>;
  const auto [paused_until, expected] = GENERATE(table<const char*, const char*>({
      Row{"2026-03-02T20:00:00Z", "2026-03-03T07:00:00Z"},  // 21:00 CET -> 08:00 CET
      Row{"2026-03-02T15:00:00Z", "2026-03-02T15:00:00Z"},  // 16:00 CET: open
      Row{"2026-03-03T07:00:00Z", "2026-03-03T07:00:00Z"},  // exactly 08:00: open
      Row{"2026-03-03T06:59:59Z", "2026-03-03T07:00:00Z"},  // a second before
  }));
  Pack house;
  house.id = "house_hours";
  house.quiet_hours = QuietHours{WeeklyHours::every_day({8h, 20h})};
  house.quiet_hours->channels = ChannelSet{Channel::kWhatsApp};
  Policy policy = Policy::whatsapp();
  policy.jurisdictions.bind("IT", house);
  SendRequest r = marketing_template_request();  // 2026-03-02T12:00Z, 13:00 in Rome
  r.recipient.country = "IT";
  r.recipient.time_zone = "Europe/Rome";
  r.recipient.zone = zone("Europe/Rome");
  r.message.template_info->status = TemplateStatus::kPaused;
  r.message.template_info->paused_until = at(paused_until);
  CAPTURE(paused_until);
  const SendDecision d = evaluate(policy, r);
  REQUIRE(summary(d) == "defer [template_paused]");
  CHECK(d.retry_at == at(expected));
}

TEST_CASE("Two packs' caps on one code: the strictest survives, in either binding order",
          "[packs][frequency_cap]") {
  // Pack `a` defers for 24 h, pack `b` either denies or defers for 48 h. The
  // code is listed once, so the kept report must be the stricter one: a
  // deny (else the verdict would be defer), or the later retry time.
  auto [b_action, b_window, a_first, verdict, retry_after] =
      GENERATE(table<CapAction, Duration, bool, Verdict, Duration>({
          {CapAction::kDeny, 24h, true, Verdict::kDeny, 0h},
          {CapAction::kDeny, 24h, false, Verdict::kDeny, 0h},
          {CapAction::kDefer, 48h, true, Verdict::kDefer, 48h},
          {CapAction::kDefer, 48h, false, Verdict::kDefer, 48h},
      }));
  CAPTURE(b_action == CapAction::kDeny, a_first);
  FrequencyCap cap;
  cap.limit = 3;
  Pack a;
  a.id = "a";
  a.frequency_cap = cap;
  Pack b = a;
  b.id = "b";
  b.frequency_cap->action = b_action;
  b.frequency_cap->window = b_window;
  Policy policy = Policy::whatsapp();
  policy.jurisdictions = Jurisdictions{};
  if (a_first) {
    policy.jurisdictions.bind("US", a).bind("US", b);
  } else {
    policy.jurisdictions.bind("US", b).bind("US", a);
  }
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.recipient.sent.same_purpose_24h = 3;
  const SendDecision d = evaluate(policy, r);
  CHECK(d.verdict == verdict);
  CHECK(d.reasons.size() == 1);
  CHECK(rule_of(d, ReasonCode::kFrequencyCap) == "b");
  if (verdict == Verdict::kDefer) {
    CHECK(d.retry_at == r.now + retry_after);
  } else {
    CHECK_FALSE(d.retry_at.has_value());
  }
}

TEST_CASE("A deferring cap with no positive window denies (fail closed)", "[packs][frequency_cap]") {
  auto [window, verdict] = GENERATE(table<Duration, Verdict>({
      {1s, Verdict::kDefer},
      {0s, Verdict::kDeny},
      {-24h, Verdict::kDeny},
  }));
  CAPTURE(window.count());
  Pack p;
  p.id = "broken";
  FrequencyCap cap;
  cap.limit = 1;
  cap.window = window;
  p.frequency_cap = cap;
  Policy policy = Policy::whatsapp();
  policy.jurisdictions = Jurisdictions{};
  policy.jurisdictions.bind("US", p);
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.recipient.sent.same_purpose_24h = 1;
  const SendDecision d = evaluate(policy, r);
  CHECK(d.verdict == verdict);
  CHECK(rule_of(d, ReasonCode::kFrequencyCap) == "broken");
  if (verdict == Verdict::kDefer) {
    CHECK(d.retry_at == r.now + window);
  } else {
    CHECK_FALSE(d.retry_at.has_value());
  }
}

TEST_CASE("TCPA written consent for marketing texts", "[packs][consent]") {
  auto [method, verdict] = GENERATE(table<ConsentMethod, Verdict>({
      {ConsentMethod::kCheckbox, Verdict::kAllow},
      {ConsentMethod::kNumberEntry, Verdict::kAllow},
      {ConsentMethod::kKeywordReply, Verdict::kAllow},
      {ConsentMethod::kSignature, Verdict::kAllow},
      {ConsentMethod::kVerbal, Verdict::kDeny},
  }));
  CAPTURE(to_string(method));
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.consent->method = method;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDeny) CHECK(rule_of(d, ReasonCode::kOptInNotActive) == "us_tcpa");
}

TEST_CASE("Consent bases per jurisdiction (marketing)", "[packs][consent]") {
  auto [country, basis, verdict, code] = GENERATE(table<const char*, ConsentBasis, Verdict, ReasonCode>({
      {"FR", ConsentBasis::kExpress, Verdict::kAllow, ReasonCode::kInvalidRequest},
      {"FR", ConsentBasis::kSoftOptIn, Verdict::kAllow, ReasonCode::kInvalidRequest},  // ePrivacy 13(2)
      {"FR", ConsentBasis::kImpliedPurchase, Verdict::kDeny, ReasonCode::kOptInNotActive},
      {"IT", ConsentBasis::kSoftOptIn, Verdict::kDeny, ReasonCode::kOptInNotActive},  // e-mail only
      {"NO", ConsentBasis::kImpliedInquiry, Verdict::kDeny, ReasonCode::kOptInNotActive},  // EEA
      {"CA", ConsentBasis::kImpliedPurchase, Verdict::kAllow, ReasonCode::kInvalidRequest},
      {"CA", ConsentBasis::kSoftOptIn, Verdict::kDeny, ReasonCode::kOptInNotActive},
      {"JM", ConsentBasis::kImpliedPurchase, Verdict::kAllow, ReasonCode::kInvalidRequest},  // no pack
  }));
  CAPTURE(country, to_string(basis));
  SendRequest r = marketing_template_request();
  r.recipient.country = country;
  r.consent->basis = basis;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDeny) CHECK(d.has(code));
}

TEST_CASE("Germany: double opt-in for marketing; withdrawal wins alone", "[packs][consent]") {
  SendRequest r = marketing_template_request();
  r.recipient.country = "DE";
  SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kDoubleOptInMissing));
  CHECK(rule_of(d, ReasonCode::kDoubleOptInMissing) == "de");
  r.consent->double_opt_in_at = *r.consent->granted_at + 1h;
  CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  // Utility content is outside the marketing consent rules.
  SendRequest u = utility_template_request();
  u.recipient.country = "DE";
  CHECK(evaluate(Policy::whatsapp(), u).verdict == Verdict::kAllow);
  // Withdrawn: only opt_in_withdrawn, nothing about double opt-in.
  r.consent->double_opt_in_at.reset();
  r.consent->status = ConsentStatus::kWithdrawn;
  r.consent->withdrawn_at = r.now - 1h;
  d = evaluate(Policy::whatsapp(), r);
  CHECK(d.reasons.size() == 1);
  CHECK(d.has(ReasonCode::kOptInWithdrawn));
}

TEST_CASE("EU: marketing inside the service window still needs consent", "[packs][consent]") {
  SendRequest r = free_form_reply_request();
  r.message.category = Category::kMarketing;
  r.message.purpose = "promotions";
  r.recipient.country = "FR";
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(rule_of(d, ReasonCode::kNoOptIn) == "eu_gdpr");
  r.recipient.country = "JM";  // no pack: platform rules only
  CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
}

TEST_CASE("EU: the consent a marketing reply in the window rests on passes the core rules",
          "[packs][consent]") {
  // The platform needs no opt-in for a reply in the window, but eu_gdpr needs
  // one for marketing, and a pre-ticked, uninformed, other-purpose or
  // other-number record is not one (docs/packs.md: core rules R3).
  SendRequest r = free_form_reply_request();
  r.message.category = Category::kMarketing;
  r.message.purpose = "promotions";
  r.recipient.country = "FR";
  r.consent = good_consent(r.now);
  REQUIRE(evaluate(Policy::whatsapp(), r).verdict == Verdict::kAllow);
  const std::vector<std::tuple<const char*, void (*)(ConsentRecord&), ReasonCode>> rows = {
      {"pre-ticked", [](ConsentRecord& c) { c.method = ConsentMethod::kPreTicked; },
       ReasonCode::kOptInNotActive},
      {"uninformed", [](ConsentRecord& c) { c.notice.content_described = false; },
       ReasonCode::kOptInNotInformed},
      {"other purpose", [](ConsentRecord& c) { c.purposes = {"receipts"}; },
       ReasonCode::kPurposeNotConsented},
      {"other number", [](ConsentRecord& c) { c.phone = "+393479999999"; },
       ReasonCode::kOptInNumberMismatch},
  };
  for (const auto& [name, spoil, code] : rows) {
    CAPTURE(name);
    SendRequest s = r;
    spoil(*s.consent);
    const SendDecision d = evaluate(Policy::whatsapp(), s);
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(d.has(code));
    CHECK_FALSE(d.has(ReasonCode::kNoOptIn));
    s.recipient.country = "JM";  // no pack: the platform needs no opt-in here
    CHECK(evaluate(Policy::whatsapp(), s).verdict == Verdict::kAllow);
  }
}

TEST_CASE("CASL implied consent ages at the exact boundary", "[packs][consent][casl]") {
  auto [basis, granted, now, verdict] = GENERATE(table<ConsentBasis, const char*, const char*, Verdict>({
      {ConsentBasis::kImpliedPurchase, "2024-03-10T15:00:00Z", "2026-03-10T14:59:59Z", Verdict::kAllow},
      {ConsentBasis::kImpliedPurchase, "2024-03-10T15:00:00Z", "2026-03-10T15:00:00Z", Verdict::kDeny},
      {ConsentBasis::kImpliedInquiry, "2025-09-10T00:00:00Z", "2026-03-09T23:59:59Z", Verdict::kAllow},
      {ConsentBasis::kImpliedInquiry, "2025-09-10T00:00:00Z", "2026-03-10T00:00:00Z", Verdict::kDeny},
      // 29 Feb + 2 years: clamped to 28 Feb (the earlier reading).
      {ConsentBasis::kImpliedPurchase, "2024-02-29T12:00:00Z", "2026-02-28T11:59:59Z", Verdict::kAllow},
      {ConsentBasis::kImpliedPurchase, "2024-02-29T12:00:00Z", "2026-02-28T12:00:00Z", Verdict::kDeny},
      // 31 Aug + 6 months: 28 Feb.
      {ConsentBasis::kImpliedInquiry, "2025-08-31T08:00:00Z", "2026-02-28T08:00:00Z", Verdict::kDeny},
      // Express consent never expires under CASL.
      {ConsentBasis::kExpress, "2015-01-01T00:00:00Z", "2026-03-10T15:00:00Z", Verdict::kAllow},
  }));
  CAPTURE(to_string(basis), granted, now);
  SendRequest r = marketing_template_request();
  r.now = at(now);
  r.recipient.phone = "+14165550123";  // Toronto: not caught by the US pause
  r.recipient.country = "CA";
  r.consent->phone = r.recipient.phone;
  r.consent->basis = basis;
  r.consent->granted_at = at(granted);
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDeny) {
    CHECK(d.has(ReasonCode::kOptInExpired));
    CHECK(rule_of(d, ReasonCode::kOptInExpired) == "ca_casl");
  }
}

TEST_CASE("WhatsApp US marketing pause by area code: 212 vs 416 vs 876", "[packs][whatsapp]") {
  auto [phone, country, paused] = GENERATE(table<const char*, const char*, bool>({
      {"+12125550123", "US", true},    // New York
      {"+14165550123", "CA", false},   // Toronto
      {"+18765550123", "JM", false},   // Jamaica
      {"+17875550123", "PR", false},   // Puerto Rico (own market)
  }));
  CAPTURE(phone);
  SendRequest r = marketing_template_request();
  r.recipient.phone = phone;
  r.recipient.country = country;
  r.consent->phone = phone;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.has(ReasonCode::kDestinationRestricted) == paused);
  CHECK(d.allowed() == !paused);
}

TEST_CASE("Destination selectors", "[packs][jurisdictions]") {
  auto [destination, country, region, selected] = GENERATE(table<const char*, const char*, const char*, bool>({
      {"*", "", "", true},
      {"US", "US", "US-FL", true},
      {"US-FL", "US", "US-FL", true},
      {"US-FL", "US", "US-TX", false},
      {"US-FL", "US", "", false},
      {"US", "", "", false},
      {"US", "", "US-FL", true},
      {"EU", "IT", "", true},
      {"EU", "NO", "", false},
      {"EEA", "NO", "", true},
      {"EEA", "GB", "", false},
      {"DE", "DE", "DE-BY", true},
      {"DE", "AT", "", false},
  }));
  CAPTURE(destination, country, region);
  CHECK(Jurisdictions::selects(destination, country, region) == selected);
}

// "EU" and "EEA" are answered from bit tables (src/packs/jurisdictions.cc):
// every two-letter code, and codes that are not two upper-case letters, get
// the membership the treaties give. The 27 EU member states since
// 2020-02-01 (Greece is GR, not EL); the EEA adds Iceland, Liechtenstein
// and Norway.
TEST_CASE("Destination selectors: EU and EEA membership of every code", "[packs][jurisdictions]") {
  const std::set<std::string> eu = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                    "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  const std::set<std::string> eea_only = {"IS", "LI", "NO"};
  int wrong = 0;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string c{a, b};
      const bool in_eu = eu.count(c) > 0;
      if (Jurisdictions::selects("EU", c, "") != in_eu) ++wrong;
      if (Jurisdictions::selects("EEA", c, "") != (in_eu || eea_only.count(c) > 0)) ++wrong;
    }
  }
  CHECK(wrong == 0);
  auto [country, region, in_eu, in_eea] = GENERATE(table<const char*, const char*, bool, bool>({
      {"it", "", false, false},      // codes are upper case
      {"ITA", "", false, false},
      {"I", "", false, false},
      {"", "IT-RM", true, true},     // the country taken from the region
      {"", "NO-03", false, true},
      {"EL", "", false, false},
      {"GB", "", false, false},
  }));
  CAPTURE(country, region);
  CHECK(Jurisdictions::selects("EU", country, region) == in_eu);
  CHECK(Jurisdictions::selects("EEA", country, region) == in_eea);
}

TEST_CASE("Jurisdictions: override the mapping", "[packs][jurisdictions]") {
  Policy policy = Policy::whatsapp();
  SendRequest r = sms_marketing("2026-03-03T01:30:00Z", "US-FL");  // 20:30 in Miami
  CHECK(evaluate(policy, r).verdict == Verdict::kDefer);
  CHECK(policy.jurisdictions.unbind("us_fl") == 1);
  CHECK(policy.jurisdictions.unbind("us_fl") == 0);
  CHECK(evaluate(policy, r).verdict == Verdict::kAllow);  // TCPA until 21:00
  policy.jurisdictions = Jurisdictions{};
  r.now = at("2026-03-03T03:00:00Z");  // 22:00
  CHECK(evaluate(policy, r).verdict == Verdict::kAllow);
  policy.jurisdictions.bind("*", packs::us_tcpa());
  CHECK(evaluate(policy, r).verdict == Verdict::kDefer);
}

TEST_CASE("Packs whose hours never overlap deny without retry_at", "[packs][quiet_hours]") {
  Pack mornings;
  mornings.id = "mornings";
  mornings.quiet_hours = QuietHours{WeeklyHours::every_day({8h, 9h})};
  Pack evenings = mornings;
  evenings.id = "evenings";
  evenings.quiet_hours->permitted = WeeklyHours::every_day({18h, 19h});
  Policy policy = Policy::whatsapp();
  policy.jurisdictions = Jurisdictions{};
  policy.jurisdictions.bind("US", mornings).bind("US", evenings);
  const SendDecision d = evaluate(policy, sms_marketing("2026-03-03T17:00:00Z"));
  CHECK(d.verdict == Verdict::kDeny);
  CHECK(d.has(ReasonCode::kQuietHours));
  CHECK_FALSE(d.retry_at.has_value());
  // The sentence says why there is no time, not "(unknown)".
  std::string sentence;
  append_reason_message(sentence, d, d.reasons[0]);
  // Packs made in code rank by id (docs/packs.md, "Reasons"): evenings first.
  CHECK(sentence == "outside the permitted local hours of evenings; no instant is permitted by "
                    "every applicable pack");
}

TEST_CASE("Built-in packs are named, sourced and unique", "[packs]") {
  std::vector<std::string_view> ids;
  for (const Pack* p : packs::all()) {
    CAPTURE(p->id);
    CHECK_FALSE(p->id.empty());
    CHECK_FALSE(p->name.empty());
    CHECK_FALSE(p->sources.empty());
    ids.push_back(p->id);
  }
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

TEST_CASE("implied_consent_expiry is calendar months, clamped", "[packs][consent]") {
  CHECK(format_timestamp(implied_consent_expiry(at("2024-01-31T10:00:00Z"), date::months{1})) ==
        "2024-02-29T10:00:00Z");
  CHECK(format_timestamp(implied_consent_expiry(at("2024-02-29T00:00:00Z"), date::months{24})) ==
        "2026-02-28T00:00:00Z");
  CHECK(format_timestamp(implied_consent_expiry(at("2025-03-15T23:59:59Z"), date::months{6})) ==
        "2025-09-15T23:59:59Z");
}

TEST_CASE("docs/packs.md lists every built-in pack and embeds the example", "[packs][docs]") {
  const std::string doc = read_source_file("docs/packs.md");
  for (const Pack* p : packs::all()) {
    CAPTURE(p->id);
    CHECK(doc.find("| `" + std::string(p->id) + "` |") != std::string::npos);
  }
  // A missing example must fail, not compare no lines.
  std::istringstream ex(read_source_file("examples/custom_pack.cc"));
  std::string line;
  int compared = 0;
  while (std::getline(ex, line)) {
    if (line.find("  sendpolicy::Pack ct;") == 0 || line.find("  ct.") == 0 ||
        line.find("  cap.") == 0) {
      CAPTURE(line);
      CHECK(doc.find(line.substr(2)) != std::string::npos);
      ++compared;
    }
  }
  CHECK(compared > 5);
}

// Oregon HB 3865 from 2026-01-01 (rule calendar): 08:00-20:00 local and at
// most 3 marketing texts per 24 h (recipient.sent.marketing_24h), unless an
// implied-purchase consent less than 18 months old.
TEST_CASE("us_or: hours and the 3-per-24 h cap from 2026-01-01", "[packs][us_or][calendar]") {
  auto [name, now, sent, verdict, retry, reason] =
      GENERATE(table<const char*, const char*, int, Verdict, const char*, ReasonCode>({
          // 20:30 PST: within the TCPA's 21:00, outside Oregon's 20:00.
          {"20:30 before the act", "2025-12-31T04:30:00Z", 0, Verdict::kAllow, "", ReasonCode::kQuietHours},
          {"20:30 under the act", "2026-01-02T04:30:00Z", 0, Verdict::kDefer, "2026-01-02T16:00:00Z", ReasonCode::kQuietHours},
          {"4th text, instant before", "2025-12-31T23:59:59Z", 3, Verdict::kAllow, "", ReasonCode::kFrequencyCap},
          {"4th text, at the act", "2026-01-01T00:00:00Z", 3, Verdict::kDefer, "2026-01-02T00:00:00Z", ReasonCode::kFrequencyCap},
          {"3rd text", "2026-01-05T20:00:00Z", 2, Verdict::kAllow, "", ReasonCode::kFrequencyCap},
      }));
  CAPTURE(name);
  SendRequest r = sms_marketing(now, "US-OR", "America/Los_Angeles");
  r.recipient.sent.marketing_24h = sent;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDefer) {
    REQUIRE(d.retry_at.has_value());
    CHECK(format_timestamp(*d.retry_at) == retry);
    CHECK(rule_of(d, reason) == "us_or");
  }
}

TEST_CASE("us_or: a purchase within 18 months lifts the cap", "[packs][us_or]") {
  auto [months_ago, capped] = GENERATE(table<int, bool>({{17, false}, {19, true}}));
  SendRequest r = sms_marketing("2026-06-02T18:00:00Z", "US-OR", "America/Los_Angeles");
  r.recipient.sent.marketing_24h = 5;
  r.consent->basis = ConsentBasis::kImpliedPurchase;
  r.consent->granted_at = r.now - std::chrono::hours(24 * 30 * months_ago);
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CAPTURE(months_ago, summary(d));
  CHECK(d.has(ReasonCode::kFrequencyCap) == capped);
}

// Connecticut SB 1058 from 2023-10-01: 09:00-20:00 local, written consent.
TEST_CASE("us_ct: 09:00-20:00 from 2023-10-01, written consent", "[packs][us_ct][calendar]") {
  auto [now, verdict, retry] = GENERATE(table<const char*, Verdict, const char*>({
      {"2023-09-30T12:30:00Z", Verdict::kAllow, ""},                      // 08:30 EDT, before
      {"2023-10-01T12:30:00Z", Verdict::kDefer, "2023-10-01T13:00:00Z"},  // 08:30 EDT, in force
      {"2026-03-03T01:30:00Z", Verdict::kDefer, "2026-03-03T14:00:00Z"},  // 20:30 EST
  }));
  CAPTURE(now);
  const SendDecision d = evaluate(Policy::whatsapp(), sms_marketing(now, "US-CT"));
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDefer) {
    CHECK(format_timestamp(*d.retry_at) == retry);
    CHECK(rule_of(d, ReasonCode::kQuietHours) == "us_ct");
  }
  SendRequest verbal = sms_marketing("2026-03-03T17:00:00Z", "US-CT");
  verbal.consent->method = ConsentMethod::kVerbal;
  CHECK(evaluate(Policy::whatsapp(), verbal).has(ReasonCode::kOptInNotActive));
}

TEST_CASE("frequency_cap and local_time_unknown say what they mean", "[packs][explain]") {
  SECTION("a cap on all marketing does not say same subject") {
    SendRequest r = sms_marketing("2026-01-05T20:00:00Z", "US-OR", "America/Los_Angeles");
    r.recipient.sent.marketing_24h = 3;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    const std::string text = explain(d);
    CHECK(text.find("same subject") == std::string::npos);
    CHECK(text.find("on marketing messages in 24 h") != std::string::npos);
  }
  SECTION("Florida's cap is on the same subject") {
    SendRequest r = sms_marketing("2026-01-05T20:00:00Z", "US-FL");
    r.recipient.sent.same_purpose_24h = 3;
    CHECK(explain(evaluate(Policy::whatsapp(), r)).find("same subject") != std::string::npos);
  }
  SECTION("a zone given but not resolved") {
    SendRequest r = sms_marketing("2026-01-05T20:00:00Z");
    r.recipient.zone = nullptr;
    const std::string text = explain(evaluate(Policy::whatsapp(), r));
    CHECK(text.find("time zone given but not resolved") != std::string::npos);
    CHECK(text.find("no time zone") == std::string::npos);
  }
  SECTION("no zone given") {
    SendRequest r = sms_marketing("2026-01-05T20:00:00Z");
    r.recipient.zone = nullptr;
    r.recipient.time_zone.clear();
    CHECK(explain(evaluate(Policy::whatsapp(), r)).find("no time zone given") != std::string::npos);
  }
}

TEST_CASE("SMS decisions carry no WhatsApp-only warnings", "[packs][sms]") {
  SendRequest r = sms_marketing("2026-03-03T17:00:00Z");
  r.consent->notice.whatsapp_named = false;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.verdict == Verdict::kAllow);
  for (const Warning& w : d.warnings) CHECK(w.code != WarningCode::kOptInWhatsAppNotNamed);
  SendRequest wa = utility_template_request();
  wa.consent->notice.whatsapp_named = false;
  bool warned = false;
  for (const Warning& w : evaluate(Policy::whatsapp(), wa).warnings) {
    warned = warned || w.code == WarningCode::kOptInWhatsAppNotNamed;
  }
  CHECK(warned);  // still reported on WhatsApp
}
