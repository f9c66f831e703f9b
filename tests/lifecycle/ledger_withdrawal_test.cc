// Issue 17, items 8-11: ledgers that let marketing through after a
// withdrawal. Each ledger is folded at `now`, then an approved marketing
// template with purpose "marketing" is evaluated with the folded consent;
// days are relative to `now` (day 100 is now).
#include "sendpolicy/lifecycle/consent_ledger.h"

#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace ledger_withdrawal_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");
constexpr const char* kBiz = "acme";
using Purposes = std::vector<std::string>;
using K = ConsentEventKind;
using W = WithdrawalChannel;

Timestamp day(int d) { return kNow - Duration(86400) * (100 - d); }

ConsentEvent opt_in(int d, Purposes p = {"order_updates", "marketing"}) {
  ConsentEvent e = ConsentEvent::opt_in(day(d), kPhone, kBiz, std::move(p));
  e.notice = NoticeShown{true, true, true, true};
  return e;
}
ConsentEvent withdraw(int d, Purposes p = {}) {
  return ConsentEvent::withdrawal(day(d), kPhone, kBiz, W::kUi, std::move(p));
}
ConsentEvent re_opt_in(int d, Purposes p = {}) {
  return ConsentEvent::re_opt_in(day(d), kPhone, kBiz, std::move(p));
}
ConsentEvent event(int d, K kind, Purposes p = {}) {
  ConsentEvent e;
  e.at = day(d);
  e.kind = kind;
  e.phone = kPhone;
  e.business = kBiz;
  e.purposes = std::move(p);
  return e;
}

// The verdict of an approved marketing template for purpose "marketing".
bool marketing_allowed(const FoldedConsent& f) {
  SendRequest r = marketing_template_request();
  r.message.purpose = "marketing";
  r.consent = f.consent;
  return evaluate(Policy::whatsapp(), r).allowed();
}

}  // namespace

TEST_CASE("Issue 17.8: a second withdrawal also beats a grant at its instant", "[lifecycle][ledger][issue17]") {
  const auto f = fold_consent({opt_in(1), withdraw(2), withdraw(3), opt_in(3)}, kNow);
  REQUIRE(f.ok());
  REQUIRE(f->consent);
  CHECK(f->consent->withdrawn());
  CHECK(f->consent->withdrawn_at == day(3));  // the latest withdrawal
  CHECK_FALSE(marketing_allowed(*f));
  // Control: the same grant one day later is a later explicit opt-in.
  const auto later = fold_consent({opt_in(1), withdraw(2), withdraw(3), opt_in(4)}, kNow);
  REQUIRE(later.ok());
  CHECK(marketing_allowed(*later));
}

TEST_CASE("Issue 17.9: a grant at the instant of a per-purpose withdrawal loses, in any order",
          "[lifecycle][ledger][issue17]") {
  const std::vector<std::pair<const char*, ConsentEvent>> grants = {
      {"opt-in", opt_in(2)},
      {"re-opt-in", re_opt_in(2)},
      {"re-opt-in naming marketing", re_opt_in(2, {"marketing"})},
      {"purposes added", event(2, K::kPurposesAdded, {"marketing"})},
  };
  for (const auto& [name, grant] : grants) {
    DYNAMIC_SECTION(name) {
      const auto grant_first = fold_consent({opt_in(1), grant, withdraw(2, {"marketing"})}, kNow);
      const auto withdrawal_first = fold_consent({opt_in(1), withdraw(2, {"marketing"}), grant}, kNow);
      REQUIRE(grant_first.ok());
      REQUIRE(withdrawal_first.ok());
      CHECK_FALSE(marketing_allowed(*grant_first));
      CHECK_FALSE(marketing_allowed(*withdrawal_first));
      CHECK(withdrawal_first->consent->purposes == grant_first->consent->purposes);
      CHECK(withdrawal_first->withdrawn_purposes == Purposes{"marketing"});
    }
  }
}

