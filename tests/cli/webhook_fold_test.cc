// End to end: a day of Cloud API webhooks (examples/data/webhooks-day.jsonl,
// the worked example of docs/webhooks.md) read, stored the way a backend
// would store them, folded into SendRequests and decided by evaluate().
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/wire/webhook_json.h>

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace webhook_fold_test {

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;
using namespace std::chrono_literals;

namespace {

sp::Timestamp at(const char* rfc3339) {
  const auto t = sp::parse_timestamp(rfc3339);
  REQUIRE(t);
  return *t;
}

// The backend's own store (sendpolicy keeps none): per user, every item in
// arrival order, reachable by phone or BSUID; identity changes add aliases.
class Store {
 public:
  void add(const wire::WebhookItem& item) {
    const int user = resolve(item.user);
    if (item.kind() == wire::WebhookItemKind::kIdentityChange) {
      const auto& c = std::get<wire::IdentityChange>(item.fact);
      alias(c.current, user);
    }
    items_[user].push_back(item);
  }

  // The user's history and marketing state as of `now`, into `r`.
  void fold_into(const wire::WebhookUser& who, sp::SendRequest& r) const {
    const auto it = items_.find(find(who));
    if (it == items_.end()) return;
    std::optional<sp::Timestamp> preference_at;
    for (const wire::WebhookItem& item : it->second) {
      switch (item.kind()) {
        case wire::WebhookItemKind::kHistoryEvent: {
          const auto& e = std::get<sp::ConversationEvent>(item.fact);
          if (e.at <= r.now) r.history.push_back(e);
          break;
        }
        case wire::WebhookItemKind::kMarketingPreference: {
          // The latest change wins (webhooks may arrive out of order).
          const auto& p = std::get<wire::MarketingPreference>(item.fact);
          if (p.at <= r.now && (!preference_at || p.at >= *preference_at)) {
            preference_at = p.at;
            r.recipient.marketing_opted_out = p.opted_out;
          }
          break;
        }
        default:
          break;
      }
    }
  }

  const std::vector<wire::WebhookItem>& items_of(const wire::WebhookUser& who) const {
    return items_.at(find(who));
  }

 private:
  int find(const wire::WebhookUser& u) const {
    if (!u.user_id.empty() && by_user_id_.count(u.user_id)) return by_user_id_.at(u.user_id);
    if (!u.phone.empty() && by_phone_.count(u.phone)) return by_phone_.at(u.phone);
    return -1;
  }
  int resolve(const wire::WebhookUser& u) {
    int id = find(u);
    if (id < 0) id = next_++;
    alias(u, id);
    return id;
  }
  void alias(const wire::WebhookUser& u, int id) {
    if (!u.user_id.empty()) by_user_id_[u.user_id] = id;
    if (!u.phone.empty()) by_phone_[u.phone] = id;
  }

  std::map<std::string, int> by_phone_;
  std::map<std::string, int> by_user_id_;
  std::map<int, std::vector<wire::WebhookItem>> items_;
  int next_ = 0;
};

Store read_day() {
  std::ifstream in(std::string(SENDPOLICY_SOURCE_DIR) + "/examples/data/webhooks-day.jsonl");
  REQUIRE(in);
  Store store;
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    const absl::StatusOr<wire::WebhookBatch> batch = wire::read_webhook(line);
    INFO("line " << lines);
    REQUIRE(batch.ok());
    REQUIRE(batch->problems.empty());
    for (const wire::WebhookItem& item : batch->items) store.add(item);
  }
  CHECK(lines == 12);
  return store;
}

// A consent that passes every opt-in rule, for `phone`.
sp::ConsentRecord consent_for(const std::string& phone, sp::Timestamp now) {
  sp::ConsentRecord c;
  c.phone = phone;
  c.granted_at = now - 24h * 30;
  c.source = sp::ConsentSource::kWebsite;
  c.method = sp::ConsentMethod::kCheckbox;
  c.purposes = {"order_updates", "promotions"};
  c.notice = {true, true, true, true};
  c.notice_version = "2026-01";
  c.evidence_ref = "form-1";
  return c;
}

sp::SendRequest template_to(const std::string& phone, sp::Timestamp now, sp::Category category) {
  sp::SendRequest r;
  r.now = now;
  r.recipient.phone = phone;
  r.consent = consent_for(phone, now);
  r.message.kind = sp::MessageKind::kTemplate;
  const bool marketing = category == sp::Category::kMarketing;
  r.message.purpose = marketing ? "promotions" : "order_updates";
  r.message.template_info = sp::Template{marketing ? "spring_sale" : "order_shipped", "it",
                                         category, sp::TemplateStatus::kApproved,
                                         sp::TemplateQuality::kGreen};
  return r;
}

sp::SendRequest free_form_to(const std::string& phone, sp::Timestamp now) {
  sp::SendRequest r;
  r.now = now;
  r.recipient.phone = phone;
  r.message.kind = sp::MessageKind::kFreeForm;
  r.message.purpose = "support";
  return r;
}

}  // namespace

