// Properties over many seeded random requests: determinism, fail-closed,
// monotonicity (taking consent away or waiting never turns deny into allow)
// and billing consistency. The generator is seeded, so failures reproduce.
#include <random>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

class RequestGenerator {
 public:
  explicit RequestGenerator(std::uint32_t seed) : rng_(seed) {}

  SendRequest next() {
    SendRequest r;
    r.now = at("2026-01-01T00:00:00Z") + Duration(uniform(0, 300 * 86400));
    r.recipient.phone = pick<const char*>({"+393471234567", "+12125550123", "+14165550123",
                                           "+18765550123", "+4915112345678", "bad", ""});
    r.recipient.marketing_opted_out = chance(0.15);
    r.recipient.sent.marketing_24h = static_cast<int>(uniform(0, 3));
    if (chance(0.8)) {
      r.window = ServiceWindow{r.now - Duration(pick<long>({86400, 86399, 86401, 3600, 0, 200000,
                                                              uniform(0, 172800), -5})),
                               pick({EntryPoint::kOrganic, EntryPoint::kCtwaAd})};
    }
    if (chance(0.8)) {
      ConsentRecord c = good_consent(r.now);
      c.phone = chance(0.9) ? r.recipient.phone : "+393479999999";
      c.method = pick({ConsentMethod::kCheckbox, ConsentMethod::kPreTicked, ConsentMethod::kVerbal,
                       ConsentMethod::kImported});
      c.notice.content_described = chance(0.9);
      c.notice.whatsapp_named = chance(0.7);
      c.purposes.clear();
      for (const char* p : {"order_updates", "receipts", "promotions", "otp"}) {
        if (chance(0.5)) c.purposes.emplace_back(p);
      }
      if (chance(0.15)) {
        c.status = ConsentStatus::kWithdrawn;
        c.withdrawn_at = r.now - 1h;
      }
      if (chance(0.03)) c.granted_at = r.now + 1h;  // invalid: consent from the future
      r.consent = c;
    }
    if (chance(0.3)) {
      r.history.push_back({r.now - Duration(uniform(0, 100000)), Direction::kInbound,
                           pick({EventType::kText, EventType::kReaction}),
                           pick<const char*>({"hi", "STOP", "stop please", "START"}), std::nullopt});
    }
    r.message.purpose = pick<const char*>({"order_updates", "receipts", "promotions", "otp", ""});
    if (chance(0.25)) {
      r.message.kind = MessageKind::kFreeForm;
    } else {
      r.message.kind = MessageKind::kTemplate;
      r.message.template_info = Template{"t", "it",
                                         pick({Category::kMarketing, Category::kUtility, Category::kAuthentication}),
                                         pick({TemplateStatus::kApproved, TemplateStatus::kApproved,
                                               TemplateStatus::kPaused, TemplateStatus::kPending}),
                                         pick({TemplateQuality::kGreen, TemplateQuality::kRed})};
      if (chance(0.03)) r.message.category = Category::kService;  // contradiction
    }
    return r;
  }

 private:
  long uniform(long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  T pick(std::initializer_list<T> items) {
    return *(items.begin() + uniform(0, static_cast<long>(items.size()) - 1));
  }
  std::mt19937 rng_;
};

Policy random_policy(std::uint32_t seed) {
  Policy p = Policy::whatsapp();
  std::mt19937 rng(seed);
  p.block_red_quality_templates = rng() % 2 == 0;
  p.utility_in_window_needs_opt_in = rng() % 3 == 0;
  if (rng() % 2 == 0) p.max_consent_age = std::chrono::hours(24 * 180);
  if (rng() % 2 == 0) p.marketing_cap_24h = 2;
  return p;
}

constexpr int kRequests = 3000;

}  // namespace

TEST_CASE("Property: determinism, fail-closed and billing consistency", "[property]") {
  const std::uint32_t seed = GENERATE(1u, 2u, 3u);
  RequestGenerator gen(seed);
  const Policy policy = random_policy(seed);
  int allowed = 0;
  for (int i = 0; i < kRequests; ++i) {
    const SendRequest r = gen.next();
    const SendDecision d = evaluate(policy, r);
    CAPTURE(seed, i, summary(d));
    CHECK(explain(d) == explain(evaluate(policy, r)));
    if (find_invalid_field(r)) {
      CHECK(d.verdict == Verdict::kDeny);
      CHECK(d.has(ReasonCode::kInvalidRequest));
    }
    CHECK((d.billing == Billing::kNone) == !d.allowed());
    CHECK(d.reasons.empty() == d.allowed());
    CHECK(d.retry_at.has_value() == (d.verdict == Verdict::kDefer));
    if (d.allowed()) ++allowed;
  }
  // The generator must exercise both outcomes, or the properties prove little.
  CHECK(allowed > kRequests / 20);
  CHECK(allowed < kRequests - kRequests / 20);
}

TEST_CASE("Property: taking consent away or waiting never turns deny into allow", "[property]") {
  const std::uint32_t seed = GENERATE(11u, 12u);
  RequestGenerator gen(seed);
  const Policy policy = random_policy(seed);
  for (int i = 0; i < kRequests; ++i) {
    const SendRequest r = gen.next();
    const SendDecision before = evaluate(policy, r);
    CAPTURE(seed, i, summary(before));
    if (before.allowed()) continue;

    SendRequest withdrawn = r;
    if (withdrawn.consent) {
      withdrawn.consent->status = ConsentStatus::kWithdrawn;
      withdrawn.consent->withdrawn_at = withdrawn.now;
    }
    CHECK_FALSE(evaluate(policy, withdrawn).allowed());

    SendRequest fewer_purposes = r;
    if (fewer_purposes.consent && !fewer_purposes.consent->purposes.empty()) {
      fewer_purposes.consent->purposes.pop_back();
    }
    CHECK_FALSE(evaluate(policy, fewer_purposes).allowed());

    SendRequest opted_out = r;
    opted_out.recipient.marketing_opted_out = true;
    CHECK_FALSE(evaluate(policy, opted_out).allowed());

    // Dropping a granted consent record is also taking consent away. (Dropping
    // a withdrawn one is not: a withdrawal is stronger than no record, since it
    // blocks even replies inside the window.)
    const bool valid = !find_invalid_field(r);
    if (valid && r.consent && !r.consent->withdrawn()) {
      SendRequest no_consent = r;
      no_consent.consent.reset();
      CHECK_FALSE(evaluate(policy, no_consent).allowed());
    }

    // Waiting: only for valid requests (an instant "in the future" becomes
    // valid once now passes it, which is not a change of decision).
    if (valid) for (Duration later : {Duration(1), Duration(3600), Duration(86400), Duration(86400 * 30)}) {
      SendRequest moved = r;
      moved.now += later;
      CHECK_FALSE(evaluate(policy, moved).allowed());
    }

    SendRequest outbound = r;
    outbound.history.push_back({r.now, Direction::kOutbound, EventType::kText, "hello", Sender::kHuman});
    const SendDecision after_outbound = evaluate(policy, outbound);
    CHECK_FALSE(after_outbound.allowed());
    CHECK(after_outbound.window.open == before.window.open);
  }
}
