// Consent ledgers of users known by a WhatsApp user ID (BSUID), a phone, or
// both: BSUID-keyed ledgers fold like their phone-keyed twins, links join the
// two identifiers, contradicting links are errors, and a number change starts
// a new identity (docs/identity.md).
#include <algorithm>
#include <string>
#include <vector>

#include "sendpolicy/lifecycle/consent_ledger.h"
#include "sendpolicy/lifecycle/evidence.h"
#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace identity_ledger_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");
constexpr const char* kBiz = "acme";
constexpr const char* kUser = "IT.13491208655302741918";
using Purposes = std::vector<std::string>;

Timestamp day(int d) { return kNow - Duration(86400) * (100 - d); }

ConsentEvent opt_in(int d, const std::string& who, Purposes p = {"order_updates", "marketing"}) {
  ConsentEvent e = ConsentEvent::opt_in(day(d), who, kBiz, std::move(p));
  e.notice = NoticeShown{true, true, true, true};
  e.notice_version = "2026-01";
  e.evidence_ref = "form-1";
  return e;
}

ConsentEvent withdraw(int d, const std::string& who, Purposes p = {}) {
  return ConsentEvent::withdrawal(day(d), who, kBiz, WithdrawalChannel::kKeyword, std::move(p));
}

ConsentEvent re_opt_in(int d, const std::string& who) {
  return ConsentEvent::re_opt_in(day(d), who, kBiz);
}

// The same ledger keyed by `who` (a phone or a BSUID) in every event.
std::vector<ConsentEvent> keyed(std::vector<ConsentEvent> events, const std::string& who) {
  for (ConsentEvent& e : events) {
    e.phone.clear();
    e.user_id.clear();
    (is_bsuid(who) ? e.user_id : e.phone) = who;
  }
  return events;
}

std::string fold_error(const std::vector<ConsentEvent>& events,
                       const std::vector<IdentityLink>& links) {
  const absl::StatusOr<FoldedConsent> f = fold_consent(events, kNow, links);
  return f.ok() ? std::string("ok") : std::string(f.status().message());
}

// "verdict: code, code" for comparing twins.
std::string outcome(const SendDecision& d) {
  std::string s(to_string(d.verdict));
  for (const Reason& r : d.reasons) s += " " + std::string(to_string(r.code));
  return s;
}

}  // namespace

TEST_CASE("The ledger builders put a BSUID in user_id and a number in phone", "[lifecycle][ledger][identity]") {
  const ConsentEvent by_user = ConsentEvent::opt_in(day(1), kUser, kBiz, {"x"});
  CHECK(by_user.user_id == kUser);
  CHECK(by_user.phone.empty());
  const ConsentEvent by_phone = ConsentEvent::withdrawal(day(1), kPhone, kBiz, WithdrawalChannel::kUi);
  CHECK(by_phone.phone == kPhone);
  CHECK(by_phone.user_id.empty());
  // Not a BSUID (lower-case prefix): it stays in phone, where the fold rejects it.
  const ConsentEvent typo = ConsentEvent::re_opt_in(day(1), "it.1349", kBiz);
  CHECK(typo.phone == "it.1349");
  CHECK(fold_error({opt_in(0, kPhone), typo}, {}).find("events[1].phone: is not E.164") == 0);
}

