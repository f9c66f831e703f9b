// Hostile input for the webhook reader: every field it reads given a wrong
// type or a bad value, duplicate keys, junk identifiers, huge, deep, NUL and
// invalid-UTF-8 input. Each row must end in an error or a problem naming the
// field's path, never an item built from the bad value, never a crash; the
// good message after the bad one must still be read.
#include <string>

#include <catch2/catch.hpp>

#include <sendpolicy/wire/webhook_json.h>

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace webhook_hostile_test {

namespace wire = sendpolicy::wire;

namespace {

// A text message (Meta: .../webhooks/reference/messages/text) followed by a
// second, untouched one; rows mutate the first.
const std::string kBad =
    R"({"from":"393471234567","from_user_id":"IT.1001","id":"m1","timestamp":"1772438400","type":"text","text":{"body":"hi"}})";
const std::string kGood =
    R"({"from":"393471234568","id":"m2","timestamp":"1772438401","type":"text","text":{"body":"ok"}})";

std::string payload_with(const std::string& first) {
  return R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"P"},"messages":[)" +
         first + "," + kGood + R"(]},"field":"messages"}]}]})";
}

std::string mutate(const std::string& from, const std::string& to) {
  std::string json = kBad;
  const std::size_t at = json.find(from);
  REQUIRE(at != std::string::npos);
  json.replace(at, from.size(), to);
  return json;
}

}  // namespace

TEST_CASE("webhook hostile: a bad field rejects its message only, naming the path") {
  const std::string p = "entry[0].changes[0].value.messages[0]";
  const auto [from, to, path] = GENERATE_REF(table<std::string, std::string, std::string>({
      {R"("timestamp":"1772438400")", R"("timestamp":1772438400.5)", p + ".timestamp"},
      {R"("timestamp":"1772438400")", R"("timestamp":-5)", p + ".timestamp"},
      {R"("timestamp":"1772438400")", R"("timestamp":"253402300800")", p + ".timestamp"},
      {R"("timestamp":"1772438400")", R"("timestamp":"2026-03-02T08:00:00Z")", p + ".timestamp"},
      {R"("timestamp":"1772438400")", R"("timestamp":true)", p + ".timestamp"},
      {R"("timestamp":"1772438400")", R"("timestamp":"99999999999999999999999")", p + ".timestamp"},
      {R"("timestamp":"1772438400",)", "", p + ".timestamp"},
      {R"("from":"393471234567")", R"("from":"+393471234567")", p + ".from"},
      {R"("from":"393471234567")", R"("from":"3934712345678901")", p + ".from"},  // 16 digits
      {R"("from":"393471234567")", R"("from":"0393471234567")", p + ".from"},
      {R"("from":"393471234567")", R"("from":393471234567)", p + ".from"},
      {R"("from":"393471234567")", R"("from":"")", p + ".from"},
      {R"("from":"393471234567")", R"("from":"DROP TABLE")", p + ".from"},
      {R"("from_user_id":"IT.1001")", R"("from_user_id":"it.1001")", p + ".from_user_id"},
      {R"("from_user_id":"IT.1001")", R"("from_user_id":"IT.10\u000001")", p + ".from_user_id"},
      {R"("from_user_id":"IT.1001")", R"("from_user_id":"IT.")", p + ".from_user_id"},
      {R"("from_user_id":"IT.1001")", R"("from_user_id":["IT.1001"])", p + ".from_user_id"},
      {R"("from":"393471234567","from_user_id":"IT.1001",)", "", p},  // nobody to key it by
      {R"("type":"text")", R"("type":7)", p + ".type"},
      {R"("type":"text",)", "", p + ".type"},
      {R"({"body":"hi"})", R"({"body":42})", p + ".text.body"},
      {R"({"body":"hi"})", R"("hi")", p + ".text"},
      {R"("id":"m1")", R"("id":{"x":1})", p + ".id"},
      {R"("id":"m1")", R"("timestamp":"1")", p + ".timestamp"},  // duplicate key
      {R"("type":"text")", R"("type":"system","system":{"type":"user_changed_number"})",
       p + ".system.wa_id"},
      {R"("type":"text")", R"("type":"interactive","interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"maybe"}})",
       p + ".interactive.call_permission_reply.response"},
      {R"("type":"text")", R"("type":"interactive","interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"accept","expiration_timestamp":"soon"}})",
       p + ".interactive.call_permission_reply.expiration_timestamp"},
      {R"("type":"text")", R"("type":"interactive","interactive":{"type":"button_reply"})",
       p + ".interactive.button_reply"},
  }));
  CAPTURE(to);
  const std::string json = payload_with(mutate(from, to));
  const absl::StatusOr<wire::WebhookBatch> b = wire::read_webhook(json);
  REQUIRE(b.ok());
  REQUIRE(b->problems.size() == 1);
  CHECK(b->problems[0].path == path);
  CHECK_FALSE(b->problems[0].message.empty());
  REQUIRE(b->items.size() == 1);  // only the good neighbour
  CHECK(b->items[0].message_id == "m2");
}

