// Recipients named by a WhatsApp business-scoped user ID (BSUID): the ID's
// shape, who a consent belongs to, and decisions that do not depend on
// whether the user is known by number or by BSUID, except where a rule needs
// the number (wire v1.1, "Recipients without a phone number").
#include <string>
#include <vector>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

constexpr const char* kUser = "IT.13491208655302741918";

std::string repeat(char c, std::size_t n) { return std::string(n, c); }

// The same request with the recipient and the consent keyed by `user_id`
// instead of a phone number, the country left to the BSUID's prefix.
SendRequest bsuid_twin(SendRequest r, const std::string& user_id) {
  r.recipient.phone.clear();
  r.recipient.country.clear();
  r.recipient.user_id = user_id;
  if (r.consent) {
    r.consent->phone.clear();
    r.consent->user_id = user_id;
  }
  return r;
}

// "code [rule] error at" for every reason, then every warning's code. The
// sentences may differ (a destination_restricted names the BSUID's prefix).
std::string outline(const SendDecision& d) {
  std::string s(to_string(d.verdict));
  if (d.retry_at) s += " until " + format_timestamp(*d.retry_at);
  for (const Reason& r : d.reasons) {
    s += "; " + std::string(to_string(r.code)) + " [" + std::string(r.rule) + "] " +
         std::to_string(r.platform_error);
    if (r.at) s += " " + format_timestamp(*r.at);
  }
  for (const Warning& w : d.warnings) s += "; warning " + std::string(to_string(w.code));
  return s;
}

void check_same_decision(const SendDecision& a, const SendDecision& b) {
  CHECK(outline(a) == outline(b));
  CHECK(a.billing == b.billing);
  CHECK(a.window.open == b.window.open);
  CHECK(a.window.closes_at == b.window.closes_at);
  CHECK(a.required_form == b.required_form);
}

}  // namespace

TEST_CASE("A BSUID is CC. or CC.ENT. then 1 to 128 letters or digits", "[identity][bsuid]") {
  struct Row {
    std::string id;
    bool bsuid;
    bool parent;
    const char* country;
  };
  auto row = GENERATE(values<Row>({
      {"US.13491208655302741918", true, false, "US"},      // Meta's example
      {"US.ENT.11815799212886844830", true, true, "US"},   // parent BSUID
      {"DE.a", true, false, "DE"},                          // one character
      {"BR.abcXYZ019", true, false, "BR"},                  // letters of both cases
      {"US." + repeat('7', 128), true, false, "US"},        // 128: the longest
      {"US." + repeat('7', 129), false, false, ""},         // 129: one too many
      {"US.ENT." + repeat('7', 128), true, true, "US"},
      {"US.ENT." + repeat('7', 129), false, false, ""},
      {"US.ENT", true, false, "US"},   // "ENT" is a body of letters, not a parent prefix
      {"US.ENT.", false, false, ""},   // parent prefix, empty body
      {"US.", false, false, ""},       // empty body
      {"US.ENT.ENT.1", false, false, ""},
      {"us.13491208655302741918", false, false, ""},  // lower-case prefix
      {"Us.1349", false, false, ""},
      {"us.ENT.1349", false, false, ""},
      {"13491208655302741918", false, false, ""},   // digits only: no prefix
      {"+13491208655", false, false, ""},           // a phone number
      {"USA.1349", false, false, ""},
      {"U.1349", false, false, ""},
      {"1S.1349", false, false, ""},
      {"US-1349", false, false, ""},
      {"US.1349-1", false, false, ""},
      {"US.1349 ", false, false, ""},
      {" US.1349", false, false, ""},
      {"US.13\xC3\xA9", false, false, ""},  // non-ASCII letter
      {"", false, false, ""},
  }));
  CAPTURE(row.id);
  CHECK(is_bsuid(row.id) == row.bsuid);
  CHECK(is_parent_bsuid(row.id) == row.parent);
  CHECK(bsuid_country(row.id) == row.country);
  if (row.bsuid) CHECK_FALSE(is_e164(row.id));  // never a phone number, whatever its digits
}

