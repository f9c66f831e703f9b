// The wire format of WhatsApp business-initiated calls (docs/wire-format.md,
// "WhatsApp business-initiated calls"): message.kind "call",
// message.requests_call_permission, recipient.call_permission, and the
// policy keys call_cap_24h, business_country, calling_unavailable_countries.
#include <string>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>

#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace call_wire_test {

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;
using namespace std::chrono_literals;

namespace {

std::string call_json(const std::string& permission) {
  return R"({"id":"c1","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567",)"
         R"("call_permission":)" +
         permission + R"(},"message":{"kind":"call"}})";
}

std::string error_of(const std::string& json) {
  sp::SendRequest r;
  const absl::Status s = wire::parse_request(json, r);
  return s.ok() ? std::string("OK") : std::string(s.message());
}

sp::Timestamp at(const char* text) { return *sp::parse_timestamp(text); }

}  // namespace

TEST_CASE("call_permission reads field by field", "[wire][calls]") {
  sp::SendRequest r;
  REQUIRE(wire::parse_request(
              call_json(R"({"status":"granted","kind":"permanent",)"
                        R"("granted_at":"2026-02-01T09:00:00Z",)"
                        R"("requests":["2026-01-30T09:00:00Z","2026-01-31T09:00:00+01:00"],)"
                        R"("last_connected_call_at":"2026-02-10T10:00:00Z",)"
                        R"("consecutive_unanswered_calls":2,"connected_calls_24h":3})"),
              r)
              .ok());
  CHECK(r.message.kind == sp::MessageKind::kCall);
  REQUIRE(r.recipient.call_permission.has_value());
  const sp::CallPermission& p = *r.recipient.call_permission;
  CHECK(p.status == sp::CallPermissionStatus::kGranted);
  CHECK(p.kind == sp::CallPermissionKind::kPermanent);
  CHECK(p.granted_at == at("2026-02-01T09:00:00Z"));
  CHECK(p.requests ==
        std::vector<sp::Timestamp>{at("2026-01-30T09:00:00Z"), at("2026-01-31T08:00:00Z")});
  CHECK(p.last_connected_call_at == at("2026-02-10T10:00:00Z"));
  CHECK(p.consecutive_unanswered_calls == 2);
  CHECK(p.connected_calls_24h == 3);
}

TEST_CASE("call_permission defaults: status none, temporary, nothing counted", "[wire][calls]") {
  sp::SendRequest r;
  REQUIRE(wire::parse_request(call_json("{}"), r).ok());
  REQUIRE(r.recipient.call_permission.has_value());
  CHECK(r.recipient.call_permission->status == sp::CallPermissionStatus::kNone);
  CHECK(r.recipient.call_permission->kind == sp::CallPermissionKind::kTemporary);
  CHECK(r.recipient.call_permission->requests.empty());
  REQUIRE(wire::parse_request(call_json("null"), r).ok());
  CHECK_FALSE(r.recipient.call_permission.has_value());
}

TEST_CASE("every call_permission status and kind is accepted", "[wire][calls]") {
  for (std::size_t s = 0; s < sp::EnumTraits<sp::CallPermissionStatus>::kCount; ++s) {
    for (std::size_t k = 0; k < sp::EnumTraits<sp::CallPermissionKind>::kCount; ++k) {
      const std::string status(sp::EnumTraits<sp::CallPermissionStatus>::kNames[s]);
      const std::string kind(sp::EnumTraits<sp::CallPermissionKind>::kNames[k]);
      sp::SendRequest r;
      CAPTURE(status, kind);
      REQUIRE(wire::parse_request(call_json(R"({"status":")" + status + R"(","kind":")" + kind +
                                            R"(","granted_at":"2026-03-01T00:00:00Z"})"),
                                  r)
                  .ok());
      CHECK(r.recipient.call_permission->status == static_cast<sp::CallPermissionStatus>(s));
      CHECK(r.recipient.call_permission->kind == static_cast<sp::CallPermissionKind>(k));
    }
  }
}

TEST_CASE("call wire errors name the field path", "[wire][calls]") {
  CHECK(error_of(call_json(R"({"status":"maybe"})")) ==
        "recipient.call_permission.status: unknown value 'maybe' (expected one of granted, "
        "declined, revoked, none)");
  CHECK(error_of(call_json(R"({"requests":["2026-01-30T09:00:00Z", 5]})")) ==
        "recipient.call_permission.requests[1]: expected an RFC 3339 date-time string");
  CHECK(error_of(call_json(R"({"requests":[null]})")) ==
        "recipient.call_permission.requests[0]: expected an RFC 3339 date-time, not null");
  CHECK(error_of(call_json(R"({"requests":"2026-01-30T09:00:00Z"})")) ==
        "recipient.call_permission.requests: expected an array of RFC 3339 times");
  CHECK(error_of(call_json(R"({"unanswered":1})")) ==
        "recipient.call_permission.unanswered: unknown field");
  CHECK(error_of(R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
                 R"("message":{"kind":"free_form","requests_call_permission":"yes"}})") ==
        "message.requests_call_permission: expected true or false");
}

