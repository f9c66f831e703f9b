// Properties of the folds over seeded random event sequences: folding is
// deterministic; appending a withdrawal (ledger) or an opt-out keyword
// (history) never turns a deny into an allow; appending an outbound event
// never opens a window.
#include <random>

#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace lifecycle_properties_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");

class Random {
 public:
  explicit Random(std::uint32_t seed) : rng_(seed) {}
  long uniform(long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  T pick(std::initializer_list<T> items) {
    return *(items.begin() + uniform(0, static_cast<long>(items.size()) - 1));
  }

  std::vector<ConversationEvent> history() {
    std::vector<ConversationEvent> h;
    Timestamp t = kNow - Duration(uniform(0, 72 * 3600));
    const long n = uniform(0, 6);
    for (long i = 0; i < n && t <= kNow; ++i) {
      const Direction d = pick({Direction::kInbound, Direction::kInbound, Direction::kOutbound});
      h.push_back({t, d,
                   pick({EventType::kText, EventType::kText, EventType::kMedia, EventType::kReaction,
                         EventType::kCall, EventType::kTemplate, EventType::kStatus,
                         EventType::kButtonReply}),
                   pick<const char*>({"hi", "STOP", "stop.", "START", "STOP PLEASE", "HELP", "yes", ""}),
                   d == Direction::kOutbound ? std::optional<Sender>(Sender::kHuman) : std::nullopt});
      t += Duration(uniform(0, 20 * 3600));
    }
    return h;
  }

  std::vector<ConsentEvent> ledger() {
    std::vector<ConsentEvent> events;
    Timestamp t = kNow - Duration(uniform(0, 400 * 86400));
    const long n = uniform(0, 6);
    for (long i = 0; i < n && t <= kNow; ++i) {
      ConsentEvent e;
      e.at = t;
      e.phone = kPhone;
      e.business = "acme";
      e.kind = pick({ConsentEventKind::kOptInCollected, ConsentEventKind::kDoubleOptInConfirmed,
                     ConsentEventKind::kPurposesAdded, ConsentEventKind::kPurposesRemoved,
                     ConsentEventKind::kWithdrawn, ConsentEventKind::kReOptIn, ConsentEventKind::kExpired});
      if (chance(0.7)) e.purposes.push_back(pick<const char*>({"order_updates", "promotions", "receipts"}));
      e.method = pick({ConsentMethod::kCheckbox, ConsentMethod::kPreTicked});
      e.notice = NoticeShown{true, chance(0.9), true, true};
      e.via = pick({WithdrawalChannel::kUi, WithdrawalChannel::kKeyword, WithdrawalChannel::kAgent});
      events.push_back(e);
      t += Duration(uniform(0, 40 * 86400));
    }
    return events;
  }

 private:
  std::mt19937 rng_;
};

Policy random_policy(Random& rnd) {
  Policy p = Policy::whatsapp();
  p.re_opt_in = rnd.pick({ReOptInModel::kExplicitKeyword, ReOptInModel::kAnyInbound});
  p.window_openers.reactions = rnd.chance(0.5);
  return p;
}

SendRequest random_request(Random& rnd) {
  SendRequest r = rnd.pick({0, 1, 2}) == 0   ? free_form_reply_request()
                  : rnd.chance(0.5)          ? utility_template_request()
                                             : marketing_template_request();
  r.now = kNow;
  if (rnd.chance(0.5)) r.window.reset();
  if (r.consent && rnd.chance(0.3)) r.consent->granted_at = kNow - Duration(rnd.uniform(0, 48 * 3600));
  r.history = rnd.history();
  return r;
}

constexpr int kRuns = 2000;

}  // namespace

