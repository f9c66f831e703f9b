// Issue 17, "the class, not only the instances": properties over generated
// ledgers, histories and requests.
//   1. Folding a ledger or a history gives one result for every storage order
//      of events that share a timestamp.
//   2. No suffix of grants without a later explicit opt-in for a purpose
//      re-opens that purpose once withdrawn.
//   3. Adding punctuation, whitespace, case or Unicode compatibility variants
//      to an opt-out keyword never changes its effect.
//   4. Removing or emptying a field never turns a deny into an allow (the
//      fields that state a restriction are listed, and why, below).
//   5. No event of the business's counts as the customer's.
// The seed is fixed (20261201) so CI is reproducible; scripts/fuzz sets
// SENDPOLICY_PROPERTY_SEED to a random one and prints it.
#include <algorithm>
#include <cstdlib>
#include <random>
#include <sstream>

#include <utf8proc.h>

#include "sendpolicy/lifecycle/consent_ledger.h"
#include "test_support.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace fail_closed_properties_test {

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");
constexpr const char* kBiz = "acme";

std::uint32_t env_number(const char* name, std::uint32_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<std::uint32_t>(std::strtoul(v, nullptr, 10)) : fallback;
}
const std::uint32_t kSeed = env_number("SENDPOLICY_PROPERTY_SEED", 20261201);
const std::uint32_t kRounds = env_number("SENDPOLICY_PROPERTY_ROUNDS", 300);

class Random {
 public:
  explicit Random(std::uint32_t seed) : rng_(seed) {}
  long uniform(long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  T pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(uniform(0, static_cast<long>(items.size()) - 1))];
  }
  std::mt19937& engine() { return rng_; }

 private:
  std::mt19937 rng_;
};

// --- Ledgers -------------------------------------------------------------------

const std::vector<std::string> kPurposes = {"marketing", "order_updates", "receipts"};

std::vector<std::string> some_purposes(Random& rnd) {
  std::vector<std::string> p;
  for (const std::string& x : kPurposes) {
    if (rnd.chance(0.5)) p.push_back(x);
  }
  return p;
}

ConsentEvent random_consent_event(Random& rnd, Timestamp at) {
  ConsentEvent e;
  e.at = at;
  e.phone = kPhone;
  e.business = kBiz;
  e.kind = static_cast<ConsentEventKind>(rnd.uniform(0, 6));
  e.purposes = some_purposes(rnd);
  if (e.kind == ConsentEventKind::kOptInCollected || rnd.chance(0.3)) {
    e.method = rnd.pick<ConsentMethod>({ConsentMethod::kCheckbox, ConsentMethod::kKeywordReply});
  }
  if (rnd.chance(0.5)) e.notice = NoticeShown{true, true, rnd.chance(0.5), true};
  if (rnd.chance(0.3)) e.notice_version = rnd.pick<std::string>({"v1", "v2"});
  e.via = rnd.pick<WithdrawalChannel>({WithdrawalChannel::kUi, WithdrawalChannel::kKeyword});
  if (rnd.chance(0.3)) e.recorded_by = rnd.pick<std::string>({"customer", "agent-7"});
  return e;
}

// Events on few distinct days, so that many share an instant.
std::vector<ConsentEvent> random_ledger(Random& rnd) {
  std::vector<ConsentEvent> events;
  const long n = rnd.uniform(1, 7);
  long day = 0;
  for (long i = 0; i < n; ++i) {
    if (rnd.chance(0.4)) day += rnd.uniform(1, 3);
    events.push_back(random_consent_event(rnd, kNow - Duration(86400) * (20 - day)));
  }
  return events;
}

std::string opt_time(const std::optional<Timestamp>& t) { return t ? format_timestamp(*t) : "-"; }

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += x + ",";
  return s;
}

