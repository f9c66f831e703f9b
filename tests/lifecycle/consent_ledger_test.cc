// The consent ledger fold: table-driven event sequences, every transition of
// docs/lifecycle.md's state diagram, and clear errors for bad ledgers.
#include "sendpolicy/lifecycle/consent_ledger.h"

#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace consent_ledger_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");
constexpr const char* kBiz = "acme";

using Purposes = std::vector<std::string>;

ConsentEvent opt_in(int day, Purposes p = {"order_updates", "marketing"}) {
  ConsentEvent e = ConsentEvent::opt_in(kNow - Duration(86400) * (100 - day), kPhone, kBiz, std::move(p));
  e.notice = NoticeShown{true, true, true, true};
  e.notice_version = "2026-01";
  e.evidence_ref = "form-1";
  return e;
}
ConsentEvent event(int day, ConsentEventKind kind, Purposes p = {}) {
  ConsentEvent e;
  e.at = kNow - Duration(86400) * (100 - day);
  e.kind = kind;
  e.phone = kPhone;
  e.business = kBiz;
  e.purposes = std::move(p);
  return e;
}
ConsentEvent withdraw(int day, WithdrawalChannel via, Purposes p = {}) {
  ConsentEvent e = ConsentEvent::withdrawal(kNow - Duration(86400) * (100 - day), kPhone, kBiz, via, std::move(p));
  e.recorded_by = via == WithdrawalChannel::kAgent ? "agent-7" : "customer";
  return e;
}
ConsentEvent re_opt_in(int day, Purposes p = {}) {
  return ConsentEvent::re_opt_in(kNow - Duration(86400) * (100 - day), kPhone, kBiz, std::move(p));
}

enum class State { kNone, kGranted, kWithdrawn };

State state_of(const FoldedConsent& f) {
  if (!f.consent) return State::kNone;
  return f.consent->withdrawn() ? State::kWithdrawn : State::kGranted;
}

struct Sequence {
  const char* name;
  std::vector<ConsentEvent> events;
  State state;
  Purposes purposes;  // when granted
};

}  // namespace

TEST_CASE("Ledger sequences fold to the expected consent", "[lifecycle][ledger]") {
  using K = ConsentEventKind;
  using W = WithdrawalChannel;
  const std::vector<Sequence> rows = {
      {"empty ledger", {}, State::kNone, {}},
      {"opt-in", {opt_in(1)}, State::kGranted, {"order_updates", "marketing"}},
      {"opt-in, double opt-in confirmed", {opt_in(1), event(2, K::kDoubleOptInConfirmed)},
       State::kGranted, {"order_updates", "marketing"}},
      {"purposes added", {opt_in(1, {"order_updates"}), event(2, K::kPurposesAdded, {"receipts", "order_updates"})},
       State::kGranted, {"order_updates", "receipts"}},
      {"purposes removed", {opt_in(1), event(2, K::kPurposesRemoved, {"marketing"})}, State::kGranted,
       {"order_updates"}},
      {"withdrawn in the UI", {opt_in(1), withdraw(2, W::kUi)}, State::kWithdrawn, {}},
      {"withdrawn verbally to an agent", {opt_in(1), withdraw(2, W::kAgent)}, State::kWithdrawn, {}},
      {"withdrawn by keyword", {opt_in(1), withdraw(2, W::kKeyword)}, State::kWithdrawn, {}},
      {"marketing withdrawn, order updates kept", {opt_in(1), withdraw(2, W::kUi, {"marketing"})},
       State::kGranted, {"order_updates"}},
      {"withdrawn then re-opt-in restores the purposes", {opt_in(1), withdraw(2, W::kKeyword), re_opt_in(3)},
       State::kGranted, {"order_updates", "marketing"}},
      {"re-opt-in to fewer purposes", {opt_in(1), withdraw(2, W::kKeyword), re_opt_in(3, {"order_updates"})},
       State::kGranted, {"order_updates"}},
      {"new opt-in after withdrawal", {opt_in(1), withdraw(2, W::kUi), opt_in(3, {"receipts"})},
       State::kGranted, {"receipts"}},
      {"withdrawal after re-opt-in wins again", {opt_in(1), withdraw(2, W::kUi), re_opt_in(3), withdraw(4, W::kUi)},
       State::kWithdrawn, {}},
      {"withdrawal before any opt-in still blocks", {withdraw(1, W::kKeyword)}, State::kWithdrawn, {}},
      {"expired", {opt_in(1), event(50, K::kExpired)}, State::kNone, {}},
      {"expired then opt-in", {opt_in(1), event(50, K::kExpired), opt_in(60, {"receipts"})}, State::kGranted,
       {"receipts"}},
      {"expired then re-opt-in", {opt_in(1), event(50, K::kExpired), re_opt_in(60)}, State::kGranted,
       {"order_updates", "marketing"}},
      {"expiry after withdrawal keeps the withdrawal", {opt_in(1), withdraw(2, W::kUi), event(3, K::kExpired)},
       State::kWithdrawn, {}},
      {"withdrawal after expiry is recorded", {opt_in(1), event(2, K::kExpired), withdraw(3, W::kUi)},
       State::kWithdrawn, {}},
      {"grant at the same instant as a withdrawal loses", {opt_in(1), withdraw(2, W::kUi), re_opt_in(2)},
       State::kWithdrawn, {}},
      {"withdrawing every purpose leaves a consent covering nothing",
       {opt_in(1, {"marketing"}), withdraw(2, W::kUi, {"marketing"})}, State::kGranted, {}},
      // The business adding a purpose back is not the customer's opt-in.
      {"adding back a withdrawn purpose does not restore it", {opt_in(1), withdraw(2, W::kUi, {"marketing"}),
                                           event(3, K::kPurposesAdded, {"marketing"})},
       State::kGranted, {"order_updates"}},
      {"a re-opt-in naming a withdrawn purpose restores it", {opt_in(1), withdraw(2, W::kUi, {"marketing"}),
                                           re_opt_in(3, {"order_updates", "marketing"})},
       State::kGranted, {"order_updates", "marketing"}},
  };
  for (const Sequence& row : rows) {
    DYNAMIC_SECTION(row.name) {
      const absl::StatusOr<FoldedConsent> f = fold_consent(row.events, kNow);
      REQUIRE(f.ok());
      CHECK(state_of(*f) == row.state);
      CHECK(f->events == row.events.size());
      if (row.state == State::kGranted) CHECK(f->consent->purposes == row.purposes);
      if (row.state != State::kGranted) CHECK(f->withdrawn_purposes.empty());
      CHECK(f->withdrawn_via.has_value() == (row.state == State::kWithdrawn));
      // Whatever the sequence, the record is one evaluate() accepts.
      SendRequest r = utility_template_request();
      r.consent = f->consent;
      CHECK_FALSE(find_invalid_field(r).has_value());
    }
  }
}

