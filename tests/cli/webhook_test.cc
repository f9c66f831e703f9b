// The Cloud API webhook reader (wire/webhook_json.h), field by field. Each
// payload is written after the Meta webhook reference page cited above it
// (developers.facebook.com/documentation/business-messaging/whatsapp/...),
// with Meta's example values where the page gives them.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/wire/request_json.h>
#include <sendpolicy/wire/webhook_json.h>

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace webhook_test {

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

sp::Timestamp at(const char* rfc3339) {
  const auto t = sp::parse_timestamp(rfc3339);
  REQUIRE(t);
  return *t;
}

// A payload with one change of `field` whose value holds `value_members`
// (JSON members without braces), in the envelope every reference page
// shows: object, entry[].id, changes[].value.messaging_product/metadata.
std::string payload(const std::string& field, const std::string& value_members) {
  return R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},)" +
         value_members + R"(},"field":")" + field + R"("}]}]})";
}

wire::WebhookBatch read(const std::string& json) {
  absl::StatusOr<wire::WebhookBatch> batch = wire::read_webhook(json);
  INFO(json);
  REQUIRE(batch.ok());
  return *std::move(batch);
}

// The one item `json` must produce, with no problems.
wire::WebhookItem only_item(const std::string& json) {
  const wire::WebhookBatch b = read(json);
  INFO(json);
  for (const auto& p : b.problems) INFO(p.path + ": " + p.message);
  REQUIRE(b.problems.empty());
  REQUIRE(b.items.size() == 1);
  return b.items[0];
}

const sp::ConversationEvent& event_of(const wire::WebhookItem& item) {
  REQUIRE(item.kind() == wire::WebhookItemKind::kHistoryEvent);
  return std::get<sp::ConversationEvent>(item.fact);
}

// A user's message with `type` and its object (Meta: messages webhook
// reference, .../webhooks/reference/messages/<type>).
std::string user_message(const std::string& type, const std::string& members) {
  return payload("messages",
                 R"("contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],)"
                 R"("messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=","timestamp":"1739321024","type":")" +
                     type + "\"" + (members.empty() ? "" : "," + members) + "}]");
}

}  // namespace

// .../webhooks/reference/messages/text: the user's phone number in `from`
// (digits) becomes E.164 with '+'; the BSUID comes from contacts[].user_id
// (.../business-scoped-user-ids: contacts carry user_id beside wa_id).
TEST_CASE("webhook: a text message is an inbound history event keyed by phone and BSUID") {
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234","user_id":"US.13491208655302741918"}],)"
      R"("messages":[{"from":"16505551234","id":"wamid.A","timestamp":"1739321024","type":"text","text":{"body":"Hello!"}}])"));
  CHECK(item.user.phone == "+16505551234");
  CHECK(item.user.user_id == "US.13491208655302741918");
  CHECK(item.business_phone_number_id == "106540352242922");
  CHECK(item.message_id == "wamid.A");
  const sp::ConversationEvent& e = event_of(item);
  CHECK(e.at == sp::Timestamp{sp::Duration{1739321024}});
  REQUIRE(e.at);
  CHECK(sp::format_timestamp(*e.at) == "2025-02-12T00:43:44Z");
  CHECK(e.direction == sp::Direction::kInbound);
  CHECK(e.type == sp::EventType::kText);
  CHECK(e.text == "Hello!");
}

// .../business-scoped-user-ids: a user with a username and no recent
// conversation has no wa_id/from; the message carries from_user_id and the
// contact only user_id. Such events were dropped for good by some inboxes.
TEST_CASE("webhook: a STOP from a BSUID-only user is keyed by that user_id") {
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("contacts":[{"profile":{"name":"Pablo","username":"@pablo"},"user_id":"US.13491208655302741918"}],)"
      R"("messages":[{"from_user_id":"US.13491208655302741918","id":"wamid.B","timestamp":"1772442000","type":"text","text":{"body":"STOP"}}])"));
  CHECK(item.user.phone.empty());
  CHECK(item.user.user_id == "US.13491208655302741918");
  const sp::ConversationEvent& e = event_of(item);
  CHECK(e.text == "STOP");
  CHECK(e.at == at("2026-03-02T09:00:00Z"));
}