// Everything a fold decides, in one comparable string. Error messages lose
// their event index: the same error may sit at another position.
std::string describe(const absl::StatusOr<FoldedConsent>& f) {
  if (!f.ok()) {
    std::string m(f.status().message());
    const std::size_t dot = m.find("].");
    return "error: " + (dot == std::string::npos ? m : m.substr(dot + 2));
  }
  std::ostringstream o;
  o << "withdrawn_purposes=" << join(f->withdrawn_purposes) << " expired=" << opt_time(f->expired_at)
    << " via=" << (f->withdrawn_via ? to_string(*f->withdrawn_via) : "-") << " by=" << f->withdrawn_by;
  if (f->consent) {
    const ConsentRecord& c = *f->consent;
    o << " status=" << to_string(c.status) << " granted=" << opt_time(c.granted_at)
      << " withdrawn=" << opt_time(c.withdrawn_at) << " doi=" << opt_time(c.double_opt_in_at)
      << " method=" << to_string(c.method) << " purposes=" << join(c.purposes)
      << " notice=" << c.notice.business_name_shown << c.notice.content_described << c.notice.whatsapp_named
      << " version=" << c.notice_version;
  } else {
    o << " no consent";
  }
  return o.str();
}

// Every storage order of each run of equal timestamps (one run permuted at
// a time, the others as generated), and `shuffles` random orders of all.
template <class Event, class Check>
void for_each_tie_order(std::vector<Event> events, Random& rnd, int shuffles, Check&& check) {
  const auto same = [](const Event& a, const Event& b) { return a.at == b.at; };
  for (std::size_t first = 0; first < events.size();) {
    std::size_t last = first + 1;
    while (last < events.size() && same(events[last], events[first])) ++last;
    if (last - first > 1 && last - first <= 6) {
      std::vector<std::size_t> order(last - first);
      for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
      const std::vector<Event> run(events.begin() + static_cast<long>(first), events.begin() + static_cast<long>(last));
      while (std::next_permutation(order.begin(), order.end())) {
        std::vector<Event> permuted = events;
        for (std::size_t k = 0; k < order.size(); ++k) permuted[first + k] = run[order[k]];
        check(permuted);
      }
    }
    first = last;
  }
  for (int s = 0; s < shuffles; ++s) {
    std::vector<Event> shuffled = events;
    for (std::size_t first = 0; first < shuffled.size();) {
      std::size_t last = first + 1;
      while (last < shuffled.size() && same(shuffled[last], shuffled[first])) ++last;
      std::shuffle(shuffled.begin() + static_cast<long>(first), shuffled.begin() + static_cast<long>(last),
                   rnd.engine());
      first = last;
    }
    check(shuffled);
  }
}

bool covers_granted(const absl::StatusOr<FoldedConsent>& f, const std::string& purpose) {
  return f.ok() && f->consent && !f->consent->withdrawn() && f->consent->covers(purpose);
}

// --- Histories -------------------------------------------------------------------

const std::vector<std::string> kTexts = {"hi", "STOP", " stop. ", "START", "yes", "HELP", "stop texting me",
                                         "S-T-O-P", "", "thanks", "UNSTOP"};

ConversationEvent random_history_event(Random& rnd, Timestamp at) {
  ConversationEvent e;
  e.at = at;
  e.direction = rnd.chance(0.7) ? Direction::kInbound : Direction::kOutbound;
  e.type = static_cast<EventType>(rnd.uniform(0, 7));
  e.text = rnd.pick(kTexts);
  if (*e.direction == Direction::kOutbound) e.sender = rnd.chance(0.5) ? Sender::kHuman : Sender::kAutomation;
  return e;
}

std::vector<ConversationEvent> random_history(Random& rnd) {
  std::vector<ConversationEvent> h;
  const long n = rnd.uniform(0, 7);
  long minute = 0;
  for (long i = 0; i < n; ++i) {
    if (rnd.chance(0.5)) minute += rnd.uniform(1, 120);
    h.push_back(random_history_event(rnd, kNow - std::chrono::minutes(600 - minute)));
  }
  return h;
}

Policy random_policy(Random& rnd) {
  Policy p = Policy::whatsapp();
  p.re_opt_in = rnd.chance(0.5) ? ReOptInModel::kAnyInbound : ReOptInModel::kExplicitKeyword;
  p.window_openers.reactions = rnd.chance(0.5);
  p.window_openers.system_events = rnd.chance(0.5);
  p.keywords.opt_out_first_sentence = rnd.chance(0.3);
  return p;
}

std::string describe(const ConversationState& s) {
  std::ostringstream o;
  o << "window=" << opt_time(s.window.last_inbound_at) << " out=" << s.opted_out << "@" << opt_time(s.opted_out_at)
    << " back=" << (s.re_opted_in_by ? to_string(*s.re_opted_in_by) : "-") << "@" << opt_time(s.re_opted_in_at)
    << " help=" << opt_time(s.help_requested_at);
  return o.str();
}