TEST_CASE("Validation: a phone or, on WhatsApp, a BSUID names the recipient", "[identity][validate]") {
  struct Row {
    Channel channel;
    const char* phone;
    std::string user_id;
    const char* field;  // nullptr: valid
    const char* problem;
  };
  auto row = GENERATE(values<Row>({
      {Channel::kWhatsApp, "", kUser, nullptr, ""},
      {Channel::kWhatsApp, kPhone, kUser, nullptr, ""},
      {Channel::kWhatsApp, "", "US.ENT.11815799212886844830", nullptr, ""},
      {Channel::kWhatsApp, "", "US." + repeat('1', 128), nullptr, ""},
      {Channel::kWhatsApp, "", "US." + repeat('1', 129), "recipient.user_id",
       "is not a WhatsApp user ID (CC. or CC.ENT. then 1 to 128 letters or digits)"},
      {Channel::kWhatsApp, "", "", "recipient.phone", "is required (or recipient.user_id)"},
      {Channel::kWhatsApp, "", "it.13491208655302741918", "recipient.user_id",
       "is not a WhatsApp user ID (CC. or CC.ENT. then 1 to 128 letters or digits)"},
      // A BSUID's digits are not a number, and a number is not a BSUID.
      {Channel::kWhatsApp, "", "13491208655302741918", "recipient.user_id",
       "is not a WhatsApp user ID (CC. or CC.ENT. then 1 to 128 letters or digits)"},
      {Channel::kWhatsApp, "", kPhone, "recipient.user_id",
       "is not a WhatsApp user ID (CC. or CC.ENT. then 1 to 128 letters or digits)"},
      {Channel::kWhatsApp, kUser, "", "recipient.phone", "is not E.164 ('+' and 8 to 15 digits)"},
      // SMS always needs a number; other channels have no BSUIDs.
      {Channel::kSms, "", "", "recipient.phone", "is required on SMS"},
      {Channel::kSms, "", kUser, "recipient.user_id", "is only valid on WhatsApp"},
      {Channel::kSms, kPhone, kUser, "recipient.user_id", "is only valid on WhatsApp"},
      {Channel::kMessenger, kPhone, kUser, "recipient.user_id", "is only valid on WhatsApp"},
      {Channel::kInstagram, "", kUser, "recipient.user_id", "is only valid on WhatsApp"},
      {Channel::kMessenger, "", "", "recipient.phone", "is required"},
      {Channel::kSms, kPhone, "", nullptr, ""},
  }));
  CAPTURE(to_string(row.channel), row.phone, row.user_id);
  SendRequest r = free_form_reply_request();
  r.channel = row.channel;
  r.recipient.phone = row.phone;
  r.recipient.user_id = row.user_id;
  const std::optional<FieldError> e = find_invalid_field(r);
  if (row.field == nullptr) {
    CHECK_FALSE(e.has_value());
  } else {
    REQUIRE(e.has_value());
    CHECK(e->field == row.field);
    CHECK(e->problem == row.problem);
    CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kInvalidRequest));
  }
}

TEST_CASE("Validation: a consent names a phone, a BSUID or both", "[identity][validate]") {
  struct Row {
    const char* phone;
    const char* user_id;
    const char* field;  // nullptr: valid
  };
  auto row = GENERATE(values<Row>({
      {kPhone, "", nullptr},
      {"", kUser, nullptr},
      {kPhone, kUser, nullptr},
      {"", "", "consent.phone"},
      {"", "IT.", "consent.user_id"},
      {"", "US.ENT.", "consent.user_id"},
      {kPhone, "it.1", "consent.user_id"},
      {kUser, "", "consent.phone"},  // a BSUID in the phone field is not a number
  }));
  CAPTURE(row.phone, row.user_id);
  SendRequest r = utility_template_request();
  r.consent->phone = row.phone;
  r.consent->user_id = row.user_id;
  const std::optional<FieldError> e = find_invalid_field(r);
  if (row.field == nullptr) {
    CHECK_FALSE(e.has_value());
  } else {
    REQUIRE(e.has_value());
    CHECK(e->field == row.field);
  }
}