TEST_CASE("A BSUID-keyed ledger folds and decides like its phone-keyed twin", "[lifecycle][ledger][identity]") {
  struct Row {
    const char* name;
    std::vector<ConsentEvent> events;  // keyed by phone; the twin by BSUID
  };
  const std::vector<Row> rows = {
      {"opt-in", {opt_in(1, kPhone)}},
      {"marketing withdrawn by keyword", {opt_in(1, kPhone), withdraw(5, kPhone, {"marketing"})}},
      {"withdrawn", {opt_in(1, kPhone), withdraw(5, kPhone)}},
      {"withdrawn, then re-opted in", {opt_in(1, kPhone), withdraw(5, kPhone), re_opt_in(9, kPhone)}},
      {"opt-out with no opt-in before it", {withdraw(5, kPhone)}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const absl::StatusOr<FoldedConsent> by_phone = fold_consent(row.events, kNow);
    const absl::StatusOr<FoldedConsent> by_user = fold_consent(keyed(row.events, kUser), kNow);
    REQUIRE(by_phone.ok());
    REQUIRE(by_user.ok());
    REQUIRE(by_phone->consent.has_value());
    REQUIRE(by_user->consent.has_value());
    ConsentRecord a = *by_phone->consent;
    ConsentRecord b = *by_user->consent;
    CHECK(a.phone == kPhone);
    CHECK(a.user_id.empty());
    CHECK(b.phone.empty());
    CHECK(b.user_id == kUser);
    CHECK(a.status == b.status);
    CHECK(a.granted_at == b.granted_at);
    CHECK(a.withdrawn_at == b.withdrawn_at);
    CHECK(a.purposes == b.purposes);
    CHECK(by_phone->withdrawn_via == by_user->withdrawn_via);
    CHECK(by_phone->withdrawn_purposes == by_user->withdrawn_purposes);

    for (bool marketing : {false, true}) {
      SendRequest to_phone = marketing ? marketing_template_request() : utility_template_request();
      to_phone.message.purpose = marketing ? "marketing" : "order_updates";
      to_phone.consent = a;
      SendRequest to_user = to_phone;
      to_user.recipient.phone.clear();
      to_user.recipient.user_id = kUser;
      to_user.recipient.country.clear();  // the prefix says IT
      to_user.consent = b;
      CAPTURE(marketing);
      CHECK(outcome(evaluate(Policy::whatsapp(), to_phone)) ==
            outcome(evaluate(Policy::whatsapp(), to_user)));
    }
  }
}

TEST_CASE("A link joins events keyed by phone and by BSUID into one ledger", "[lifecycle][ledger][identity]") {
  // The opt-in came from the web form (a number); the STOP for marketing
  // came from a WhatsApp webhook that carried only the BSUID.
  const std::vector<ConsentEvent> events = {opt_in(1, kPhone), withdraw(5, kUser, {"marketing"})};
  const std::vector<IdentityLink> links = {{kPhone, kUser}};

  SECTION("without the link they are two users") {
    CHECK(fold_error(events, {}).find("events[1].user_id: differs from events[0]") == 0);
    const auto all = fold_ledgers(events, kNow);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].user_id == kUser);  // ("", BSUID) sorts before ("+39...", "")
    CHECK((*all)[0].phone.empty());
    CHECK_FALSE((*all)[0].state.consent.has_value());  // a purpose withdrawn from nothing
    CHECK((*all)[1].phone == kPhone);
    CHECK((*all)[1].state.consent->purposes == Purposes{"order_updates", "marketing"});
  }
  SECTION("with it, one ledger whose record carries both identifiers") {
    const absl::StatusOr<FoldedConsent> f = fold_consent(events, kNow, links);
    REQUIRE(f.ok());
    REQUIRE(f->consent.has_value());
    CHECK(f->consent->phone == kPhone);
    CHECK(f->consent->user_id == kUser);
    CHECK(f->consent->purposes == Purposes{"order_updates"});
    const auto all = fold_ledgers(events, kNow, links);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    CHECK((*all)[0].phone == kPhone);
    CHECK((*all)[0].user_id == kUser);

    // The record belongs to the recipient whichever identifier the send has.
    for (const char* phone : {kPhone, ""}) {
      CAPTURE(phone);
      SendRequest r = marketing_template_request();
      r.message.purpose = "marketing";
      r.recipient.phone = phone;
      r.recipient.user_id = kUser;
      r.consent = f->consent;
      CHECK(outcome(evaluate(Policy::whatsapp(), r)) == "deny purpose_not_consented");
      r.message.template_info->category = Category::kUtility;
      r.message.purpose = "order_updates";
      CHECK(evaluate(Policy::whatsapp(), r).allowed());
    }
  }
  SECTION("an event carrying both identifiers links them too") {
    ConsentEvent both = opt_in(1, kPhone);
    both.user_id = kUser;
    const absl::StatusOr<FoldedConsent> f = fold_consent({both, withdraw(5, kUser)}, kNow);
    REQUIRE(f.ok());
    CHECK(f->consent->withdrawn());
    CHECK(f->consent->phone == kPhone);
    SendRequest r = utility_template_request();  // by phone only
    r.consent = f->consent;
    CHECK(outcome(evaluate(Policy::whatsapp(), r)) == "deny opt_in_withdrawn");
  }
}