TEST_CASE("webhook day: folded webhooks decide the next sends") {
  const Store store = read_day();
  const sp::Policy policy = sp::Policy::whatsapp();
  const sp::Timestamp evening = at("2026-03-02T18:00:00Z");

  SECTION("Anna wrote at 08:00: a free-form reply at 18:00 is inside the window") {
    sp::SendRequest r = free_form_to("+393471234567", evening);
    store.fold_into({"+393471234567", ""}, r);
    REQUIRE(r.history.size() == 2);  // her message and our reply (from the sent status)
    const sp::SendDecision d = sp::evaluate(policy, r);
    CHECK(d.allowed());
    REQUIRE(d.window.closes_at);
    CHECK(*d.window.closes_at == at("2026-03-03T08:00:00Z"));
  }

  SECTION("Anna stopped marketing at 10:00 (user_preferences): marketing is denied, utility not") {
    // Keyed by her BSUID this time: both identifiers reach the same record.
    sp::SendRequest r = template_to("+393471234567", evening, sp::Category::kMarketing);
    store.fold_into({"", "IT.1001"}, r);
    CHECK(r.recipient.marketing_opted_out);
    sp::SendDecision d = sp::evaluate(policy, r);
    CHECK_FALSE(d.allowed());
    CHECK(d.has(sp::ReasonCode::kMarketingOptedOut));

    r = template_to("+393471234567", evening, sp::Category::kUtility);
    store.fold_into({"", "IT.1001"}, r);
    d = sp::evaluate(policy, r);
    CHECK(d.allowed());

    // At 09:59:59 she had not stopped yet.
    r = template_to("+393471234567", at("2026-03-02T09:59:59Z"), sp::Category::kMarketing);
    store.fold_into({"", "IT.1001"}, r);
    CHECK_FALSE(r.recipient.marketing_opted_out);
    CHECK_FALSE(sp::evaluate(policy, r).has(sp::ReasonCode::kMarketingOptedOut));
  }

  SECTION("Bruno (BSUID only) wrote STOP at 09:00 and START at 13:00") {
    // Meta only ever sent his BSUID; his opt-in was recorded by BSUID too,
    // and the template goes to the BSUID (recipient.user_id, no phone).
    const wire::WebhookUser bruno{"", "IT.2002"};
    CHECK(store.items_of(bruno).size() == 2);
    const auto to_bruno = [&](sp::Timestamp now) {
      sp::SendRequest r = template_to("", now, sp::Category::kUtility);
      r.recipient.user_id = bruno.user_id;
      r.consent->user_id = bruno.user_id;
      store.fold_into(bruno, r);
      return r;
    };

    sp::SendRequest r = to_bruno(at("2026-03-02T12:59:59Z"));
    REQUIRE(r.history.size() == 1);
    sp::SendDecision d = sp::evaluate(policy, r);
    CHECK_FALSE(d.allowed());
    CHECK(d.has(sp::ReasonCode::kOptInWithdrawn));

    r = to_bruno(at("2026-03-02T13:00:00Z"));
    REQUIRE(r.history.size() == 2);
    d = sp::evaluate(policy, r);
    CHECK(d.allowed());
    CHECK(d.has(sp::WarningCode::kReOptedInByKeyword));
  }

  SECTION("Carla hit the per-user marketing limit (131049): retry later, she did not opt out") {
    const wire::WebhookUser carla{"+5511987654321", ""};
    const auto& items = store.items_of(carla);
    REQUIRE(items.size() == 1);
    const auto& failure = std::get<wire::DeliveryFailure>(items[0].fact);
    CHECK(failure.meaning == wire::DeliveryMeaning::kRetryLaterNotOptOut);
    REQUIRE(failure.retry_at);
    CHECK(*failure.retry_at == at("2026-03-03T11:00:00Z"));

    sp::SendRequest r = template_to("+5511987654321", at("2026-03-03T11:00:00Z"),
                                    sp::Category::kMarketing);
    store.fold_into(carla, r);
    CHECK_FALSE(r.recipient.marketing_opted_out);
    const sp::SendDecision d = sp::evaluate(policy, r);
    CHECK_FALSE(d.has(sp::ReasonCode::kMarketingOptedOut));
    CHECK(d.allowed());
  }

  SECTION("Franco: 131050 at 16:00 is an opt-out, his resume at 17:00 lifts it") {
    const wire::WebhookUser franco{"+393489998888", ""};
    sp::SendRequest r = template_to("+393489998888", at("2026-03-02T16:59:59Z"),
                                    sp::Category::kMarketing);
    store.fold_into(franco, r);
    CHECK(sp::evaluate(policy, r).has(sp::ReasonCode::kMarketingOptedOut));

    r = template_to("+393489998888", at("2026-03-02T17:00:00Z"), sp::Category::kMarketing);
    store.fold_into(franco, r);
    CHECK_FALSE(r.recipient.marketing_opted_out);
    CHECK(sp::evaluate(policy, r).allowed());
  }

  SECTION("Dario changed number: his record follows him, his opt-in stays with the old number") {
    const wire::WebhookUser old_number{"+393470000001", ""};
    const wire::WebhookUser new_number{"+393470000002", ""};
    CHECK(&store.items_of(old_number) == &store.items_of(new_number));

    // The consent was given for the old number: a template to the new one
    // needs a fresh opt-in.
    sp::SendRequest r = template_to("+393470000002", evening, sp::Category::kUtility);
    r.consent->phone = "+393470000001";
    store.fold_into(new_number, r);
    const sp::SendDecision d = sp::evaluate(policy, r);
    CHECK_FALSE(d.allowed());
    CHECK(d.has(sp::ReasonCode::kOptInNumberMismatch));
  }

  SECTION("Gina called at 17:30: her call opened the window") {
    sp::SendRequest r = free_form_to("+393475556666", evening);
    store.fold_into({"+393475556666", ""}, r);
    REQUIRE(r.history.size() == 1);
    CHECK(sp::evaluate(policy, r).allowed());

    r = free_form_to("+393475556666", at("2026-03-03T17:30:00Z"));  // 24 h later: closed
    store.fold_into({"+393475556666", ""}, r);
    const sp::SendDecision d = sp::evaluate(policy, r);
    CHECK_FALSE(d.allowed());
    CHECK(d.has(sp::ReasonCode::kOutsideServiceWindow));
  }

  SECTION("Elena granted a temporary call permission, then missed our call") {
    const auto& items = store.items_of({"+393331112222", ""});
    REQUIRE(items.size() == 2);
    const auto& grant = std::get<wire::CallPermissionChange>(items[0].fact);
    CHECK(grant.status == wire::CallPermissionStatus::kGranted);
    CHECK(grant.term == wire::CallPermissionTerm::kTemporary);
    REQUIRE(grant.expires_at);
    CHECK(*grant.expires_at == at("2026-03-09T14:00:00Z"));
    CHECK(std::get<wire::CallOutcome>(items[1].fact).result == wire::CallResult::kUnanswered);
  }
}

}  // namespace webhook_fold_test