TEST_CASE("webhook hostile: envelope damage is reported where it is") {
  const auto [json, path] = GENERATE(table<std::string, std::string>({
      {R"({"entry":[]})", "object"},
      {R"({"object":7,"entry":[]})", "object"},
      {R"({"object":"whatsapp_business_account","entry":{}})", "entry"},
      {R"({"object":"whatsapp_business_account","entry":[7]})", "entry[0]"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":"x"}]})", "entry[0].changes"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{}}]}]})",
       "entry[0].changes[0].field"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":{}}}]}]})",
       "entry[0].changes[0].value.messages"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"status":"failed","timestamp":"1","recipient_id":"1","errors":[{"code":"131049"}]}]}}]}]})",
       "entry[0].changes[0].value.statuses[0].errors[0].code"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"status":"sent","timestamp":"1","recipient_id":"1","pricing":{"category":3}}]}}]}]})",
       "entry[0].changes[0].value.statuses[0].pricing.category"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"status":"sent","timestamp":"1"}]}}]}]})",
       "entry[0].changes[0].value.statuses[0]"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"calls","value":{"calls":[{"event":"terminate","direction":"BUSINESS_INITIATED","to":"1","timestamp":"1","status":"RINGING"}]}}]}]})",
       "entry[0].changes[0].value.calls[0].status"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"calls","value":{"calls":[{"event":"connect","direction":"SIDEWAYS","from":"1","timestamp":"1"}]}}]}]})",
       "entry[0].changes[0].value.calls[0].direction"},
      {R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"contacts":[{"wa_id":"x"}]}}]}]})",
       "entry[0].changes[0].value.contacts[0].wa_id"},
  }));
  CAPTURE(json);
  const absl::StatusOr<wire::WebhookBatch> b = wire::read_webhook(json);
  REQUIRE(b.ok());
  CHECK(b->items.empty());
  REQUIRE(b->problems.size() == 1);
  CHECK(b->problems[0].path == path);
}

TEST_CASE("webhook hostile: unreadable bytes are one error for the payload, never a crash") {
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  const std::string nul = std::string(R"({"object":"whatsapp_business_account")") + '\0' + "}";
  const std::string bad_utf8 = "{\"object\":\"whatsapp_business_account\",\"x\":\"\xC3\x28\"}";
  const std::string huge_key = "{\"" + std::string(1 << 20, 'k') + "\":1}";
  for (const std::string& json : {deep, nul, bad_utf8, std::string("{"), std::string("nul"),
                                  std::string("{\"object\":\"whatsapp_business_account\"}x")}) {
    CAPTURE(json.substr(0, 60));
    CHECK_FALSE(wire::read_webhook(json).ok());
  }
  // A huge unknown key is counted and bounded, nothing else.
  const absl::StatusOr<wire::WebhookBatch> b = wire::read_webhook(huge_key);
  REQUIRE(b.ok());
  CHECK(b->items.empty());
  // Skip keys built from payload text are short and plain.
  const absl::StatusOr<wire::WebhookBatch> odd = wire::read_webhook(
      R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"Ünïcode\n)" +
      std::string(300, 'x') + R"(","value":{}}]}]})");
  REQUIRE(odd.ok());
  REQUIRE(odd->skipped.size() == 1);
  CHECK(odd->skipped.begin()->first.size() <= 6 + 1 + 40 + 3);
}

}  // namespace webhook_hostile_test