TEST_CASE("A consent belongs to the recipient by phone, or by BSUID where a phone is missing", "[identity][consent]") {
  constexpr const char* kOtherPhone = "+393479999999";
  constexpr const char* kOtherUser = "IT.99";
  struct Row {
    const char* consent_phone;
    const char* consent_user;
    const char* recipient_phone;
    const char* recipient_user;
    IdentityMismatch expected;
  };
  auto row = GENERATE(values<Row>({
      {kPhone, "", kPhone, "", IdentityMismatch::kNone},
      {kPhone, "", kOtherPhone, "", IdentityMismatch::kPhone},
      // Phones decide when both sides have one, whatever the BSUIDs say.
      {kPhone, kUser, kPhone, kOtherUser, IdentityMismatch::kNone},
      {kPhone, kUser, kOtherPhone, kUser, IdentityMismatch::kPhone},
      // A side without a phone: the BSUIDs decide.
      {"", kUser, "", kUser, IdentityMismatch::kNone},
      {"", kUser, kPhone, kUser, IdentityMismatch::kNone},
      {kPhone, kUser, "", kUser, IdentityMismatch::kNone},
      {"", kUser, "", kOtherUser, IdentityMismatch::kUserId},
      {kPhone, kUser, "", kOtherUser, IdentityMismatch::kUserId},
      {kPhone, "", "", kUser, IdentityMismatch::kConsentUserIdMissing},
      {"", kUser, kPhone, "", IdentityMismatch::kRecipientUserIdMissing},
      // A parent BSUID is another identifier than the business-scoped one.
      {"", "IT.ENT.13491208655302741918", "", kUser, IdentityMismatch::kUserId},
  }));
  CAPTURE(row.consent_phone, row.consent_user, row.recipient_phone, row.recipient_user);
  ConsentRecord c;
  c.phone = row.consent_phone;
  c.user_id = row.consent_user;
  Recipient to;
  to.phone = row.recipient_phone;
  to.user_id = row.recipient_user;
  CHECK(identity_mismatch(c, to) == row.expected);
  CHECK(consent_belongs_to(c, to) == (row.expected == IdentityMismatch::kNone));

  // evaluate() reports it as opt_in_number_mismatch naming the identifier.
  SendRequest r = utility_template_request();
  r.recipient.phone = row.recipient_phone;
  r.recipient.user_id = row.recipient_user;
  r.consent->phone = row.consent_phone;
  r.consent->user_id = row.consent_user;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  if (row.expected == IdentityMismatch::kNone) {
    CHECK(d.allowed());
  } else {
    REQUIRE(d.reasons.size() == 1);
    CHECK(d.reasons[0].code == ReasonCode::kOptInNumberMismatch);
    CHECK(d.reasons[0].detail == to_string(row.expected));
  }
}

TEST_CASE("opt_in_number_mismatch says which identifier did not match", "[identity][explain]") {
  SendRequest r = utility_template_request();
  r.recipient.phone.clear();
  r.recipient.user_id = kUser;
  r.consent->phone.clear();
  r.consent->user_id = "IT.99";
  CHECK(explain(evaluate(Policy::whatsapp(), r)) ==
        "deny\n  opt_in_number_mismatch [whatsapp.opt_in.number]: the consent was given under a "
        "different WhatsApp user ID (consent.user_id) than the recipient's (recipient.user_id)\n");
  r.consent->phone = kPhone;
  r.consent->user_id.clear();
  CHECK(explain(evaluate(Policy::whatsapp(), r)) ==
        "deny\n  opt_in_number_mismatch [whatsapp.opt_in.number]: the recipient has no phone "
        "number and the consent names no WhatsApp user ID (consent.user_id) to match "
        "recipient.user_id\n");
  r.recipient.phone = "+393479999999";
  CHECK(explain(evaluate(Policy::whatsapp(), r)) ==
        "deny\n  opt_in_number_mismatch [whatsapp.opt_in.number]: the consent was given for a "
        "different phone number (consent.phone) than the recipient's (recipient.phone)\n");
}