TEST_CASE("webhook: a BSUID is never turned into a phone number, a parent BSUID is kept whole") {
  // `from` holding a BSUID (sent-to-BSUID era) stays a user_id.
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("messages":[{"from":"US.ENT.11815799212886844830","id":"wamid.C","timestamp":"1772442000","type":"text","text":{"body":"hi"}}])"));
  CHECK(item.user.phone.empty());
  CHECK(item.user.user_id == "US.ENT.11815799212886844830");
}

// Each message type of the messages webhook reference and what it becomes.
TEST_CASE("webhook: message types map to history event types and the words to read") {
  using T = sp::EventType;
  const auto [type, members, want_type, want_text] =
      GENERATE(table<std::string, std::string, T, std::string>({
          // .../messages/text
          {"text", R"("text":{"body":"Where is my order?"})", T::kText, "Where is my order?"},
          // .../messages/image: a caption is text the user wrote
          {"image", R"("image":{"caption":"STOP","mime_type":"image/jpeg","sha256":"abc","id":"1"})",
           T::kMedia, "STOP"},
          // .../messages/video, .../audio, .../document, .../sticker: no caption
          {"video", R"("video":{"mime_type":"video/mp4","sha256":"abc","id":"2"})", T::kMedia, ""},
          {"audio", R"("audio":{"mime_type":"audio/ogg","sha256":"abc","id":"3","voice":true})",
           T::kMedia, ""},
          {"document", R"("document":{"caption":"invoice","filename":"a.pdf","mime_type":"application/pdf","sha256":"x","id":"4"})",
           T::kMedia, "invoice"},
          {"sticker", R"("sticker":{"mime_type":"image/webp","sha256":"x","id":"5","animated":false})",
           T::kMedia, ""},
          // .../messages/button: a quick-reply tap on a template
          {"button", R"("context":{"from":"15550783881","id":"wamid.T"},"button":{"payload":"STOP_PROMOS","text":"Stop promotions"})",
           T::kButtonReply, "Stop promotions"},
          // .../messages/interactive: reply button, list reply, Flow reply
          {"interactive", R"("interactive":{"type":"button_reply","button_reply":{"id":"b1","title":"Yes"}})",
           T::kButtonReply, "Yes"},
          {"interactive", R"("interactive":{"type":"list_reply","list_reply":{"id":"l1","title":"Tuesday","description":"9-12"}})",
           T::kButtonReply, "Tuesday"},
          {"interactive", R"("interactive":{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":"{}"}})",
           T::kButtonReply, ""},
          // .../messages/reaction: emoji, or none when un-reacting
          {"reaction", R"("reaction":{"message_id":"wamid.X","emoji":"\uD83D\uDC4D"})", T::kReaction,
           "\xF0\x9F\x91\x8D"},
          {"reaction", R"("reaction":{"message_id":"wamid.X"})", T::kReaction, ""},
          // .../messages/location, .../contacts, .../order, .../unsupported:
          // the user sent something, without words to read
          {"location", R"("location":{"latitude":45.46,"longitude":9.19})", T::kText, ""},
          {"unsupported", R"("errors":[{"code":131051,"title":"Message type unknown"}])", T::kText, ""},
          {"request_welcome", "", T::kText, ""},
      }));
  CAPTURE(type, members);
  const wire::WebhookItem item = only_item(user_message(type, members));
  const sp::ConversationEvent& e = event_of(item);
  CHECK(e.direction == sp::Direction::kInbound);
  CHECK(e.type == want_type);
  CHECK(e.text == want_text);
  CHECK(item.user.phone == "+16505551234");
}