TEST_CASE("A folded ledger keeps who, when and how", "[lifecycle][ledger]") {
  const auto f = fold_consent({opt_in(1), event(2, ConsentEventKind::kDoubleOptInConfirmed),
                               withdraw(5, WithdrawalChannel::kAgent, {"marketing"}),
                               withdraw(9, WithdrawalChannel::kAgent)},
                              kNow);
  REQUIRE(f.ok());
  REQUIRE(f->consent);
  const ConsentRecord& c = *f->consent;
  CHECK(c.phone == kPhone);
  CHECK(c.granted_at == kNow - Duration(86400) * 99);
  CHECK(c.double_opt_in_at == kNow - Duration(86400) * 98);
  CHECK(c.withdrawn_at == kNow - Duration(86400) * 91);
  CHECK(c.method == ConsentMethod::kCheckbox);
  CHECK(c.source == ConsentSource::kWebsite);
  CHECK(c.notice_version == "2026-01");
  CHECK(c.evidence_ref == "form-1");
  CHECK(f->withdrawn_via == WithdrawalChannel::kAgent);
  CHECK(f->withdrawn_by == "agent-7");
}

TEST_CASE("Re-opt-in keeps the earlier notice unless it brings its own", "[lifecycle][ledger]") {
  ConsentEvent again = re_opt_in(3);
  again.method = ConsentMethod::kKeywordReply;
  again.source = ConsentSource::kWhatsApp;
  const auto f = fold_consent({opt_in(1), event(2, ConsentEventKind::kDoubleOptInConfirmed),
                               withdraw(2, WithdrawalChannel::kKeyword), again},
                              kNow);
  REQUIRE(f.ok());
  CHECK(f->consent->method == ConsentMethod::kKeywordReply);
  CHECK(f->consent->source == ConsentSource::kWhatsApp);
  CHECK(f->consent->notice.informed());
  CHECK(f->consent->notice_version == "2026-01");
  CHECK(f->consent->granted_at == kNow - Duration(86400) * 97);
  // The double opt-in confirmed the first collection, not the re-opt-in.
  CHECK_FALSE(f->consent->double_opt_in_at.has_value());
}

