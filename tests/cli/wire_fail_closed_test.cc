// Issue 17, items 1, 3, 5 and 7 through the wire format: requests a careful
// reading of docs/wire-format.md must deny (or reject as invalid_request)
// and that used to be allowed or misreported.
#include <string>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>
#include <sendpolicy/wire/request_json.h>

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

// An approved marketing template to a number whose consent covers
// "marketing"; `history` and `purpose` are spliced in.
std::string marketing(const std::string& history, const std::string& purpose = R"("marketing")",
                      const std::string& consent_purposes = R"(["marketing"])") {
  return R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)"
         R"("consent":{"phone":"+393471234567","granted_at":"2026-01-01T00:00:00Z","method":"checkbox",)"
         R"("business_name_shown":true,"content_described":true,"purposes":)" +
         consent_purposes + "}," + (history.empty() ? "" : R"("history":[)" + history + "],") +
         R"("message":{"kind":"template",)" + (purpose.empty() ? "" : R"("purpose":)" + purpose + ",") +
         R"("template":{"name":"spring","language":"en","category":"marketing","status":"approved"}}})";
}

// A free-form reply whose only possible window comes from `history`.
std::string reply(const std::string& history) {
  return R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},"history":[)" + history +
         R"(],"message":{"kind":"free_form"}})";
}

struct Outcome {
  std::string parse_error;  // empty when the JSON parsed
  sp::SendDecision decision;
};

Outcome run(const std::string& json) {
  Outcome o;
  sp::SendRequest r;
  const absl::Status s = wire::parse_request(json, r);
  if (!s.ok()) {
    o.parse_error = std::string(s.message());
    return o;
  }
  o.decision = sp::evaluate(sp::Policy::whatsapp(), r);
  return o;
}

// "deny: <field path>: <problem>" for invalid requests, else the verdict.
std::string summary(const std::string& json) {
  const Outcome o = run(json);
  if (!o.parse_error.empty()) return "parse: " + o.parse_error;
  if (o.decision.invalid) {
    return "invalid: " + sp::field_path(*o.decision.invalid) + ": " + std::string(o.decision.invalid->problem);
  }
  return std::string(sp::to_string(o.decision.verdict));
}

}  // namespace

TEST_CASE("Issue 17.1: an event without direction, or a business sender on inbound, is invalid_request") {
  const auto [name, json, expected] = GENERATE(table<const char*, std::string, std::string>({
      {"no direction, sender automation, opens no window",
       reply(R"({"at":"2026-03-02T11:00:00Z","type":"text","text":"Your order shipped","sender":"automation"})"),
       "invalid: history[0].direction: is required (inbound or outbound)"},
      {"no direction at all", reply(R"({"at":"2026-03-02T11:00:00Z","type":"text","text":"hi"})"),
       "invalid: history[0].direction: is required (inbound or outbound)"},
      {"inbound with sender automation",
       reply(R"({"at":"2026-03-02T11:00:00Z","direction":"inbound","type":"text","text":"hi","sender":"automation"})"),
       "invalid: history[0].sender: is the business's (human or automation) on an inbound event"},
      {"inbound with sender human",
       reply(R"({"at":"2026-03-02T11:00:00Z","direction":"inbound","type":"text","text":"hi","sender":"human"})"),
       "invalid: history[0].sender: is the business's (human or automation) on an inbound event"},
      {"the business's own Yes after the customer's STOP",
       marketing(R"({"at":"2026-03-02T10:00:00Z","direction":"inbound","type":"text","text":"STOP"},)"
                 R"({"at":"2026-03-02T11:00:00Z","type":"text","text":"Yes","sender":"automation"})"),
       "invalid: history[1].direction: is required (inbound or outbound)"},
      // Controls: the customer's own message, with or without "customer".
      {"inbound, sender customer",
       reply(R"({"at":"2026-03-02T11:00:00Z","direction":"inbound","type":"text","text":"hi","sender":"customer"})"),
       "allow"},
      {"inbound, no sender", reply(R"({"at":"2026-03-02T11:00:00Z","direction":"inbound","type":"text","text":"hi"})"),
       "allow"},
      {"outbound automation opens nothing",
       reply(R"({"at":"2026-03-02T11:00:00Z","direction":"outbound","type":"text","text":"hi","sender":"automation"})"),
       "deny"},
  }));
  CAPTURE(name);
  CHECK(summary(json) == expected);
}

