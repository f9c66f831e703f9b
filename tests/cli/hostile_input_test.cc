// The hostile-input catalogue (reliability): every wire-format field given a
// wrong type, every enum misspelled, bad numbers and times, huge, deep, NUL
// and invalid-UTF-8 input. Each row must produce an error naming the field,
// through the parser or the library's validation, and never an allow.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>

#include <sendpolicy/wire/request_json.h>

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

// The wire-format example request (docs/wire-format.md), every field present.
const std::string kFull = R"({"id":"h1","now":"2026-03-02T12:00:00Z","channel":"whatsapp",)"
    R"("recipient":{"phone":"+393471234567","country":"IT","region":"IT-MI","time_zone":"Europe/Rome",)"
    R"("marketing_opted_out":false,"sent":{"marketing_24h":0,"same_purpose_24h":0}},)"
    R"("consent":{"status":"granted","basis":"express","phone":"+393471234567",)"
    R"("granted_at":"2026-01-10T09:00:00Z","withdrawn_at":null,"source":"website","method":"checkbox",)"
    R"("purposes":["order_updates","receipts"],"business_name_shown":true,"content_described":true,)"
    R"("whatsapp_named":true,"number_editable":true,"double_opt_in_at":null,"notice_version":"2026-01",)"
    R"("evidence_ref":"form-8812"},)"
    R"("window":{"last_inbound_at":"2026-03-02T06:00:00Z","entry_point":"organic"},)"
    R"("history":[{"at":"2026-03-02T06:00:00Z","direction":"inbound","type":"text","text":"hi","sender":"customer"}],)"
    R"("message":{"kind":"template","category":"utility","purpose":"order_updates",)"
    R"("template":{"name":"order_shipped","language":"it","category":"utility","status":"approved","quality":"green"},)"
    R"("tag":null,"sender":"automation"}})";

// `kFull` with the first occurrence of `from` replaced by `to`.
std::string mutate(const std::string& from, const std::string& to) {
  std::string json = kFull;
  const std::size_t at = json.find(from);
  REQUIRE(at != std::string::npos);
  json.replace(at, from.size(), to);
  return json;
}

// The error for `json`: the parser's, or else the library validation's (as
// evaluate() reports it). Also checks the request is never allowed.
// tests/c/c_api_hostile_test.cc runs this same catalogue through the C API
// by defining SENDPOLICY_HOSTILE_ERROR_FOR and including this file.
#ifdef SENDPOLICY_HOSTILE_ERROR_FOR
std::string error_for(const std::string& json) { return SENDPOLICY_HOSTILE_ERROR_FOR(json); }
#else
std::string error_for(const std::string& json) {
  sp::SendRequest r;
  const absl::Status parsed = wire::parse_request(json, r);
  if (!parsed.ok()) return std::string(parsed.message());
  const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), r);
  if (!d.invalid) return d.allowed() ? "ALLOWED" : "denied without invalid_request";
  CHECK_FALSE(d.allowed());
  return sp::reason_message(d, d.reasons[0]);
}
#endif

using Mutation = std::tuple<std::string, std::string, std::string>;  // from, to, field

}  // namespace

TEST_CASE("the full example request is valid and allowed", "[hostile]") {
  sp::SendRequest r;
  REQUIRE(wire::parse_request(kFull, r).ok());
  CHECK(sp::evaluate(sp::Policy::whatsapp(), r).allowed());
}