TEST_CASE("Property: history folding is deterministic and outbound never opens a window",
          "[lifecycle][property]") {
  const std::uint32_t seed = GENERATE(21u, 22u);
  Random rnd(seed);
  for (int i = 0; i < kRuns; ++i) {
    const Policy p = random_policy(rnd);
    std::vector<ConversationEvent> h = rnd.history();
    const ConversationState a = fold_conversation(p, h);
    const ConversationState b = fold_conversation(p, h);
    CAPTURE(seed, i);
    CHECK(a.window.last_inbound_at == b.window.last_inbound_at);
    CHECK(a.opted_out == b.opted_out);
    CHECK(a.re_opted_in_by == b.re_opted_in_by);

    const Timestamp last = h.empty() ? kNow - 1h : *h.back().at;
    h.push_back({last, Direction::kOutbound,
                 rnd.pick({EventType::kText, EventType::kTemplate, EventType::kStatus, EventType::kMedia}),
                 "START", Sender::kAutomation});
    const ConversationState c = fold_conversation(p, h);
    CHECK(c.window.last_inbound_at == a.window.last_inbound_at);
    CHECK(c.opted_out == a.opted_out);  // a business "START" is not the customer's
  }
}

TEST_CASE("Property: an opt-out keyword appended to history never allows", "[lifecycle][property]") {
  const std::uint32_t seed = GENERATE(31u, 32u);
  Random rnd(seed);
  int denied = 0;
  for (int i = 0; i < kRuns; ++i) {
    const Policy p = random_policy(rnd);
    SendRequest r = random_request(rnd);
    const Timestamp last = r.history.empty() ? kNow - 1h : *r.history.back().at;
    r.history.push_back({last, Direction::kInbound, EventType::kText,
                         rnd.pick<const char*>({"STOP", " stop. ", "Unsubscribe", "OPT-OUT"}), std::nullopt});
    const SendDecision d = evaluate(p, r);
    CAPTURE(seed, i, summary(d));
    // Unless a consent granted after it supersedes it, it blocks.
    const bool superseded = r.consent && r.consent->granted_at && *r.consent->granted_at > last;
    if (!superseded) {
      CHECK_FALSE(d.allowed());
      CHECK(d.has(ReasonCode::kOptInWithdrawn));
      ++denied;
    }
    CHECK(evaluate(p, r).verdict == d.verdict);  // deterministic
  }
  CHECK(denied > kRuns / 2);
}

TEST_CASE("Property: appending a withdrawal to the ledger never turns deny into allow",
          "[lifecycle][property]") {
  const std::uint32_t seed = GENERATE(41u, 42u, 43u);
  Random rnd(seed);
  int allowed_before = 0;
  for (int i = 0; i < kRuns; ++i) {
    const Policy p = random_policy(rnd);
    SendRequest r = random_request(rnd);
    r.history.clear();
    std::vector<ConsentEvent> ledger = rnd.ledger();
    const absl::StatusOr<FoldedConsent> before = fold_consent(ledger, kNow);
    if (!before.ok()) continue;  // e.g. a double opt-in with nothing granted
    // Deterministic fold.
    const absl::StatusOr<FoldedConsent> again = fold_consent(ledger, kNow);
    REQUIRE(again.ok());
    CHECK(again->consent.has_value() == before->consent.has_value());
    if (before->consent) CHECK(again->consent->purposes == before->consent->purposes);

    r.consent = before->consent;
    const SendDecision d_before = evaluate(p, r);
    if (d_before.allowed()) ++allowed_before;

    ConsentEvent w;
    w.at = ledger.empty() ? kNow - 1h : *ledger.back().at + Duration(rnd.uniform(0, 3600));
    if (w.at > kNow) w.at = kNow;
    w.kind = ConsentEventKind::kWithdrawn;
    w.phone = kPhone;
    w.business = "acme";
    if (rnd.chance(0.5)) w.purposes.push_back(rnd.pick<const char*>({"order_updates", "promotions", "support"}));
    ledger.push_back(w);
    const absl::StatusOr<FoldedConsent> after = fold_consent(ledger, kNow);
    REQUIRE(after.ok());  // a withdrawal is always accepted
    r.consent = after->consent;
    const SendDecision d_after = evaluate(p, r);
    CAPTURE(seed, i, summary(d_before), summary(d_after));
    if (!d_before.allowed()) CHECK_FALSE(d_after.allowed());
    if (w.purposes.empty()) CHECK_FALSE(d_after.allowed());  // a full withdrawal blocks everything
  }
  CHECK(allowed_before > kRuns / 20);
}

}  // namespace lifecycle_properties_test