TEST_CASE("The destination country: country, then region, then the BSUID's prefix", "[identity][packs]") {
  struct Row {
    const char* country;
    const char* region;
    const char* user_id;
    const char* expected;
  };
  auto row = GENERATE(values<Row>({
      {"IT", "", "US.1", "IT"},
      {"", "US-FL", "IT.1", "US"},
      {"", "", "DE.1", "DE"},
      {"", "", "US.ENT.1", "US"},
      {"", "", "", ""},
      {"", "", "us.1", ""},  // not a BSUID: no country
  }));
  Recipient to;
  to.country = row.country;
  to.region = row.region;
  to.user_id = row.user_id;
  CHECK(destination_country(to) == row.expected);
}

TEST_CASE("A BSUID-keyed request gets its phone-keyed twin's decision", "[identity][twins]") {
  // Each row is a phone-keyed request with an explicit country; its twin has
  // no phone and no country, only a BSUID of that country, and a consent
  // collected under that BSUID.
  struct Row {
    const char* name;
    SendRequest request;
    const char* user_id;
  };
  const Timestamp now = at("2026-03-02T12:00:00Z");
  std::vector<Row> rows;
  rows.push_back({"utility template, consent on file", utility_template_request(), kUser});
  {
    SendRequest r = marketing_template_request();  // Italy: eu_gdpr and it packs judge it
    rows.push_back({"marketing template in Italy", r, kUser});
    r.consent->purposes = {"order_updates"};
    rows.push_back({"marketing outside the consented purposes", r, kUser});
    r = marketing_template_request();
    r.consent->method = ConsentMethod::kPreTicked;
    r.window = ServiceWindow{now - 1h};
    rows.push_back({"pre-ticked consent, marketing in the window (pack judges it)", r, kUser});
  }
  {
    SendRequest r = marketing_template_request();
    r.recipient.country = "DE";
    rows.push_back({"marketing in Germany without double opt-in", r, "DE.77"});
  }
  {
    SendRequest r = marketing_template_request();
    r.recipient.marketing_opted_out = true;
    rows.push_back({"Stop promotions", r, kUser});
  }
  {
    SendRequest r = free_form_reply_request();
    r.recipient.country = "IT";
    rows.push_back({"free-form reply in the window, no consent", r, kUser});
    r.window = ServiceWindow{now - 24h};
    rows.push_back({"free-form reply at the window's end", r, kUser});
    r.window.reset();
    r.history = {ConversationEvent{now - 3h, Direction::kInbound, EventType::kText, "STOP",
                                   std::nullopt}};
    rows.push_back({"STOP in the history", r, kUser});
  }
  {
    SendRequest r = utility_template_request();
    r.history = {ConversationEvent{now - 24h * 40, Direction::kInbound, EventType::kText, "STOP",
                                   std::nullopt}};
    rows.push_back({"a later explicit opt-in supersedes an old STOP", r, kUser});
  }
  {
    SendRequest r = utility_template_request();
    r.consent->status = ConsentStatus::kWithdrawn;
    r.consent->withdrawn_at = now - 1h;
    rows.push_back({"consent withdrawn", r, kUser});
    r = utility_template_request();
    r.consent.reset();
    rows.push_back({"no consent", r, kUser});
  }
  {
    SendRequest r = marketing_template_request();
    r.recipient.phone = "+12125550123";
    r.recipient.country = "US";
    r.consent->phone = r.recipient.phone;
    rows.push_back({"US marketing pause", r, "US.13491208655302741918"});
    r.now = at("2025-03-31T23:59:59Z");
    r.consent->granted_at = r.now - 24h;
    rows.push_back({"the instant before the US marketing pause", r, "US.13491208655302741918"});
    r.now = at("2025-04-01T00:00:00Z");
    rows.push_back({"the first instant of the US marketing pause", r, "US.13491208655302741918"});
  }
  {
    SendRequest r = marketing_template_request();
    r.recipient.phone = "+14165550123";  // Toronto
    r.recipient.country = "CA";
    r.consent->phone = r.recipient.phone;
    rows.push_back({"Canada: no pause, CASL judges consent", r, "CA.88"});
  }
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const SendDecision by_phone = evaluate(Policy::whatsapp(), row.request);
    const SendDecision by_user = evaluate(Policy::whatsapp(), bsuid_twin(row.request, row.user_id));
    CHECK_FALSE(by_phone.has(ReasonCode::kInvalidRequest));
    check_same_decision(by_phone, by_user);
  }
}