TEST_CASE("webhook: unknown message types, interactive types and fields are skipped and counted") {
  wire::WebhookBatch b = read(user_message("hologram", R"("hologram":{"id":"1"})"));
  CHECK(b.items.empty());
  CHECK(b.problems.empty());
  CHECK(b.skipped["message_type:hologram"] == 1);

  b = read(user_message("interactive", R"("interactive":{"type":"product_dance","product_dance":{}})"));
  CHECK(b.items.empty());
  CHECK(b.skipped["interactive:product_dance"] == 1);

  // An unknown field beside a known message: the message is still read.
  b = read(user_message("text", R"("text":{"body":"hi"},"sparkle":true)"));
  REQUIRE(b.items.size() == 1);
  CHECK(b.skipped["unknown_field"] == 1);

  // Group messages (.../messages/group) have no per-user window.
  b = read(user_message("text", R"("text":{"body":"hi"},"group_id":"G1")"));
  CHECK(b.items.empty());
  CHECK(b.skipped["group_message"] == 1);
}

// .../webhooks/reference/messages/system (updated 2026-08-11):
// user_changed_number has the old number in `from` and the new one in
// system.wa_id; user_changed_user_id carries previous_user_id.
TEST_CASE("webhook: user_changed_number is an identity change from the old number to the new") {
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("messages":[{"from":"16505551234","id":"wamid.S","timestamp":"1739321024","type":"system",)"
      R"("system":{"body":"User Sheena Nelson changed from 16505551234 to 12195555358","wa_id":"12195555358","type":"user_changed_number"}}])"));
  REQUIRE(item.kind() == wire::WebhookItemKind::kIdentityChange);
  const auto& c = std::get<wire::IdentityChange>(item.fact);
  CHECK(c.previous == wire::WebhookUser{"+16505551234", ""});
  CHECK(c.current == wire::WebhookUser{"+12195555358", ""});
  CHECK(c.at == sp::Timestamp{sp::Duration{1739321024}});
  CHECK(item.user == c.previous);  // keyed by what the backend has stored
}

TEST_CASE("webhook: a number change also regenerates the BSUID (previous_user_id)") {
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("messages":[{"from":"16505551234","from_user_id":"US.222","id":"wamid.S","timestamp":"1739321024","type":"system",)"
      R"("system":{"body":"changed","wa_id":"12195555358","type":"user_changed_number","previous_user_id":"US.111","previous_parent_user_id":"US.ENT.9"}}])"));
  const auto& c = std::get<wire::IdentityChange>(item.fact);
  CHECK(c.previous == wire::WebhookUser{"+16505551234", "US.111"});
  CHECK(c.current == wire::WebhookUser{"+12195555358", "US.222"});
}

TEST_CASE("webhook: user_changed_user_id is an identity change of the BSUID only") {
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("messages":[{"from_user_id":"US.222","id":"wamid.U","timestamp":"1739321024","type":"system",)"
      R"("system":{"body":"changed","type":"user_changed_user_id","previous_user_id":"US.111"}}])"));
  const auto& c = std::get<wire::IdentityChange>(item.fact);
  CHECK(c.previous == wire::WebhookUser{"", "US.111"});
  CHECK(c.current == wire::WebhookUser{"", "US.222"});

  // Without previous_user_id the change says nothing usable.
  const wire::WebhookBatch b = read(payload(
      "messages",
      R"("messages":[{"from_user_id":"US.222","id":"wamid.U","timestamp":"1739321024","type":"system",)"
      R"("system":{"type":"user_changed_user_id"}}])"));
  CHECK(b.items.empty());
  REQUIRE(b.problems.size() == 1);
  CHECK(b.problems[0].path == "entry[0].changes[0].value.messages[0].system.previous_user_id");
}