TEST_CASE("Bad ledgers are errors naming the event", "[lifecycle][ledger][errors]") {
  using K = ConsentEventKind;
  ConsentEvent future = withdraw(1, WithdrawalChannel::kUi);
  future.at = kNow + 1s;  // clock skew: one second ahead is still after now
  ConsentEvent unknown = event(3, static_cast<K>(99));
  ConsentEvent no_method = opt_in(1);
  no_method.method.reset();
  ConsentEvent other_number = withdraw(2, WithdrawalChannel::kUi);
  other_number.phone = "+393479999999";
  ConsentEvent bad_phone = opt_in(1);
  bad_phone.phone = "3471234567";
  ConsentEvent no_business = opt_in(1);
  no_business.business.clear();
  ConsentEvent no_time = opt_in(1);
  no_time.at.reset();
  ConsentEvent bad_via = withdraw(2, WithdrawalChannel::kUi);
  bad_via.via = static_cast<WithdrawalChannel>(77);

  const auto [name, events, message] = GENERATE_REF(table<std::string, std::vector<ConsentEvent>, std::string>({
      {"event after now", {opt_in(1), future}, "events[1].at: is after now"},
      {"out of order", {opt_in(5), withdraw(2, WithdrawalChannel::kUi)}, "events[1].at: is earlier than events[0].at"},
      {"unknown kind", {opt_in(1), opt_in(2), unknown}, "events[2].kind: is not a known consent event kind"},
      {"opt-in without method", {no_method}, "events[0].method: is required"},
      {"double opt-in first", {event(1, K::kDoubleOptInConfirmed)}, "events[0].kind: double_opt_in_confirmed"},
      {"double opt-in after withdrawal", {opt_in(1), withdraw(2, WithdrawalChannel::kUi), event(3, K::kDoubleOptInConfirmed)},
       "events[2].kind: double_opt_in_confirmed"},
      {"purposes added to nothing", {event(1, K::kPurposesAdded, {"x"})}, "events[0].kind: purposes_added"},
      {"re-opt-in with no opt-in", {withdraw(1, WithdrawalChannel::kKeyword), re_opt_in(2)}, "events[1].kind: re_opt_in"},
      {"two ledgers mixed", {opt_in(1), other_number}, "events[1].phone: differs from events[0]"},
      {"not E.164", {bad_phone}, "events[0].phone: is not E.164"},
      {"no business", {no_business}, "events[0].business: is required"},
      {"no time", {no_time}, "events[0].at: is required"},
      {"unknown channel", {opt_in(1), bad_via}, "events[1].via: is not a known withdrawal channel"},
  }));
  CAPTURE(name);
  const absl::StatusOr<FoldedConsent> f = fold_consent(events, kNow);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(f.status().message()).find(message) == 0);
}

TEST_CASE("An event exactly at now is accepted", "[lifecycle][ledger][errors]") {
  ConsentEvent e = opt_in(1);
  e.at = kNow;
  CHECK(fold_consent({e}, kNow).ok());
}

TEST_CASE("fold_ledgers keys state by number and business", "[lifecycle][ledger]") {
  ConsentEvent other_biz = opt_in(2, {"receipts"});
  other_biz.business = "acme-shop";
  ConsentEvent other_number = opt_in(3, {"otp"});
  other_number.phone = "+4915112345678";
  const auto all = fold_ledgers({opt_in(1), other_biz, other_number, withdraw(4, WithdrawalChannel::kUi)}, kNow);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK((*all)[0].phone == kPhone);
  CHECK((*all)[0].business == "acme");
  CHECK((*all)[0].state.consent->withdrawn());
  CHECK((*all)[1].business == "acme-shop");
  CHECK((*all)[1].state.consent->purposes == Purposes{"receipts"});
  CHECK((*all)[2].phone == "+4915112345678");
  // Errors keep the index into the mixed list.
  ConsentEvent future = other_number;
  future.at = kNow + 1h;
  const auto bad = fold_ledgers({opt_in(1), other_biz, future}, kNow);
  REQUIRE_FALSE(bad.ok());
  CHECK(std::string(bad.status().message()).find("events[2].at: is after now") == 0);
}

TEST_CASE("Per-purpose withdrawal in evaluate(): marketing off, order updates on", "[lifecycle][ledger][evaluate]") {
  const auto f = fold_consent({opt_in(1), withdraw(5, WithdrawalChannel::kUi, {"marketing"})}, kNow);
  REQUIRE(f.ok());
  SendRequest utility = utility_template_request();
  utility.consent = f->consent;
  CHECK(evaluate(Policy::whatsapp(), utility).allowed());
  SendRequest marketing = marketing_template_request();
  marketing.message.purpose = "marketing";
  marketing.consent = f->consent;
  const SendDecision d = evaluate(Policy::whatsapp(), marketing);
  CHECK(d.has(ReasonCode::kPurposeNotConsented));
  CHECK_FALSE(d.has(ReasonCode::kOptInWithdrawn));
}

}  // namespace consent_ledger_test