TEST_CASE("a call request evaluates through the wire like any other", "[wire][calls]") {
  sp::SendRequest r;
  REQUIRE(wire::parse_request(
              call_json(R"({"status":"granted","granted_at":"2026-02-20T09:00:00Z"})"), r)
              .ok());
  const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), r);
  std::string out;
  wire::append_decision_json(out, r.id, d);
  CHECK(out ==
        R"({"id":"c1","verdict":"deny","reasons":[{"code":"no_call_permission",)"
        R"("rule":"whatsapp.calling.permission","message":"the user's temporary call permission )"
        R"x(expired at 2026-02-27T09:00:00Z (7 days after it was granted)","platform_error":null}],)x"
        R"("warnings":[],"window":{"open":false,"closes_at":null},"required_form":"template",)"
        R"("retry_at":null,"billing":"none"})"
        "\n");
}

TEST_CASE("a reused request forgets the previous call permission", "[wire][calls]") {
  wire::RequestParser parser;
  sp::SendRequest r;
  REQUIRE(parser.parse(call_json(R"({"status":"granted","granted_at":"2026-03-01T00:00:00Z",)"
                                 R"("requests":["2026-02-28T00:00:00Z"],"connected_calls_24h":4})"),
                       r)
              .ok());
  REQUIRE(parser.parse(call_json(R"({"status":"declined"})"), r).ok());
  CHECK(r.recipient.call_permission->requests.empty());
  CHECK_FALSE(r.recipient.call_permission->granted_at.has_value());
  CHECK(r.recipient.call_permission->connected_calls_24h == 0);
  REQUIRE(parser.parse(R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
                       R"("message":{"kind":"free_form"}})",
                       r)
              .ok());
  CHECK_FALSE(r.recipient.call_permission.has_value());
  CHECK_FALSE(r.message.requests_call_permission);
}

TEST_CASE("policy JSON: the call knobs read, dump and read back", "[wire][calls][policy]") {
  sp::Policy p = sp::Policy::whatsapp();
  CHECK(p.call_cap_24h == 100);
  CHECK(p.business_country.empty());
  CHECK(p.calling_unavailable_countries ==
        std::vector<std::string>{"US", "CA", "EG", "VN", "NG", "TR"});
  REQUIRE(wire::parse_policy(R"({"call_cap_24h": 10, "business_country": "IT",)"
                             R"( "calling_unavailable_countries": ["US", "IT"]})",
                             p)
              .ok());
  CHECK(p.call_cap_24h == 10);
  CHECK(p.business_country == "IT");
  CHECK(p.calling_unavailable_countries == std::vector<std::string>{"US", "IT"});
  sp::Policy q = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(wire::policy_to_json(p), q).ok());
  CHECK(wire::policy_to_json(q) == wire::policy_to_json(p));
  CHECK(q.call_cap_24h == 10);
  CHECK(q.business_country == "IT");
  CHECK(q.calling_unavailable_countries == p.calling_unavailable_countries);
}

TEST_CASE("policy JSON: bad call knobs name the key", "[wire][calls][policy]") {
  auto error = [](const std::string& json) {
    sp::Policy p = sp::Policy::whatsapp();
    const absl::Status s = wire::parse_policy(json, p);
    return s.ok() ? std::string("OK") : std::string(s.message());
  };
  CHECK(error(R"({"call_cap_24h": -1})") == "call_cap_24h: must not be negative");
  CHECK(error(R"({"call_cap_24h": null})") == "call_cap_24h: expected a number of calls, not null");
  CHECK(error(R"({"business_country": "usa"})") ==
        "business_country: is not an ISO 3166-1 alpha-2 code like \"US\": 'usa'");
  CHECK(error(R"({"calling_unavailable_countries": ["US", "u"]})") ==
        "calling_unavailable_countries[1]: is not an ISO 3166-1 alpha-2 code like \"US\": 'u'");
  CHECK(error(R"({"calling_unavailable_countries": [""]})") ==
        "calling_unavailable_countries[0]: expected an ISO 3166-1 alpha-2 code, not empty");
  CHECK(error(R"({"business_country": ""})") == "OK");  // empty: not checked
}

}  // namespace call_wire_test