TEST_CASE("every wire-format field with a wrong type names the field", "[hostile]") {
  const auto [from, to, field] = GENERATE(table<std::string, std::string, std::string>({
      Mutation{R"("id":"h1")", R"("id":7)", "id"},
      Mutation{R"("now":"2026-03-02T12:00:00Z")", R"("now":1772452800)", "now"},
      Mutation{R"("channel":"whatsapp")", R"("channel":true)", "channel"},
      Mutation{R"("recipient":{)", R"("recipient":[],"x":{)", "recipient"},
      Mutation{R"("phone":"+393471234567","country")", R"("phone":393471234567,"country")", "recipient.phone"},
      Mutation{R"("country":"IT")", R"("country":["IT"])", "recipient.country"},
      Mutation{R"("region":"IT-MI")", R"("region":5)", "recipient.region"},
      Mutation{R"("time_zone":"Europe/Rome")", R"("time_zone":1)", "recipient.time_zone"},
      Mutation{R"("marketing_opted_out":false)", R"("marketing_opted_out":0)", "recipient.marketing_opted_out"},
      Mutation{R"("sent":{)", R"("sent":3,"y":{)", "recipient.sent"},
      Mutation{R"("marketing_24h":0)", R"("marketing_24h":"0")", "recipient.sent.marketing_24h"},
      Mutation{R"("same_purpose_24h":0)", R"("same_purpose_24h":-1.5)", "recipient.sent.same_purpose_24h"},
      Mutation{R"("consent":{)", R"("consent":"yes","z":{)", "consent"},
      Mutation{R"("status":"granted")", R"("status":1)", "consent.status"},
      Mutation{R"("basis":"express")", R"("basis":{})", "consent.basis"},
      Mutation{R"("phone":"+393471234567","granted_at")", R"("phone":null,"granted_at")", "consent.phone"},
      Mutation{R"("granted_at":"2026-01-10T09:00:00Z")", R"("granted_at":20260110)", "consent.granted_at"},
      Mutation{R"("withdrawn_at":null)", R"("withdrawn_at":false)", "consent.withdrawn_at"},
      Mutation{R"("source":"website")", R"("source":["website"])", "consent.source"},
      Mutation{R"("method":"checkbox")", R"("method":null,"method2":1)", "consent.method"},
      Mutation{R"("purposes":["order_updates","receipts"])", R"("purposes":["order_updates",7])", "consent.purposes[1]"},
      Mutation{R"("business_name_shown":true)", R"("business_name_shown":"true")", "consent.business_name_shown"},
      Mutation{R"("content_described":true)", R"("content_described":1)", "consent.content_described"},
      Mutation{R"("whatsapp_named":true)", R"("whatsapp_named":[])", "consent.whatsapp_named"},
      Mutation{R"("number_editable":true)", R"("number_editable":{})", "consent.number_editable"},
      Mutation{R"("double_opt_in_at":null)", R"("double_opt_in_at":1)", "consent.double_opt_in_at"},
      Mutation{R"("notice_version":"2026-01")", R"("notice_version":2026)", "consent.notice_version"},
      Mutation{R"("evidence_ref":"form-8812")", R"("evidence_ref":{})", "consent.evidence_ref"},
      Mutation{R"("window":{)", R"("window":1,"w":{)", "window"},
      Mutation{R"("last_inbound_at":"2026-03-02T06:00:00Z")", R"("last_inbound_at":true)", "window.last_inbound_at"},
      Mutation{R"("entry_point":"organic")", R"("entry_point":0)", "window.entry_point"},
      Mutation{R"("history":[)", R"("history":{"a":1},"h":[)", "history"},
      Mutation{R"({"at":"2026-03-02T06:00:00Z","direction")", R"({"at":6,"direction")", "history[0].at"},
      Mutation{R"("direction":"inbound")", R"("direction":1)", "history[0].direction"},
      Mutation{R"("type":"text")", R"("type":["text"])", "history[0].type"},
      Mutation{R"("text":"hi")", R"("text":["hi"])", "history[0].text"},
      Mutation{R"("sender":"customer")", R"("sender":false)", "history[0].sender"},
      Mutation{R"("message":{)", R"("message":"hello","m":{)", "message"},
      Mutation{R"("kind":"template")", R"("kind":2)", "message.kind"},
      Mutation{R"("category":"utility","purpose")", R"("category":7,"purpose")", "message.category"},
      Mutation{R"("purpose":"order_updates","template")", R"("purpose":["order_updates"],"template")", "message.purpose"},
      Mutation{R"("template":{)", R"("template":[],"tt":{)", "message.template"},
      Mutation{R"("name":"order_shipped")", R"("name":1)", "message.template.name"},
      Mutation{R"("language":"it")", R"("language":true)", "message.template.language"},
      Mutation{R"("category":"utility","status")", R"("category":{},"status")", "message.template.category"},
      Mutation{R"("status":"approved")", R"("status":1)", "message.template.status"},
      Mutation{R"("quality":"green")", R"("quality":0.5)", "message.template.quality"},
      Mutation{R"("tag":null)", R"("tag":1)", "message.tag"},
      Mutation{R"("sender":"automation")", R"("sender":0)", "message.sender"},
  }));
  CAPTURE(to);
  const std::string error = error_for(mutate(from, to));
  CAPTURE(error);
  CHECK(error.find(field) != std::string::npos);
}

TEST_CASE("every enum value misspelled names the field", "[hostile]") {
  const auto [from, to, field] = GENERATE(table<std::string, std::string, std::string>({
      Mutation{R"("channel":"whatsapp")", R"("channel":"WhatsApp")", "channel"},
      Mutation{R"("status":"granted")", R"("status":"Granted")", "consent.status"},
      Mutation{R"("basis":"express")", R"("basis":"expres")", "consent.basis"},
      Mutation{R"("source":"website")", R"("source":"web_site")", "consent.source"},
      Mutation{R"("method":"checkbox")", R"("method":"check box")", "consent.method"},
      Mutation{R"("entry_point":"organic")", R"("entry_point":"ctwa")", "window.entry_point"},
      Mutation{R"("direction":"inbound")", R"("direction":"in")", "history[0].direction"},
      Mutation{R"("type":"text")", R"("type":"txt")", "history[0].type"},
      Mutation{R"("sender":"customer")", R"("sender":"Customer")", "history[0].sender"},
      Mutation{R"("kind":"template")", R"("kind":"freeform")", "message.kind"},
      Mutation{R"("category":"utility","purpose")", R"("category":"Utility","purpose")", "message.category"},
      Mutation{R"("category":"utility","status")", R"("category":"service","status")", "message.template.category"},
      Mutation{R"("status":"approved")", R"("status":"APPROVED")", "message.template.status"},
      Mutation{R"("quality":"green")", R"("quality":"amber")", "message.template.quality"},
      Mutation{R"("tag":null)", R"("tag":"HUMAN_AGENT")", "message.tag"},
      Mutation{R"("sender":"automation")", R"("sender":"bot")", "message.sender"},
  }));
  CAPTURE(to);
  const std::string error = error_for(mutate(from, to));
  CAPTURE(error);
  CHECK(error.find(field) != std::string::npos);
}