TEST_CASE("The twins differ only where a rule needs the number", "[identity][twins]") {
  SECTION("authentication templates need a phone number") {
    SendRequest r = utility_template_request();
    r.message.purpose = "login";
    r.message.template_info->category = Category::kAuthentication;
    r.consent->purposes = {"login"};
    REQUIRE(evaluate(Policy::whatsapp(), r).allowed());
    const SendDecision d = evaluate(Policy::whatsapp(), bsuid_twin(r, kUser));
    REQUIRE(d.reasons.size() == 1);
    CHECK(d.reasons[0].code == ReasonCode::kPhoneNumberRequired);
    CHECK(d.reasons[0].rule == "whatsapp.identity.phone_required");
    CHECK(d.reasons[0].platform_error == 0);  // no source good enough to predict one
    // With the number as well as the BSUID it goes.
    SendRequest both = bsuid_twin(r, kUser);
    both.recipient.phone = kPhone;
    CHECK(evaluate(Policy::whatsapp(), both).allowed());
  }
  SECTION("other categories do not") {
    auto category = GENERATE(Category::kUtility, Category::kMarketing);
    SendRequest r = marketing_template_request();
    r.message.template_info->category = category;
    CHECK_FALSE(evaluate(Policy::whatsapp(), bsuid_twin(r, kUser)).has(ReasonCode::kPhoneNumberRequired));
  }
  SECTION("US area codes: the number decides when there is one, else the prefix") {
    struct Row {
      const char* phone;
      const char* user_id;
      bool restricted;
    };
    auto row = GENERATE(values<Row>({
        {"", "US.13491208655302741918", true},
        {"", "US.ENT.13491208655302741918", true},
        {"", "CA.13491208655302741918", false},
        {"", "PR.13491208655302741918", false},
        {"", "IT.12125550123", false},             // digits that look like a US number
        {"+14165550123", "US.1349", false},        // Toronto number: the number decides
        {"+12125550123", "CA.1349", true},         // New York number
    }));
    CAPTURE(row.phone, row.user_id);
    SendRequest r = marketing_template_request();
    r.recipient.country.clear();
    r.recipient.phone = row.phone;
    r.recipient.user_id = row.user_id;
    r.consent->phone = row.phone;
    r.consent->user_id = row.user_id;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.has(ReasonCode::kDestinationRestricted) == row.restricted);
    if (row.restricted && r.recipient.phone.empty()) {
      CHECK_THAT(explain(d), Catch::Contains("a WhatsApp user ID starting US. belongs to a US number"));
    }
  }
}

TEST_CASE("A BSUID's prefix chooses packs only when country and region are absent", "[identity][packs]") {
  // Marketing to Germany needs a double opt-in under the de pack.
  SendRequest r = marketing_template_request();
  r.recipient.phone.clear();
  r.recipient.user_id = "DE.77";
  r.consent->phone.clear();
  r.consent->user_id = "DE.77";
  r.recipient.country.clear();
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kDoubleOptInMissing));
  r.recipient.country = "BR";  // a declared country wins over the prefix
  CHECK(evaluate(Policy::whatsapp(), r).allowed());
  r.recipient.country.clear();
  r.recipient.region = "BR-SP";  // so does a region
  CHECK(evaluate(Policy::whatsapp(), r).allowed());
}