// .../webhooks/reference/messages/status: sent/delivered/read/failed, with
// pricing (PMP: category, type) and errors[].
TEST_CASE("webhook: a sent status is an outbound history event with its pricing") {
  const auto [category, type, want] = GENERATE(table<std::string, std::string, sp::EventType>({
      {"service", "free_customer_service", sp::EventType::kText},
      {"utility", "free_customer_service", sp::EventType::kTemplate},
      {"marketing", "regular", sp::EventType::kTemplate},
      {"authentication", "regular", sp::EventType::kTemplate},
  }));
  CAPTURE(category, type);
  const wire::WebhookItem item = only_item(payload(
      "messages", R"("statuses":[{"id":"wamid.S1","status":"sent","timestamp":"1772438700","recipient_id":"16505551234",)"
                  R"("recipient_user_id":"US.13491208655302741918","pricing":{"billable":true,"pricing_model":"PMP","category":")" +
                      category + R"(","type":")" + type + R"("},"conversation":{"id":"c1"}}])"));
  const sp::ConversationEvent& e = event_of(item);
  CHECK(e.direction == sp::Direction::kOutbound);
  CHECK(e.type == want);
  CHECK(e.at == at("2026-03-02T08:05:00Z"));
  CHECK(item.user == wire::WebhookUser{"+16505551234", "US.13491208655302741918"});
  REQUIRE(item.pricing);
  CHECK(item.pricing->category == category);
  CHECK(item.pricing->type == type);
}

TEST_CASE("webhook: delivered and read receipts are skipped: the sent status already counted") {
  wire::WebhookBatch b = read(payload(
      "messages",
      R"("statuses":[{"id":"w","status":"delivered","timestamp":"1772438710","recipient_id":"16505551234"},)"
      R"({"id":"w","status":"read","timestamp":"1772438800","recipient_id":"16505551234"}])"));
  CHECK(b.items.empty());
  CHECK(b.skipped["status:delivered"] == 1);
  CHECK(b.skipped["status:read"] == 1);
}

// Error codes: .../support/error-codes; 131049 per-user marketing limit:
// .../templates/marketing-templates (frequency cap, not an opt-out).
TEST_CASE("webhook: failed statuses say what the error means for the next send") {
  using M = wire::DeliveryMeaning;
  const auto [code, meaning, retry, opt_out] = GENERATE(table<int, M, bool, bool>({
      {131047, M::kWindowClosedUseTemplate, false, false},
      {131049, M::kRetryLaterNotOptOut, true, false},
      {131050, M::kMarketingOptedOut, false, true},
      {131026, M::kUndeliverable, false, false},
      {131000, M::kOther, false, false},
  }));
  CAPTURE(code);
  const wire::WebhookBatch b = read(payload(
      "messages", R"("statuses":[{"id":"wamid.F","status":"failed","timestamp":"1772449200","recipient_id":"5511987654321",)"
                  R"("errors":[{"code":)" + std::to_string(code) +
                      R"(,"title":"t","message":"m","error_data":{"details":"d"},"href":"h"}]}])"));
  REQUIRE(b.problems.empty());
  REQUIRE(b.items.size() == (opt_out ? 2u : 1u));
  REQUIRE(b.items[0].kind() == wire::WebhookItemKind::kDeliveryFailure);
  const auto& d = std::get<wire::DeliveryFailure>(b.items[0].fact);
  CHECK(d.code == code);
  CHECK(d.meaning == meaning);
  CHECK(d.title == "t");
  CHECK(d.at == at("2026-03-02T11:00:00Z"));
  if (retry) {
    REQUIRE(d.retry_at);
    CHECK(*d.retry_at == at("2026-03-03T11:00:00Z"));  // 24 h: the first back-off step
    CHECK(std::string(wire::advice(d.meaning)).find("not an opt-out") != std::string::npos);
  } else {
    CHECK_FALSE(d.retry_at);
  }
  if (opt_out) {
    REQUIRE(b.items[1].kind() == wire::WebhookItemKind::kMarketingPreference);
    const auto& p = std::get<wire::MarketingPreference>(b.items[1].fact);
    CHECK(p.opted_out);
    CHECK(p.at == d.at);
  }
  // Nothing but 131050 ever becomes a marketing opt-out.
  for (const auto& item : b.items) {
    if (code != 131050) CHECK(item.kind() != wire::WebhookItemKind::kMarketingPreference);
  }
}