TEST_CASE("bad phone numbers and times name the field", "[hostile]") {
  const auto [from, to, field] = GENERATE(table<std::string, std::string, std::string>({
      Mutation{R"("phone":"+393471234567","country")", R"("phone":"+39347123456A","country")", "recipient.phone"},
      Mutation{R"("phone":"+393471234567","country")", R"("phone":"+1234567890123456","country")", "recipient.phone"},
      Mutation{R"("phone":"+393471234567","country")", R"("phone":"393471234567","country")", "recipient.phone"},
      Mutation{R"("phone":"+393471234567","country")", R"("phone":"+39 347 1234567","country")", "recipient.phone"},
      Mutation{R"("phone":"+393471234567","country")", R"("phone":"+3934712\u000034567","country")", "recipient.phone"},
      Mutation{R"("phone":"+393471234567","country")", R"("phone":"","country")", "recipient.phone"},
      Mutation{R"("phone":"+393471234567","granted_at")", R"("phone":"0039347","granted_at")", "consent.phone"},
      Mutation{R"("now":"2026-03-02T12:00:00Z")", R"("now":"0000-01-01T00:00:00Z")", "now"},
      Mutation{R"("granted_at":"2026-01-10T09:00:00Z")", R"("granted_at":"9999-12-31T23:59:59Z")", "consent.granted_at"},
      Mutation{R"("granted_at":"2026-01-10T09:00:00Z")", R"("granted_at":"2026-06-30T23:59:60Z")", "consent.granted_at"},
      Mutation{R"("granted_at":"2026-01-10T09:00:00Z")", R"("granted_at":"2026-03-02T08:00:00-05:00")", "consent.granted_at"},
      Mutation{R"("last_inbound_at":"2026-03-02T06:00:00Z")", R"("last_inbound_at":"2026-03-02T12:00:01Z")", "window.last_inbound_at"},
      Mutation{R"({"at":"2026-03-02T06:00:00Z","direction")", R"({"at":"2026-03-03T06:00:00Z","direction")", "history[0].at"},
      Mutation{R"("time_zone":"Europe/Rome")", R"("time_zone":"Europe/Milano")", "recipient.time_zone"},
      Mutation{R"("region":"IT-MI")", R"("region":"US-FL")", "recipient.region"},
      Mutation{R"("withdrawn_at":null)", R"("withdrawn_at":"2026-02-01T00:00:00Z")", "consent.withdrawn_at"},
  }));
  CAPTURE(to);
  const std::string error = error_for(mutate(from, to));
  CAPTURE(error);
  CHECK(error.find(field) != std::string::npos);
}

TEST_CASE("structural attacks: duplicates, depth, NUL, invalid UTF-8", "[hostile]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto [json, field] = GENERATE_COPY(table<std::string, std::string>({
      {mutate(R"("id":"h1",)", R"("id":"h1","now":"2026-03-02T11:00:00Z",)"), "now"},
      {mutate(R"("id":"h1")", R"("id":)" + deep), "id"},
      {mutate(R"("tag":null)", R"("tag":null,"extra":)" + deep), "message.extra"},
      // Byte-level damage is found before any field is read (simdjson
      // validates the whole document first), so these name the problem, not a field.
      {mutate(R"("text":"hi")", std::string("\"text\":\"h\0i\"", 11)), "malformed JSON"},
      {mutate(R"("text":"hi")", "\"text\":\"\xff\xfe\""), "not valid UTF-8"},
      {mutate(R"("purpose":"order_updates","template")", "\"purpose\":\"caf\xc3\",\"template\""), "not valid UTF-8"},
      {kFull.substr(0, kFull.size() / 2), ""},
      {std::string("\0\0\0", 3), ""},
  }));
  const std::string error = error_for(json);
  CAPTURE(error);
  CHECK(error != "ALLOWED");
  CHECK(error != "denied without invalid_request");
  CHECK(error.find(field) != std::string::npos);
}

TEST_CASE("ten thousand purposes are read, and matched, without trouble", "[hostile]") {
  std::string purposes = "[";
  for (int i = 0; i < 10000; ++i) purposes += "\"p" + std::to_string(i) + "\",";
  purposes += "\"order_updates\"]";
  sp::SendRequest r;
  REQUIRE(wire::parse_request(mutate(R"(["order_updates","receipts"])", purposes), r).ok());
  CHECK(r.consent->purposes.size() == 10001);
  CHECK(sp::evaluate(sp::Policy::whatsapp(), r).allowed());
}