// --- Keyword mutations -------------------------------------------------------------

std::string utf8(char32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Punctuation and separators of every category, sampled from Unicode.
const std::vector<char32_t>& separators() {
  static const std::vector<char32_t> all = [] {
    std::vector<char32_t> v;
    for (char32_t cp = 0x20; cp <= 0x10FFFF; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      const auto c = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->category;
      if ((c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO) || (c >= UTF8PROC_CATEGORY_ZS && c <= UTF8PROC_CATEGORY_ZP)) {
        v.push_back(cp);
      }
    }
    return v;
  }();
  return all;
}

// One letter of the keyword in a compatibility or case variant.
std::string variant(char letter, Random& rnd) {
  const char upper = static_cast<char>(letter >= 'a' ? letter - 32 : letter);
  const auto offset = static_cast<char32_t>(upper - 'A');
  switch (rnd.uniform(0, 5)) {
    case 0: return std::string(1, upper);
    case 1: return std::string(1, static_cast<char>(upper + 32));  // lower case
    case 2: return utf8(0xFF21 + offset);                           // full width
    case 3: return utf8(0x1D400 + offset);                          // mathematical bold
    case 4: return utf8(0x24B6 + offset);                           // circled
    default: return std::string(1, upper) + utf8(0x0301);           // with a combining accent
  }
}

std::string mutate_keyword(const std::string& word, Random& rnd) {
  std::string out;
  const long before = rnd.uniform(0, 2);
  for (long k = 0; k < before; ++k) out += utf8(rnd.pick(separators()));
  for (const char c : word) out += variant(c, rnd);
  const long after = rnd.uniform(0, 2);
  for (long k = 0; k < after; ++k) out += utf8(rnd.pick(separators()));
  return out;
}

// --- Requests ------------------------------------------------------------------------

SendRequest random_request(Random& rnd) {
  SendRequest r = rnd.chance(0.5) ? utility_template_request() : marketing_template_request();
  r.channel = rnd.pick<Channel>({Channel::kWhatsApp, Channel::kWhatsApp, Channel::kSms, Channel::kMessenger});
  if (rnd.chance(0.3)) {
    r.message.kind = MessageKind::kFreeForm;
    r.message.template_info.reset();
    r.message.category.reset();
  }
  r.message.purpose = rnd.pick<std::string>({"order_updates", "promotions", "marketing"});
  if (rnd.chance(0.3)) r.consent.reset();
  if (r.consent && rnd.chance(0.3)) r.consent->double_opt_in_at = r.now - 24h * 20;
  if (rnd.chance(0.4)) r.window = ServiceWindow{r.now - std::chrono::hours(rnd.uniform(1, 30))};
  if (rnd.chance(0.5)) r.history = random_history(rnd);
  if (rnd.chance(0.3)) r.recipient.time_zone = "Europe/Rome";
  return r;
}

// Removing or emptying one field. Left out, because they state a
// restriction the caller asserts (removing one retracts a fact, it is not
// a default failing open): recipient.marketing_opted_out, recipient.sent, a
// withdrawn consent record, the texts of inbound history events (what the
// customer said), whole history events. recipient.country / region belong
// to issue 17 item 6 (country derivation), and message.category on a
// free-form message defaults to `service` by the wire contract
// (docs/reliability.md records both).
struct Removal {
  const char* field;
  void (*apply)(SendRequest&);
};

const std::vector<Removal>& removals() {
  static const std::vector<Removal> all = {
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone.clear(); }},
      {"recipient.time_zone", [](SendRequest& r) { r.recipient.time_zone.clear(); r.recipient.zone = nullptr; }},
      {"consent", [](SendRequest& r) { if (r.consent && !r.consent->withdrawn()) r.consent.reset(); }},
      {"consent.phone", [](SendRequest& r) { if (r.consent) r.consent->phone.clear(); }},
      {"consent.granted_at", [](SendRequest& r) { if (r.consent) r.consent->granted_at.reset(); }},
      {"consent.purposes", [](SendRequest& r) { if (r.consent) r.consent->purposes.clear(); }},
      {"consent.purposes[0]", [](SendRequest& r) { if (r.consent && !r.consent->purposes.empty()) r.consent->purposes[0].clear(); }},
      {"consent.notice", [](SendRequest& r) { if (r.consent) r.consent->notice = NoticeShown{}; }},
      {"consent.double_opt_in_at", [](SendRequest& r) { if (r.consent) r.consent->double_opt_in_at.reset(); }},
      {"consent.method", [](SendRequest& r) { if (r.consent) r.consent->method = ConsentMethod::kUnknown; }},
      {"window", [](SendRequest& r) { r.window.reset(); }},
      {"window.last_inbound_at", [](SendRequest& r) { if (r.window) r.window->last_inbound_at.reset(); }},
      {"history[].direction", [](SendRequest& r) { for (auto& e : r.history) e.direction.reset(); }},
      {"history[].at", [](SendRequest& r) { if (!r.history.empty()) r.history.back().at.reset(); }},
      {"history[].sender", [](SendRequest& r) { for (auto& e : r.history) e.sender.reset(); }},
      {"message.purpose", [](SendRequest& r) { r.message.purpose.clear(); }},
      {"message.template", [](SendRequest& r) { r.message.template_info.reset(); }},
      {"message.tag", [](SendRequest& r) { r.message.tag.reset(); }},
  };
  return all;
}

}  // namespace

