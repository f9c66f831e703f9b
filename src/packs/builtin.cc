// The built-in packs. Every number here is in docs/packs.md with its source
// and confidence mark (legal-rules.md: [P] primary, [S] secondary, [M] memory).
// Each pack is built once, on first use, and is read-only afterwards.
#include <chrono>

#include "sendpolicy/packs.h"
#include "sendpolicy/rule_calendar.h"

namespace sendpolicy {
namespace packs {
namespace {

using std::chrono::hours;
using date::months;

// A pack's first day comes from the rule calendar, the one place dates live.
constexpr date::sys_days from(RuleChange change) noexcept { return rule_change(change).from; }

// A US state "mini-TCPA" of the Florida shape: 08:00-20:00 every day, at most
// 3 solicitations on the same subject per 24 h, written consent for
// automated marketing texts.
Pack state_mini_tcpa(std::string_view id, std::string_view name, date::sys_days from,
                     std::string_view sources) {
  Pack p;
  p.id = id;
  p.name = name;
  p.quiet_hours = QuietHours{WeeklyHours::every_day({hours(8), hours(20)})};
  FrequencyCap cap;
  cap.limit = 3;
  cap.counter = CapCounter::kSamePurpose24h;
  p.frequency_cap = cap;
  p.consent.channels = {Channel::kSms};
  p.consent.written_consent_for_marketing = true;
  p.valid_from = from;
  p.sources = sources;
  return p;
}

}  // namespace

const Pack& whatsapp() {
  static const Pack p = [] {
    Pack w;
    w.id = "whatsapp";
    w.name = "WhatsApp Business Platform (Policy knobs)";
    w.sources =
        "Meta: Send messages; Templates overview; Marketing templates (131050); Per-user "
        "marketing limits (131049, US pause from 2025-04-01)";
    return w;
  }();
  return p;
}

const Pack& us_tcpa() {
  static const Pack p = [] {
    Pack t;
    t.id = "us_tcpa";
    t.name = "US Telephone Consumer Protection Act";
    // 47 CFR 64.1200(c)(1): no telephone solicitation before 8 a.m. or after
    // 9 p.m. local time at the called party's location.
    t.quiet_hours = QuietHours{WeeklyHours::every_day({hours(8), hours(21)})};
    // 64.1200(a)(2), (f)(9): marketing texts by autodialer need prior express
    // written consent; an implied basis is not one.
    t.consent.channels = {Channel::kSms};
    t.consent.marketing_needs_consent = true;
    t.consent.marketing_bases = {ConsentBasis::kExpress};
    t.consent.written_consent_for_marketing = true;
    t.sources = "47 U.S.C. 227; 47 CFR 64.1200(a)(2), (c)(1), (f)(9)";
    return t;
  }();
  return p;
}

const Pack& us_fl() {
  static const Pack p = state_mini_tcpa(
      "us_fl", "Florida Telephone Solicitation Act", from(RuleChange::kUsFlMiniTcpa),
      "Fla. Stat. 501.616(6)(a) (hours), 501.616(6)(b) (3 per 24 h same subject), "
      "501.059(8)(a) (written consent, automated systems); SB 1120 (2021), SB 1308 (2023)");
  return p;
}

const Pack& us_ok() {
  static const Pack p = state_mini_tcpa(
      "us_ok", "Oklahoma Telephone Solicitation Act", from(RuleChange::kUsOkMiniTcpa),
      "Okla. Stat. tit. 15 775C.1 et seq. (OTSA, HB 3168, 2022)");
  return p;
}

const Pack& us_md() {
  static const Pack p = state_mini_tcpa(
      "us_md", "Maryland Stop the Spam Calls Act", from(RuleChange::kUsMdMiniTcpa),
      "Md. Code, Com. Law 14-4501 et seq. (Stop the Spam Calls Act, SB 90, 2023)");
  return p;
}

const Pack& us_tx() {
  static const Pack p = [] {
    Pack t;
    t.id = "us_tx";
    t.name = "Texas telephone solicitation (SB 140)";
    // Weekdays and Saturday 09:00-21:00, Sunday 12:00-21:00; texts are
    // telephone solicitation from 2025-09-01 (SB 140).
    t.quiet_hours = QuietHours{
        WeeklyHours::mon_sat_sun({hours(9), hours(21)}, {hours(12), hours(21)})};
    // Checked against SB 140 (2025): the hours are the statute's; its seller
    // registration with the Texas SOS is a provisioning duty, not a per-send
    // rule, and SB 140 adds no consent rule, so neither is modelled.
    t.valid_from = from(RuleChange::kUsTxSb140);
    t.sources = "Tex. Bus. & Com. Code 301.051 (hours); ch. 302 as amended by SB 140 (2025)";
    return t;
  }();
  return p;
}

const Pack& us_or() {
  static const Pack p = [] {
    Pack o;
    o.id = "us_or";
    o.name = "Oregon telephone solicitation (HB 3865)";
    // From 2026-01-01 texts are telephone solicitations: 08:00-20:00 local,
    // at most 3 per 24 h unless an established business relationship (a
    // purchase within 18 months: an implied_purchase consent that recent).
    // Direct replies to the consumer are exempt: they are non-marketing SMS
    // replies here, which the marketing-only hours and cap never reach.
    o.quiet_hours = QuietHours{WeeklyHours::every_day({hours(8), hours(20)})};
    FrequencyCap cap;
    cap.limit = 3;
    cap.counter = CapCounter::kMarketing24h;
    cap.purchase_exempts_for = months(18);
    o.frequency_cap = cap;
    o.valid_from = from(RuleChange::kUsOrHb3865);
    o.sources = "Oregon HB 3865 (2025), amending ORS 646.561-646.578";
    return o;
  }();
  return p;
}

const Pack& us_ct() {
  static const Pack p = [] {
    Pack c;
    c.id = "us_ct";
    c.name = "Connecticut telephonic sales calls (SB 1058)";
    // Texts are telephonic sales calls since 2023-10-01: 09:00-20:00 local,
    // prior express written consent for marketing texts. Research mark M.
    c.quiet_hours = QuietHours{WeeklyHours::every_day({hours(9), hours(20)})};
    c.consent.channels = {Channel::kSms};
    c.consent.marketing_needs_consent = true;
    c.consent.marketing_bases = {ConsentBasis::kExpress};
    c.consent.written_consent_for_marketing = true;
    c.valid_from = from(RuleChange::kUsCtTexts);
    c.sources = "Conn. Gen. Stat. 42-288a as amended by Public Act 23-98 (SB 1058, 2023)";
    return c;
  }();
  return p;
}

const Pack& eu_gdpr() {
  static const Pack p = [] {
    Pack e;
    e.id = "eu_gdpr";
    e.name = "EU/EEA GDPR and ePrivacy Directive";
    // ePrivacy Art. 13(1): prior consent for direct marketing by electronic
    // mail (SMS and IM included); 13(2): soft opt-in for existing customers.
    // Active, informed, per-purpose consent and withdrawal are core rules.
    e.consent.marketing_needs_consent = true;
    e.consent.marketing_bases = {ConsentBasis::kExpress, ConsentBasis::kSoftOptIn};
    e.sources =
        "GDPR Art. 4(11), 6(1)(a), 7(3), 21(2)-(3), Recital 32; Directive 2002/58/EC "
        "Art. 13(1)-(2); EDPB Guidelines 05/2020";
    return e;
  }();
  return p;
}

const Pack& de() {
  static const Pack p = [] {
    Pack d;
    d.id = "de";
    d.name = "Germany UWG 7 (unsolicited advertising)";
    // UWG 7(2): prior express consent; 7(3): soft opt-in. BGH I ZR 164/09: the
    // advertiser must prove each consent; double opt-in is the accepted proof.
    d.consent.marketing_needs_consent = true;
    d.consent.marketing_bases = {ConsentBasis::kExpress, ConsentBasis::kSoftOptIn};
    d.consent.double_opt_in_for_marketing = true;
    d.sources = "UWG 7(2), 7(3), 7a; BGH 10.02.2011 I ZR 164/09; BGH 01.02.2018 III ZR 196/17";
    return d;
  }();
  return p;
}

const Pack& it() {
  static const Pack p = [] {
    Pack i;
    i.id = "it";
    i.name = "Italy Codice privacy art. 130";
    // Art. 130 c.1-2: prior consent for SMS/MMS and similar; the soft-spam
    // exception (c.4) is e-mail only (Garante 2013 guidelines 2.7). Consent
    // lasts until revoked (Garante provv. 181/2020).
    i.consent.marketing_needs_consent = true;
    i.consent.marketing_bases = {ConsentBasis::kExpress};
    i.sources =
        "d.lgs. 196/2003 art. 130 c.1-2, c.4; Garante provv. 330 of 4 July 2013; Garante provv. "
        "181 of 15 Oct 2020";
    return i;
  }();
  return p;
}

const Pack& ca_casl() {
  static const Pack p = [] {
    Pack c;
    c.id = "ca_casl";
    c.name = "Canada's Anti-Spam Legislation (CASL)";
    // s.6: consent for commercial electronic messages (SMS and IM included);
    // s.10(10): implied consent from a purchase within 2 years, from an
    // inquiry within 6 months; express consent does not expire.
    c.consent.marketing_needs_consent = true;
    c.consent.marketing_bases = {ConsentBasis::kExpress, ConsentBasis::kImpliedPurchase,
                                 ConsentBasis::kImpliedInquiry};
    c.consent.implied_purchase_lasts = months(24);
    c.consent.implied_inquiry_lasts = months(6);
    c.valid_from = from(RuleChange::kCaCasl);
    c.sources = "S.C. 2010, c. 23, s. 6, 10(9)-(10), 11; CRTC guidance (com500/guide.htm)";
    return c;
  }();
  return p;
}

std::array<const Pack*, 12> all() {
  return {&whatsapp(), &us_tcpa(), &us_fl(), &us_ok(), &us_md(), &us_tx(),
          &us_or(),    &us_ct(),   &eu_gdpr(), &de(),  &it(),    &ca_casl()};
}

}  // namespace packs
}  // namespace sendpolicy
