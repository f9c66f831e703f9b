// Fail closed: every kind of bad input names its field and is never allowed.
#include <functional>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {
struct InvalidCase {
  const char* path;  // expected field path
  std::function<void(SendRequest&)> change;
};
}  // namespace

TEST_CASE("Invalid requests are denied with the field path", "[validate]") {
  const std::vector<InvalidCase> cases = {
      {"now", [](SendRequest& r) { r.now = Timestamp::min(); }},  // never set
      {"history[0].direction", [](SendRequest& r) {
         r.history.push_back({r.now - 1h, std::nullopt, EventType::kText, "yes", Sender::kAutomation});
       }},
      {"history[0].sender", [](SendRequest& r) {
         r.history.push_back({r.now - 1h, Direction::kInbound, EventType::kText, "yes", Sender::kAutomation});
       }},
      {"channel", [](SendRequest& r) { r.channel = static_cast<Channel>(9); }},
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone.clear(); }},
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone = "393471234567"; }},
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone = "+39347123456A"; }},
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone = "+1234567890123456"; }},
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone = "+1234567"; }},
      {"recipient.phone", [](SendRequest& r) { r.recipient.phone = "+0393471234567"; }},
      {"recipient.country", [](SendRequest& r) { r.recipient.country = "ita"; }},
      {"recipient.region", [](SendRequest& r) { r.recipient.region = "FL"; }},
      {"recipient.region", [](SendRequest& r) { r.recipient.region = "US-FL"; }},  // country is IT
      // A region of another country sharing one letter with IT (either one).
      {"recipient.region", [](SendRequest& r) { r.recipient.region = "IS-1"; }},
      {"recipient.region", [](SendRequest& r) { r.recipient.region = "AT-9"; }},
      // Not a state: would select no state pack and skip Florida's rules.
      {"recipient.region", [](SendRequest& r) {
         r.recipient.country = "US";
         r.recipient.region = "US-FLA";
       }},
      {"recipient.region", [](SendRequest& r) { r.recipient.region = "CA-XY"; }},
      {"recipient.sent.marketing_24h", [](SendRequest& r) { r.recipient.sent.marketing_24h = -1; }},
      {"recipient.sent.same_purpose_24h", [](SendRequest& r) { r.recipient.sent.same_purpose_24h = -1; }},
      {"consent.status", [](SendRequest& r) { r.consent->status = static_cast<ConsentStatus>(7); }},
      {"consent.method", [](SendRequest& r) { r.consent->method = static_cast<ConsentMethod>(70); }},
      {"consent.phone", [](SendRequest& r) { r.consent->phone = "0039 347 1234567"; }},
      {"consent.phone", [](SendRequest& r) { r.consent->phone.clear(); }},
      {"consent.granted_at", [](SendRequest& r) { r.consent->granted_at = r.now + 1s; }},
      {"consent.granted_at", [](SendRequest& r) { r.consent->granted_at.reset(); }},
      {"consent.withdrawn_at", [](SendRequest& r) { r.consent->withdrawn_at = r.now - 1h; }},  // status granted
      {"consent.withdrawn_at", [](SendRequest& r) {
         r.consent->status = ConsentStatus::kWithdrawn;
         r.consent->withdrawn_at = *r.consent->granted_at - 1s;
       }},
      {"consent.withdrawn_at", [](SendRequest& r) {
         r.consent->status = ConsentStatus::kWithdrawn;
         r.consent->withdrawn_at = r.now + 1s;
       }},
      {"consent.double_opt_in_at", [](SendRequest& r) { r.consent->double_opt_in_at = r.now + 1s; }},
      {"consent.double_opt_in_at", [](SendRequest& r) { r.consent->double_opt_in_at = *r.consent->granted_at - 1s; }},
      {"window.last_inbound_at", [](SendRequest& r) { r.window = ServiceWindow{r.now + 1s}; }},
      {"window.entry_point", [](SendRequest& r) { r.window = ServiceWindow{r.now, static_cast<EntryPoint>(5)}; }},
      {"history[0].at", [](SendRequest& r) {
         r.history.push_back({r.now + 1s, Direction::kInbound, EventType::kText, "hi", std::nullopt});
       }},
      {"history[1].at", [](SendRequest& r) {
         r.history.push_back({r.now - 1h, Direction::kInbound, EventType::kText, "hi", std::nullopt});
         r.history.push_back({r.now - 2h, Direction::kInbound, EventType::kText, "hi", std::nullopt});
       }},
      {"history[0].type", [](SendRequest& r) {
         r.history.push_back({r.now - 1h, Direction::kInbound, static_cast<EventType>(99), "", std::nullopt});
       }},
      {"message.kind", [](SendRequest& r) { r.message.kind = static_cast<MessageKind>(3); }},
      {"message.template", [](SendRequest& r) { r.message.template_info.reset(); }},
      {"message.template", [](SendRequest& r) { r.message.kind = MessageKind::kFreeForm; }},
      {"message.template.name", [](SendRequest& r) { r.message.template_info->name.clear(); }},
      {"message.template.category", [](SendRequest& r) { r.message.template_info->category = Category::kService; }},
      {"message.template.status", [](SendRequest& r) { r.message.template_info->status = static_cast<TemplateStatus>(40); }},
      {"message.template.quality", [](SendRequest& r) { r.message.template_info->quality = static_cast<TemplateQuality>(40); }},
      {"message.category", [](SendRequest& r) { r.message.category = Category::kMarketing; }},
  };
  for (const InvalidCase& c : cases) {
    SendRequest r = utility_template_request();
    c.change(r);
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    INFO("expected path " << c.path << ", got " << summary(d));
    CHECK(d.verdict == Verdict::kDeny);
    CHECK(d.billing == Billing::kNone);
    REQUIRE(d.reasons.size() == 1);
    CHECK(d.reasons[0].code == ReasonCode::kInvalidRequest);
    REQUIRE(d.invalid.has_value());
    CHECK(field_path(*d.invalid) == c.path);
    const absl::Status s = validate(r);
    CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(s.message()).rfind(c.path, 0) == 0);
    CHECK(reason_message(d, d.reasons[0]).find(c.path) != std::string::npos);
  }
}

TEST_CASE("A default-constructed request is denied as invalid", "[validate]") {
  const SendDecision d = evaluate(Policy::whatsapp(), SendRequest{});
  CHECK_FALSE(d.allowed());
  CHECK(d.has(ReasonCode::kInvalidRequest));
  REQUIRE(d.invalid.has_value());
  CHECK(d.invalid->field == "now");
}

TEST_CASE("A valid request validates OK", "[validate]") {
  CHECK(validate(utility_template_request()).ok());
  CHECK(validate(free_form_reply_request()).ok());
  SendRequest withdrawn = utility_template_request();
  withdrawn.consent->status = ConsentStatus::kWithdrawn;  // withdrawn_at optional
  CHECK(validate(withdrawn).ok());
}
