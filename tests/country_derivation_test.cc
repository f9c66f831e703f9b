// Issue 17 item 6: a recipient without `country` (or `region`) gets the
// packs of the phone number's country, and the decision says the country
// was derived. Before, a +1 text with no country matched no pack at all and
// was allowed at 05:00 local time.
#include "pack_support.h"

#include "sendpolicy/phone.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

bool has_warning(const SendDecision& d, WarningCode code, std::string_view detail) {
  for (const Warning& w : d.warnings) {
    if (w.code == code && w.detail == detail) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("calling_code_country: calling codes, +1 area codes, shared ranges", "[phone]") {
  auto [number, country] = GENERATE(table<const char*, const char*>({
      {"+12125550123", "US"},   // New York
      {"+13055550123", "US"},   // Miami
      {"+16455550123", "US"},   // Florida overlay of 2023 (any unlisted code is US)
      {"+14165550123", "CA"},   // Toronto
      {"+13825550123", "CA"},   // Ontario overlay of 2023 (newer than libphonenumber 2022)
      {"+15845550123", "CA"},   // Manitoba overlay of 2025
      {"+17535550123", "CA"},   // Ontario overlay of 2025
      {"+18765550123", "JM"},   // Jamaica
      {"+16585550123", "JM"},   // Jamaica's second code
      {"+17875550123", "PR"},   // Puerto Rico
      {"+16715550123", "GU"},   // Guam
      {"+12425550123", "BS"},   // Bahamas
      {"+18095550123", "DO"},   // Dominican Republic
      // The edges of the +1 table: its lowest (204) and highest (942)
      // rows and the unlisted (US) codes beside them.
      {"+12035550123", "US"},
      {"+12045550123", "CA"},
      {"+12055550123", "US"},
      {"+19395550123", "PR"},   // Puerto Rico's second code
      {"+19415550123", "US"},
      {"+19425550123", "CA"},
      {"+19435550123", "US"},
      {"+13405550123", "VI"},   // US Virgin Islands
      {"+16845550123", "AS"},   // American Samoa
      {"+393471234567", "IT"},
      {"+390669812345", "VA"},  // Vatican City inside +39
      {"+442071234567", "GB"},
      {"+441534712345", "JE"},  // Jersey inside +44
      {"+441481712345", "GG"},  // Guernsey
      {"+447624123456", "IM"},  // Isle of Man
      {"+74951234567", "RU"},
      {"+77011234567", "KZ"},   // Kazakhstan inside +7
      {"+4779123456", "SJ"},    // Svalbard inside +47
      {"+358181234567", "AX"},  // Åland inside +358
      {"+4915112345678", "DE"},
      {"+35312345678", "IE"},   // three-digit code
      {"+80012345678", ""},     // non-geographic: no country
      {"+88212345678", ""},
      {"+393471234567x", ""},   // not E.164
      {"", ""},
  }));
  CAPTURE(number);
  CHECK(calling_code_country(number) == country);
}

TEST_CASE("a +1 text without country gets the US packs and says the country was derived",
          "[packs][country]") {
  const Policy policy = Policy::whatsapp();
  // New York, EST (UTC-5): TCPA allows 08:00-21:00.
  auto [name, now, verdict] = GENERATE(table<const char*, const char*, Verdict>({
      {"05:00 local", "2026-03-03T10:00:00Z", Verdict::kDefer},
      {"07:59:59 local", "2026-03-03T12:59:59Z", Verdict::kDefer},
      {"08:00:00 local", "2026-03-03T13:00:00Z", Verdict::kAllow},
  }));
  CAPTURE(name);
  SendRequest r = sms_marketing(now);
  r.recipient.country.clear();
  r.recipient.region.clear();
  const SendDecision d = evaluate(policy, r);
  CHECK(d.verdict == verdict);
  if (verdict == Verdict::kDefer) {
    CHECK(rule_of(d, ReasonCode::kQuietHours) == "us_tcpa");
    REQUIRE(d.retry_at.has_value());
    CHECK(format_timestamp(*d.retry_at) == "2026-03-03T13:00:00Z");
  }
  // Said where the derived country's pack decided: not when it let the text go.
  CHECK(has_warning(d, WarningCode::kCountryDerivedFromPhone, "US") ==
        (verdict != Verdict::kAllow));
  if (verdict != Verdict::kAllow) {
    CHECK(warning_message(d, d.warnings[0]).find("derived from the phone number") !=
          std::string::npos);
  }
}

TEST_CASE("a given country or region is used as given, without the warning", "[packs][country]") {
  const Policy policy = Policy::whatsapp();
  SendRequest r = sms_marketing("2026-03-03T10:00:00Z");
  SECTION("country given") { r.recipient.region.clear(); }
  SECTION("region only") { r.recipient.country.clear(); }
  SECTION("country differs from the number's: the caller's word wins") {
    r.recipient.country = "IT";
    r.recipient.region.clear();
  }
  const SendDecision d = evaluate(policy, r);
  for (const Warning& w : d.warnings) CHECK(w.code != WarningCode::kCountryDerivedFromPhone);
  if (r.recipient.country == "IT") {
    CHECK(rule_of(d, ReasonCode::kQuietHours).empty());
  } else {
    CHECK(rule_of(d, ReasonCode::kQuietHours) == "us_tcpa");
  }
}

TEST_CASE("a derived country that selects no pack adds no warning", "[packs][country]") {
  SendRequest r = sms_marketing("2026-03-03T10:00:00Z");
  r.recipient.country.clear();
  r.recipient.region.clear();
  r.recipient.phone = "+81312345678";  // Japan: no built-in pack
  r.consent->phone = r.recipient.phone;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  for (const Warning& w : d.warnings) CHECK(w.code != WarningCode::kCountryDerivedFromPhone);
  CHECK(d.verdict == Verdict::kAllow);
}

TEST_CASE("a Canadian number without country gets the Canadian pack", "[packs][country]") {
  // 02:00 in Toronto: the US TCPA hours do not apply to Canada, CASL's
  // consent rules do; with an implied consent CASL denies marketing.
  SendRequest r = sms_marketing("2026-03-03T07:00:00Z", "", "America/Toronto");
  r.recipient.country.clear();
  r.recipient.phone = "+14165550123";
  r.consent->phone = r.recipient.phone;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(rule_of(d, ReasonCode::kQuietHours).empty());
  bool casl = false;
  for (const Reason& reason : d.reasons) casl = casl || reason.rule == std::string_view("ca_casl");
  if (casl) CHECK(has_warning(d, WarningCode::kCountryDerivedFromPhone, "CA"));
}