TEST_CASE("Identifiers and links are checked, contradicting links are errors", "[lifecycle][ledger][identity][errors]") {
  constexpr const char* kOtherPhone = "+393479999999";
  constexpr const char* kOtherUser = "IT.99";
  ConsentEvent nobody = opt_in(1, kPhone);
  nobody.phone.clear();
  ConsentEvent both_other = opt_in(1, kPhone);
  both_other.user_id = kOtherUser;
  struct Row {
    const char* name;
    std::vector<ConsentEvent> events;
    std::vector<IdentityLink> links;
    const char* message;  // prefix of the error
  };
  const std::vector<Row> rows = {
      {"no identifier", {nobody}, {}, "events[0].phone: is required (or user_id"},
      {"bad BSUID", {opt_in(1, kPhone), withdraw(2, "IT.")}, {}, "events[1].phone: is not E.164"},
      {"lower-case link", {opt_in(1, kPhone)}, {{kPhone, "it.1349"}}, "links[0].user_id: is not a WhatsApp user ID"},
      {"link without phone", {opt_in(1, kPhone)}, {{"", kUser}}, "links[0].phone: is not E.164"},
      {"one number, two BSUIDs", {opt_in(1, kPhone)}, {{kPhone, kUser}, {kPhone, kOtherUser}},
       "links[1].user_id: contradicts links[0], which pairs the same phone with another user ID"},
      {"one BSUID, two numbers", {opt_in(1, kPhone)}, {{kPhone, kUser}, {kOtherPhone, kUser}},
       "links[1].phone: contradicts links[0], which pairs the same user ID with another phone"},
      {"an event contradicts a link", {both_other}, {{kPhone, kUser}},
       "events[0].user_id: contradicts links[0]"},
      {"a consistent event and link", {both_other}, {{kPhone, kOtherUser}}, "ok"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const std::string error = fold_error(row.events, row.links);
    CAPTURE(error);
    CHECK(error.find(row.message) == 0);
  }
  // "IT." is not a BSUID, so the builder kept it as a phone: re-key it.
  ConsentEvent bad_user = withdraw(2, kPhone);
  bad_user.phone.clear();
  bad_user.user_id = "IT.";
  CHECK(fold_error({opt_in(1, kPhone), bad_user}, {}).find("events[1].user_id: is not a WhatsApp user ID") == 0);
}

TEST_CASE("After user_changed_number the new number and BSUID are a new ledger", "[lifecycle][ledger][identity]") {
  // Before: +39 347 123 4567 with BSUID IT.1349...; the user opted in, then
  // stopped marketing. WhatsApp reports user_changed_number: a new number
  // and a new BSUID, linked by the webhook that carried both.
  constexpr const char* kNewPhone = "+393470000001";
  constexpr const char* kNewUser = "IT.55";
  ConsentEvent old_opt_in = opt_in(1, kPhone);
  old_opt_in.user_id = kUser;
  const std::vector<IdentityLink> links = {{kPhone, kUser}, {kNewPhone, kNewUser}};
  // The business carries the user's opt-out over to the new identity (an
  // extra withdrawal is always safe), never a grant.
  const std::vector<ConsentEvent> events = {old_opt_in, withdraw(20, kUser, {"marketing"}),
                                            withdraw(30, kNewUser)};
  const auto all = fold_ledgers(events, kNow, links);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  const LedgerEntry& new_identity = (*all)[0];  // "+393470000001" sorts before "+393471234567"
  const LedgerEntry& old_identity = (*all)[1];
  CHECK(new_identity.phone == kNewPhone);
  CHECK(new_identity.user_id == kNewUser);
  REQUIRE(new_identity.state.consent.has_value());
  CHECK(new_identity.state.consent->withdrawn());
  CHECK(old_identity.phone == kPhone);
  CHECK(old_identity.user_id == kUser);
  REQUIRE(old_identity.state.consent.has_value());
  CHECK(old_identity.state.consent->purposes == Purposes{"order_updates"});

  for (const char* phone : {kNewPhone, ""}) {
    CAPTURE(phone);
    SendRequest r = utility_template_request();
    r.recipient.phone = phone;
    r.recipient.user_id = kNewUser;
    // The old grant does not follow the new number or the new BSUID...
    r.consent = old_identity.state.consent;
    CHECK(outcome(evaluate(Policy::whatsapp(), r)) == "deny opt_in_number_mismatch");
    // ...and the carried-over opt-out blocks.
    r.consent = new_identity.state.consent;
    CHECK(outcome(evaluate(Policy::whatsapp(), r)) == "deny opt_in_withdrawn");
  }
  // Linking the old number to the new BSUID contradicts the old pair.
  std::vector<IdentityLink> wrong = links;
  wrong.push_back({kPhone, kNewUser});
  const auto bad = fold_ledgers(events, kNow, wrong);
  REQUIRE_FALSE(bad.ok());
  CHECK(std::string(bad.status().message()).find("links[2].user_id: contradicts links[0]") == 0);
}

TEST_CASE("A consent under a BSUID names who consented", "[lifecycle][evidence][identity]") {
  ConsentRecord c = good_consent(kNow);
  c.phone.clear();
  c.user_id = kUser;
  const EvidenceReport r = check_evidence(c);
  CHECK(std::find(r.gaps.begin(), r.gaps.end(), EvidenceGap::kNoNumber) == r.gaps.end());
  c.user_id = "it.1";  // not a BSUID
  const EvidenceReport bad = check_evidence(c);
  CHECK(std::find(bad.gaps.begin(), bad.gaps.end(), EvidenceGap::kNoNumber) != bad.gaps.end());
}

}  // namespace identity_ledger_test