TEST_CASE("Issue 17.10: an empty re-opt-in restores only what was held, not what was withdrawn alone",
          "[lifecycle][ledger][issue17]") {
  const std::vector<std::pair<const char*, std::vector<ConsentEvent>>> rows = {
      {"purpose withdrawn, then everything, then re-opt-in",
       {opt_in(1), withdraw(2, {"marketing"}), withdraw(3), re_opt_in(4)}},
      {"purpose withdrawn while fully withdrawn",
       {opt_in(1), withdraw(2), withdraw(3, {"marketing"}), re_opt_in(4)}},
      {"purpose withdrawn after an expiry",
       {opt_in(1), event(2, K::kExpired), withdraw(3, {"marketing"}), re_opt_in(4)}},
      // Found by the random-seed property run (seed 3426543346): an opt-in
      // naming the purpose at the instant of a full withdrawal loses to it,
      // so it must not end the purpose's own withdrawal either.
      {"opt-in naming the purpose at the instant of a full withdrawal",
       {opt_in(1), withdraw(2, {"marketing"}), opt_in(3), withdraw(3), re_opt_in(4)}},
      {"the same, the withdrawal stored first",
       {opt_in(1), withdraw(2, {"marketing"}), withdraw(3), opt_in(3), re_opt_in(4)}},
      {"re-opt-in naming the purpose at the instant of a full withdrawal",
       {opt_in(1), withdraw(2, {"marketing"}), re_opt_in(3, {"order_updates", "marketing"}),
        withdraw(3), re_opt_in(4)}},
  };
  for (const auto& [name, ledger] : rows) {
    DYNAMIC_SECTION(name) {
      const auto f = fold_consent(ledger, kNow);
      REQUIRE(f.ok());
      REQUIRE(f->consent);
      CHECK_FALSE(f->consent->withdrawn());
      CHECK(f->consent->purposes == Purposes{"order_updates"});
      CHECK(f->withdrawn_purposes == Purposes{"marketing"});
      CHECK_FALSE(marketing_allowed(*f));
    }
  }
  // Found by the suffix property (seed 11): a full withdrawal takes every
  // purpose; a re-opt-in to other purposes, then the business adding one
  // back, is no opt-in by the customer for it.
  const auto added_back = fold_consent({opt_in(1), withdraw(2), re_opt_in(3, {"order_updates"}),
                                        event(4, K::kPurposesAdded, {"marketing"})},
                                       kNow);
  REQUIRE(added_back.ok());
  CHECK(added_back->consent->purposes == Purposes{"order_updates"});
  CHECK_FALSE(marketing_allowed(*added_back));
  // An explicit re-opt-in naming the purpose does restore it.
  const auto named = fold_consent({opt_in(1), withdraw(2, {"marketing"}), withdraw(3),
                                   re_opt_in(4, {"order_updates", "marketing"})},
                                  kNow);
  REQUIRE(named.ok());
  CHECK(named->withdrawn_purposes.empty());
  CHECK(marketing_allowed(*named));
  // Control for the rows at the instant of a full withdrawal: the same
  // opt-in a day before the withdrawal ends the purpose's own withdrawal,
  // and the empty re-opt-in then restores it with the rest.
  const auto before = fold_consent({opt_in(1), withdraw(2, {"marketing"}), opt_in(3), withdraw(4),
                                    re_opt_in(5)},
                                   kNow);
  REQUIRE(before.ok());
  CHECK(before->withdrawn_purposes.empty());
  CHECK(marketing_allowed(*before));
}

TEST_CASE("Issue 17.11: empty purposes, removals of nothing and early per-purpose withdrawals",
          "[lifecycle][ledger][issue17]") {
  SECTION("a withdrawal of the purpose \"\" is an error, not a no-op") {
    const auto f = fold_consent({opt_in(1), withdraw(2, {""})}, kNow);
    REQUIRE_FALSE(f.ok());
    CHECK(std::string(f.status().message()).find("events[1].purposes[0]: is empty") == 0);
  }
  SECTION("an opt-in or an addition of \"\" is an error too") {
    const auto in = fold_consent({opt_in(1, {""})}, kNow);
    REQUIRE_FALSE(in.ok());
    CHECK(std::string(in.status().message()).find("events[0].purposes[0]: is empty") == 0);
    const auto added = fold_consent({opt_in(1), event(2, K::kPurposesAdded, {"x", ""})}, kNow);
    REQUIRE_FALSE(added.ok());
    CHECK(std::string(added.status().message()).find("events[1].purposes[1]: is empty") == 0);
  }
  SECTION("purposes_removed with nothing granted fails as the header says") {
    const auto none = fold_consent({event(1, K::kPurposesRemoved, {"marketing"})}, kNow);
    REQUIRE_FALSE(none.ok());
    CHECK(std::string(none.status().message()).find("events[0].kind: purposes_removed") == 0);
    const auto withdrawn = fold_consent({opt_in(1), withdraw(2), event(3, K::kPurposesRemoved, {"marketing"})}, kNow);
    REQUIRE_FALSE(withdrawn.ok());
    CHECK(std::string(withdrawn.status().message()).find("events[2].kind: purposes_removed") == 0);
  }
  SECTION("a per-purpose withdrawal before any opt-in is recorded and blocks that purpose") {
    const auto alone = fold_consent({withdraw(1, {"marketing"})}, kNow);
    REQUIRE(alone.ok());
    CHECK(alone->withdrawn_purposes == Purposes{"marketing"});
    // A later opt-in for other purposes, then the business adding marketing:
    // no explicit opt-in for marketing came after the withdrawal.
    const auto f = fold_consent({withdraw(1, {"marketing"}), opt_in(2, {"order_updates"}),
                                 event(3, K::kPurposesAdded, {"marketing"})},
                                kNow);
    REQUIRE(f.ok());
    CHECK(f->consent->purposes == Purposes{"order_updates"});
    CHECK(f->withdrawn_purposes == Purposes{"marketing"});
    CHECK_FALSE(marketing_allowed(*f));
    // A later opt-in naming marketing is explicit and restores it.
    const auto named = fold_consent({withdraw(1, {"marketing"}), opt_in(2)}, kNow);
    REQUIRE(named.ok());
    CHECK(named->withdrawn_purposes.empty());
    CHECK(marketing_allowed(*named));
  }
}

TEST_CASE("Issue 17.7: a ledger event at the epoch is a time, not a missing one", "[lifecycle][ledger][issue17]") {
  ConsentEvent epoch = opt_in(1);
  epoch.at = Timestamp{};
  const auto f = fold_consent({epoch}, kNow);
  REQUIRE(f.ok());
  CHECK(f->consent->granted_at == Timestamp{});
  ConsentEvent missing = opt_in(1);
  missing.at.reset();
  const auto bad = fold_consent({missing}, kNow);
  REQUIRE_FALSE(bad.ok());
  CHECK(std::string(bad.status().message()).find("events[0].at: is required") == 0);
}

}  // namespace ledger_withdrawal_test