TEST_CASE("Property: a ledger folds the same for every order of same-instant events", "[lifecycle][properties][issue17]") {
  Random rnd(kSeed);
  CAPTURE(kSeed);
  for (std::uint32_t round = 0; round < kRounds; ++round) {
    const std::vector<ConsentEvent> ledger = random_ledger(rnd);
    const std::string expected = describe(fold_consent(ledger, kNow));
    for_each_tie_order(ledger, rnd, 3, [&](const std::vector<ConsentEvent>& order) {
      const std::string got = describe(fold_consent(order, kNow));
      if (got != expected) {
        CAPTURE(round, expected, got);
        FAIL("storage order changed the fold");
      }
    });
  }
}

TEST_CASE("Property: grants without a later explicit opt-in never re-open a withdrawn purpose",
          "[lifecycle][properties][issue17]") {
  Random rnd(kSeed + 1);
  CAPTURE(kSeed);
  using K = ConsentEventKind;
  std::size_t tried = 0;
  for (std::uint32_t round = 0; round < kRounds * 3; ++round) {
    std::vector<ConsentEvent> ledger = random_ledger(rnd);
    const absl::StatusOr<FoldedConsent> before = fold_consent(ledger, kNow);
    if (!before.ok()) continue;
    const bool fully = before->consent && before->consent->withdrawn();
    for (const std::string& p : kPurposes) {
      const bool alone = std::find(before->withdrawn_purposes.begin(), before->withdrawn_purposes.end(), p) !=
                         before->withdrawn_purposes.end();
      if (!fully && !alone) continue;
      // The latest withdrawal that took p: any grant at that very instant
      // loses too, explicit or not; after it, only an explicit one may win.
      Timestamp withdrawn_at = *ledger.front().at;
      for (const ConsentEvent& e : ledger) {
        if (e.kind == K::kWithdrawn &&
            (e.purposes.empty() || std::find(e.purposes.begin(), e.purposes.end(), p) != e.purposes.end())) {
          withdrawn_at = *e.at;
        }
      }
      ++tried;
      std::vector<ConsentEvent> grown = ledger;
      const long n = rnd.uniform(1, 5);
      for (long k = 0; k < n; ++k) {
        const Timestamp at = *grown.back().at + Duration(86400) * rnd.uniform(0, 1);
        if (at > kNow) break;
        ConsentEvent e = random_consent_event(rnd, at);
        const bool explicit_for_p =
            (e.kind == K::kOptInCollected || e.kind == K::kReOptIn) &&
            (std::find(e.purposes.begin(), e.purposes.end(), p) != e.purposes.end() ||
             (e.kind == K::kReOptIn && e.purposes.empty() && fully && !alone));
        if (explicit_for_p && at > withdrawn_at) break;  // an explicit opt-in may re-open it: stop here
        grown.push_back(e);
        const absl::StatusOr<FoldedConsent> after = fold_consent(grown, kNow);
        if (covers_granted(after, p)) {
          CAPTURE(round, p, describe(before), describe(after));
          FAIL("a grant without a later explicit opt-in re-opened a withdrawn purpose");
        }
      }
    }
  }
  CHECK(tried > 50);
}