TEST_CASE("Issue 17.3: an empty purpose is invalid and never matches") {
  const auto [name, json, expected] = GENERATE(table<const char*, std::string, std::string>({
      {"consent purposes [\"\"], message without purpose", marketing("", "", R"([""])"),
       "invalid: consent.purposes[0]: is empty (leave a purpose out instead)"},
      {"after a STOP, consent purposes [\"\"] does not supersede it",
       marketing(R"({"at":"2025-12-01T10:00:00Z","direction":"inbound","type":"text","text":"STOP"})", "",
                 R"(["x",""])"),
       "invalid: consent.purposes[1]: is empty (leave a purpose out instead)"},
      {"message purpose \"\"", marketing("", R"("")"),
       "parse: message.purpose: is empty (leave it out when the message has no purpose)"},
      // A purpose-less message never matches a purpose-scoped consent.
      {"message without purpose, consent scoped to marketing", marketing("", ""), "deny"},
      {"control: purpose marketing", marketing(""), "allow"},
  }));
  CAPTURE(name);
  CHECK(summary(json) == expected);
}

TEST_CASE("Issue 17.5: history order is checked on full-precision times") {
  const auto [name, json, expected] = GENERATE(table<const char*, std::string, std::string>({
      {"STOP at .900 then START at .100 of the same second",
       marketing(R"({"at":"2026-03-02T10:00:00.900Z","direction":"inbound","type":"text","text":"STOP"},)"
                 R"({"at":"2026-03-02T10:00:00.100Z","direction":"inbound","type":"text","text":"START"})"),
       "parse: history[1].at: is earlier than the event before it (history must be oldest first)"},
      {"same second, offsets differ, fractions out of order",
       marketing(R"({"at":"2026-03-02T11:00:00.5+01:00","direction":"inbound","type":"text","text":"STOP"},)"
                 R"({"at":"2026-03-02T10:00:00.25Z","direction":"inbound","type":"text","text":"START"})"),
       "parse: history[1].at: is earlier than the event before it (history must be oldest first)"},
      {"more digits than nanoseconds still compare",
       marketing(R"({"at":"2026-03-02T10:00:00.1000000001Z","direction":"inbound","type":"text","text":"STOP"},)"
                 R"({"at":"2026-03-02T10:00:00.1Z","direction":"inbound","type":"text","text":"START"})"),
       "parse: history[1].at: is earlier than the event before it (history must be oldest first)"},
      // In order, but inside one second: the library works in whole
      // seconds, and at one instant the opt-out wins (item 12).
      {"STOP at .100 then START at .900", 
       marketing(R"({"at":"2026-03-02T10:00:00.100Z","direction":"inbound","type":"text","text":"STOP"},)"
                 R"({"at":"2026-03-02T10:00:00.900Z","direction":"inbound","type":"text","text":"START"})"),
       "deny"},
      {"equal fractions with different digits are in order",
       marketing(R"({"at":"2026-03-02T10:00:00.5Z","direction":"inbound","type":"text","text":"hi"},)"
                 R"({"at":"2026-03-02T10:00:00.500Z","direction":"inbound","type":"text","text":"ok"})"),
       "allow"},
      {"control: START a second later re-opts in",
       marketing(R"({"at":"2026-03-02T10:00:00.900Z","direction":"inbound","type":"text","text":"STOP"},)"
                 R"({"at":"2026-03-02T10:00:01.100Z","direction":"inbound","type":"text","text":"START"})"),
       "allow"},
  }));
  CAPTURE(name);
  CHECK(summary(json) == expected);
}

TEST_CASE("Issue 17.7: the epoch is a time, not a missing one") {
  SECTION("history at the epoch") {
    CHECK(summary(reply(R"({"at":"1970-01-01T00:00:00Z","direction":"inbound","type":"text","text":"hi"})")) ==
          "deny");  // a valid, long-closed window: not "is required"
    CHECK(summary(reply(R"({"at":null,"direction":"inbound","type":"text","text":"hi"})")) ==
          "parse: history[0].at: is required");
  }
  SECTION("now at the epoch") {
    const std::string json =
        R"({"now":"1970-01-01T00:00:00Z","recipient":{"phone":"+393471234567"},)"
        R"("window":{"last_inbound_at":"1970-01-01T00:00:00Z"},"message":{"kind":"free_form"}})";
    CHECK(summary(json) == "allow");  // the customer wrote at that very instant
  }
  SECTION("a C++ request that never set now is still invalid") {
    sp::SendRequest r;
    r.recipient.phone = "+393471234567";
    const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), r);
    REQUIRE(d.invalid);
    CHECK(d.invalid->field == "now");
  }
}