// .../webhooks/reference/user_preferences (updated 2026-05-21).
TEST_CASE("webhook: user_preferences stop then resume, per business number, with their times") {
  const wire::WebhookBatch b = read(payload(
      "user_preferences",
      R"("contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234","user_id":"US.1"}],)"
      R"("user_preferences":[{"wa_id":"16505551234","detail":"User requested to stop marketing messages","category":"marketing_messages","value":"stop","timestamp":"1772445600"},)"
      R"({"wa_id":"16505551234","detail":"User requested to resume marketing messages","category":"marketing_messages","value":"resume","timestamp":"1772470800"}])"));
  REQUIRE(b.problems.empty());
  REQUIRE(b.items.size() == 2);
  const auto& stop = std::get<wire::MarketingPreference>(b.items[0].fact);
  const auto& resume = std::get<wire::MarketingPreference>(b.items[1].fact);
  CHECK(stop.opted_out);
  CHECK(stop.at == at("2026-03-02T10:00:00Z"));
  CHECK_FALSE(resume.opted_out);
  CHECK(resume.at == at("2026-03-02T17:00:00Z"));
  CHECK(b.items[0].user == wire::WebhookUser{"+16505551234", "US.1"});  // completed from contacts
  CHECK(b.items[0].business_phone_number_id == "106540352242922");
}

TEST_CASE("webhook: other preference categories are skipped; an unknown value is a problem") {
  wire::WebhookBatch b = read(payload(
      "user_preferences",
      R"("user_preferences":[{"wa_id":"16505551234","category":"interest_feedback","value":"not_interested","timestamp":"1772445600"}])"));
  CHECK(b.items.empty());
  CHECK(b.skipped["preference:interest_feedback"] == 1);

  b = read(payload("user_preferences",
                   R"("user_preferences":[{"wa_id":"16505551234","category":"marketing_messages","value":"pause","timestamp":"1772445600"}])"));
  CHECK(b.items.empty());
  REQUIRE(b.problems.size() == 1);
  CHECK(b.problems[0].path == "entry[0].changes[0].value.user_preferences[0].value");
}

// .../calling/user-call-permissions: interactive call_permission_reply with
// response accept/reject, is_permanent, expiration_timestamp (a number).
TEST_CASE("webhook: call permission replies") {
  using S = wire::CallPermissionStatus;
  using P = wire::CallPermissionTerm;
  const auto [reply, status, term, expiry] =
      GENERATE(table<std::string, S, P, std::string>({
          {R"("response":"accept","is_permanent":false,"expiration_timestamp":1773064800,"response_source":"user_action")",
           S::kGranted, P::kTemporary, "2026-03-09T14:00:00Z"},
          // No expiry given: 7 days (168 h) from approval.
          {R"("response":"accept","is_permanent":false,"response_source":"automatic")", S::kGranted,
           P::kTemporary, "2026-03-09T14:00:00Z"},
          {R"("response":"accept","is_permanent":true,"response_source":"user_action")", S::kGranted,
           P::kPermanent, ""},
          {R"("response":"reject","response_source":"user_action")", S::kRejected, P::kTemporary, ""},
      }));
  CAPTURE(reply);
  const wire::WebhookItem item = only_item(payload(
      "messages", R"("messages":[{"from":"393331112222","id":"wamid.P","timestamp":"1772460000","type":"interactive",)"
                  R"("interactive":{"type":"call_permission_reply","call_permission_reply":{)" +
                      reply + "}}}]"));
  REQUIRE(item.kind() == wire::WebhookItemKind::kCallPermission);
  const auto& p = std::get<wire::CallPermissionChange>(item.fact);
  CHECK(p.status == status);
  CHECK(p.term == term);
  CHECK(p.at == at("2026-03-02T14:00:00Z"));
  if (expiry.empty()) {
    CHECK_FALSE(p.expires_at);
  } else {
    REQUIRE(p.expires_at);
    CHECK(*p.expires_at == at(expiry.c_str()));
  }
}