TEST_CASE("Property: a history folds the same for every order of same-instant events",
          "[lifecycle][properties][issue17]") {
  Random rnd(kSeed + 2);
  CAPTURE(kSeed);
  for (std::uint32_t round = 0; round < kRounds; ++round) {
    const Policy policy = random_policy(rnd);
    const std::vector<ConversationEvent> history = random_history(rnd);
    const std::string expected = describe(fold_conversation(policy, history));
    for_each_tie_order(history, rnd, 3, [&](const std::vector<ConversationEvent>& order) {
      const std::string got = describe(fold_conversation(policy, order));
      if (got != expected) {
        CAPTURE(round, expected, got);
        FAIL("storage order changed the history fold");
      }
    });
  }
}

TEST_CASE("Property: meaning-preserving keyword mutations keep an opt-out's effect",
          "[lifecycle][properties][keywords][issue17]") {
  Random rnd(kSeed + 3);
  CAPTURE(kSeed);
  const std::vector<std::string> words = {"stop", "STOPALL", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"};
  for (std::uint32_t round = 0; round < kRounds * 4; ++round) {
    const std::string text = mutate_keyword(rnd.pick(words), rnd);
    KeywordRules rules;
    if (classify_keyword(text, rules) != Keyword::kOptOut) {
      CAPTURE(round, text);
      FAIL("a mutated opt-out keyword no longer opts out");
    }
    // And in a request: the thread's opt-out blocks a reply in the window.
    SendRequest r = utility_template_request();
    r.history = {ConversationEvent{r.now - 2h, Direction::kInbound, EventType::kText, text, std::nullopt}};
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    if (!d.has(ReasonCode::kOptInWithdrawn)) {
      CAPTURE(round, text);
      FAIL("a mutated opt-out keyword did not block the send");
    }
  }
}

TEST_CASE("Property: removing or emptying a field never turns deny into allow", "[properties][issue17]") {
  Random rnd(kSeed + 4);
  CAPTURE(kSeed);
  std::size_t denials = 0;
  for (std::uint32_t round = 0; round < kRounds * 2; ++round) {
    const Policy policy = random_policy(rnd);
    const SendRequest r = random_request(rnd);
    if (evaluate(policy, r).allowed()) continue;
    ++denials;
    for (const Removal& removal : removals()) {
      SendRequest m = r;
      removal.apply(m);
      if (evaluate(policy, m).allowed()) {
        CAPTURE(round, removal.field);
        FAIL("removing a field turned a deny into an allow");
      }
    }
  }
  CHECK(denials > 50);
}

TEST_CASE("Property: no event of the business's counts as the customer's", "[lifecycle][properties][issue17]") {
  Random rnd(kSeed + 5);
  CAPTURE(kSeed);
  for (std::uint32_t round = 0; round < kRounds * 2; ++round) {
    const Policy policy = random_policy(rnd);
    SendRequest r = random_request(rnd);
    const std::string expected = describe(fold_conversation(policy, r.history, r.window));
    const bool allowed = evaluate(policy, r).allowed();
    // Insert a business event of any type and text at any place in time.
    ConversationEvent business = random_history_event(rnd, r.now);
    business.direction = Direction::kOutbound;
    business.sender = rnd.chance(0.3) ? std::nullopt : std::optional<Sender>(Sender::kAutomation);
    business.text = rnd.pick(kTexts);
    const std::size_t pos = static_cast<std::size_t>(rnd.uniform(0, static_cast<long>(r.history.size())));
    business.at = pos < r.history.size() ? r.history[pos].at : std::optional<Timestamp>(r.now);
    r.history.insert(r.history.begin() + static_cast<long>(pos), business);
    CAPTURE(round, business.text, to_string(business.type));
    CHECK(describe(fold_conversation(policy, r.history, r.window)) == expected);
    if (!allowed) CHECK_FALSE(evaluate(policy, r).allowed());
    // The same event without a direction, or inbound with the business's
    // sender, is rejected, never read as the customer's.
    SendRequest unknown = r;
    unknown.history[pos].direction.reset();
    CHECK(evaluate(policy, unknown).invalid.has_value());
    SendRequest claimed = r;
    claimed.history[pos].direction = Direction::kInbound;
    claimed.history[pos].sender = Sender::kAutomation;
    CHECK(evaluate(policy, claimed).invalid.has_value());
  }
}

}  // namespace fail_closed_properties_test