// .../calling/reference (calls webhook): connect/terminate, direction,
// status COMPLETED/FAILED on terminate.
TEST_CASE("webhook: calls the user places are inbound call events; business calls have outcomes") {
  wire::WebhookItem item = only_item(payload(
      "calls", R"("contacts":[{"profile":{"name":"Gina"},"wa_id":"393475556666"}],)"
               R"("calls":[{"id":"wacid.1","to":"15550783881","from":"393475556666","event":"connect","direction":"USER_INITIATED","timestamp":"1772472600","session":{"sdp_type":"offer","sdp":"v=0"}}])"));
  const sp::ConversationEvent& e = event_of(item);
  CHECK(e.type == sp::EventType::kCall);
  CHECK(e.direction == sp::Direction::kInbound);
  CHECK(item.user.phone == "+393475556666");

  const auto [status, result] = GENERATE(table<std::string, wire::CallResult>({
      {"COMPLETED", wire::CallResult::kConnected},
      {"FAILED", wire::CallResult::kUnanswered},
  }));
  item = only_item(payload(
      "calls", R"("calls":[{"id":"wacid.2","to":"393331112222","from":"15550783881","event":"terminate","direction":"BUSINESS_INITIATED","timestamp":"1772463600","status":")" +
                   status + R"(","start_time":"1772463590","end_time":"1772463600","duration":10}])"));
  REQUIRE(item.kind() == wire::WebhookItemKind::kCallOutcome);
  CHECK(item.user.phone == "+393331112222");  // the callee
  CHECK(std::get<wire::CallOutcome>(item.fact).result == result);
  CHECK(std::get<wire::CallOutcome>(item.fact).at == at("2026-03-02T15:00:00Z"));
}

TEST_CASE("webhook: several entries and changes are read in order, each with its business number") {
  const std::string json =
      R"({"object":"whatsapp_business_account","entry":[)"
      R"({"id":"W1","changes":[)"
      R"({"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"P1"},"messages":[)"
      R"({"from":"393471234567","id":"m1","timestamp":"1772438400","type":"text","text":{"body":"one"}},)"
      R"({"from":"393471234567","id":"m2","timestamp":"1772438401","type":"text","text":{"body":"two"}}]},"field":"messages"},)"
      R"({"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"2","phone_number_id":"P2"},"user_preferences":[)"
      R"({"wa_id":"393471234567","category":"marketing_messages","value":"stop","timestamp":"1772438402"}]},"field":"user_preferences"}]},)"
      R"({"id":"W2","changes":[)"
      R"({"value":{"event":"APPROVED","message_template_id":1},"field":"message_template_status_update"},)"
      R"({"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"3","phone_number_id":"P3"},"statuses":[)"
      R"({"id":"m3","status":"sent","timestamp":"1772438403","recipient_id":"393471234567"}]},"field":"messages"}]}]})";
  const wire::WebhookBatch b = read(json);
  REQUIRE(b.problems.empty());
  REQUIRE(b.items.size() == 4);
  CHECK(std::get<sp::ConversationEvent>(b.items[0].fact).text == "one");
  CHECK(b.items[0].business_phone_number_id == "P1");
  CHECK(std::get<sp::ConversationEvent>(b.items[1].fact).text == "two");
  CHECK(b.items[2].kind() == wire::WebhookItemKind::kMarketingPreference);
  CHECK(b.items[2].business_phone_number_id == "P2");
  CHECK(b.items[3].business_phone_number_id == "P3");
  CHECK(std::get<sp::ConversationEvent>(b.items[3].fact).direction == sp::Direction::kOutbound);
  CHECK(b.skipped.at("field:message_template_status_update") == 1);
}

TEST_CASE("webhook: a bad message is reported by path and its neighbours are still read") {
  const wire::WebhookBatch b = read(payload(
      "messages",
      R"("messages":[{"from":"393471234567","id":"m1","timestamp":"1772438400","type":"text","text":{"body":"one"}},)"
      R"({"from":"393471234567","id":"m2","timestamp":1e99,"type":"text","text":{"body":"two"}},)"
      R"({"from":"393471234567","id":"m3","timestamp":"1772438402","type":"text","text":{"body":"three"}}])"));
  REQUIRE(b.items.size() == 2);
  CHECK(std::get<sp::ConversationEvent>(b.items[0].fact).text == "one");
  CHECK(std::get<sp::ConversationEvent>(b.items[1].fact).text == "three");
  REQUIRE(b.problems.size() == 1);
  CHECK(b.problems[0].path == "entry[0].changes[0].value.messages[1].timestamp");
}

TEST_CASE("webhook: malformed JSON is an error; other objects are skipped") {
  CHECK_FALSE(wire::read_webhook(R"({"object":"whatsapp_business_account","entry":[)").ok());
  CHECK_FALSE(wire::read_webhook("[]").ok());
  CHECK_FALSE(wire::read_webhook("").ok());
  const wire::WebhookBatch b = read(R"({"object":"page","entry":[]})");
  CHECK(b.items.empty());
  CHECK(b.skipped.at("object:page") == 1);
}

// Webhook timestamps are Unix seconds in a string; the boundaries of what
// the wire format can write (1970-01-01 .. 9999-12-31T23:59:59Z) are pinned.
TEST_CASE("webhook: Unix-seconds timestamps convert exactly and reject everything else") {
  const auto [text, want] = GENERATE(table<std::string, std::string>({
      {"0", "1970-01-01T00:00:00Z"},
      {"1", "1970-01-01T00:00:01Z"},
      {"1772438400", "2026-03-02T08:00:00Z"},
      {"1772438399", "2026-03-02T07:59:59Z"},
      {"253402300799", "9999-12-31T23:59:59Z"},
      {"253402300800", ""},  // one second past 9999
      {"999999999999", ""},
      {"1000000000000", ""},  // 13 digits
      {"-1", ""},
      {"+1772438400", ""},
      {" 1772438400", ""},
      {"1772438400 ", ""},
      {"1772438400.5", ""},
      {"01772438400", ""},
      {"1e9", ""},
      {"", ""},
      {"0x10", ""},
  }));
  CAPTURE(text);
  const std::optional<sp::Timestamp> t = wire::parse_unix_seconds(text);
  if (want.empty()) {
    CHECK_FALSE(t);
  } else {
    REQUIRE(t);
    CHECK(sp::format_timestamp(*t) == want);
  }
}

TEST_CASE("webhook: an item's history_event is a wire-format event a request accepts") {
  const wire::WebhookItem item = only_item(payload(
      "messages",
      R"("messages":[{"from":"393471234567","id":"m1","timestamp":"1772438400","type":"text","text":{"body":"Stop \"now\"\n"}}])"));
  std::string line;
  wire::append_webhook_item_json(line, item);
  const std::size_t start = line.find("\"history_event\":") + 16;
  const std::size_t end = line.rfind('}');
  const std::string event = line.substr(start, end - start);
  sp::SendRequest r;
  const absl::Status s = wire::parse_request(
      R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"},"history":[)" +
          event + "]}",
      r);
  INFO(event);
  REQUIRE(s.ok());
  REQUIRE(r.history.size() == 1);
  CHECK(r.history[0].at == at("2026-03-02T08:00:00Z"));
  CHECK(r.history[0].text == "Stop \"now\"\n");
  CHECK(r.history[0].direction == sp::Direction::kInbound);
  CHECK(line.rfind("{\"recipient\":{\"phone\":\"+393471234567\",\"user_id\":null}", 0) == 0);
}

}  // namespace webhook_test
