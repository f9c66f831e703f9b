// Packs written in a policy file (issue 15): "packs.define" gives CLI,
// Python and C users a jurisdiction of their own without C++. A defined pack
// decides like one made in code, its id is the rule of its reasons, it
// outlives the file text, and every malformed field is an error naming its path.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "sendpolicy/sendpolicy.h"
#include "sendpolicy/wire/line_auditor.h"
#include "sendpolicy/wire/policy_json.h"
#include "sendpolicy/wire/summary.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace custom_pack_test {

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

// 09:00-19:00 on weekdays, 10:00-16:00 on Saturdays, closed on Sundays;
// marketing on SMS and WhatsApp; at most 2 marketing messages a day.
constexpr const char* kPolicy = R"({"version": 1, "packs": {
  "define": {"acme_house_rules": {
    "name": "ACME house rules", "sources": "ACME compliance memo 2026-01",
    "quiet_hours": {"permitted": {"mon": "09:00-19:00", "tue": "09:00-19:00",
                                  "wed": "09:00-19:00", "thu": "09:00-19:00",
                                  "fri": "09:00-19:00", "sat": "10:00-16:00"},
                    "channels": ["sms", "whatsapp"], "categories": ["marketing"]},
    "frequency_cap": {"limit": 2, "window": "24h", "counter": "marketing_24h",
                      "action": "defer", "channels": ["sms", "whatsapp"]}}},
  "bind": {"IT": ["acme_house_rules"]}}})";

// A marketing SMS to Rome at `now` with consent on file; `sent` marketing
// messages in the last 24 h.
std::string request(const std::string& now, int sent) {
  return R"({"id":"r1","now":")" + now +
         R"(","channel":"sms","recipient":{"phone":"+393471234567","country":"IT",)"
         R"("time_zone":"Europe/Rome","sent":{"marketing_24h":)" +
         std::to_string(sent) +
         R"(}},"consent":{"status":"granted","basis":"express","phone":"+393471234567",)"
         R"("granted_at":"2026-01-05T09:00:00Z","source":"website","method":"checkbox",)"
         R"("purposes":["offers"],"business_name_shown":true,"content_described":true,)"
         R"("whatsapp_named":true,"number_editable":true,"double_opt_in_at":"2026-01-05T09:05:00Z"},)"
         R"("message":{"kind":"free_form","category":"marketing","purpose":"offers","sender":"automation"}})";
}

std::string decide(const sp::Policy& policy, const std::string& line) {
  sp::audit::LineAuditor auditor(policy);
  sp::audit::Summary summary;
  std::string out;
  auditor.audit_lines(line + "\n", 1, out, summary);
  return out;
}

std::string parse_error(const std::string& json) {
  sp::Policy p = sp::Policy::whatsapp();
  return std::string(wire::parse_policy(json, p).message());
}

}  // namespace

TEST_CASE("custom pack: defined in the file, it decides with its own id as the rule",
          "[custom_pack]") {
  sp::Policy policy = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(kPolicy, policy).ok());
  using Row = std::tuple<std::string, int, std::string>;
  // 2026-03-06 is a Friday; Rome is UTC+1 in March until the 29th.
  const auto [now, sent, expected] = GENERATE(table<std::string, int, std::string>({
      // Friday 18:59:59 local: the last permitted second.
      Row{"2026-03-06T17:59:59Z", 0, R"("verdict":"allow")"},
      // Friday 19:00 local: closed until Saturday 10:00 local (09:00Z).
      Row{"2026-03-06T18:00:00Z", 0,
          R"("verdict":"defer","reasons":[{"code":"quiet_hours","rule":"acme_house_rules")"},
      // Saturday 16:00 local: Sunday is closed, so Monday 09:00 local (08:00Z).
      Row{"2026-03-07T15:00:00Z", 0, R"("retry_at":"2026-03-09T08:00:00Z")"},
      // Open hours, one sent: under the cap.
      Row{"2026-03-06T10:00:00Z", 1, R"("verdict":"allow")"},
      // Open hours, two sent: the cap defers a day.
      Row{"2026-03-06T10:00:00Z", 2,
          R"("reasons":[{"code":"frequency_cap","rule":"acme_house_rules")"},
  }));
  CAPTURE(now, sent);
  CHECK_THAT(decide(policy, request(now, sent)), Catch::Contains(expected));
}

TEST_CASE("custom pack: a Policy copy keeps the pack's texts after the original is gone",
          "[custom_pack]") {
  sp::Policy copy;
  {
    std::string text = kPolicy;  // the file's text dies with this scope
    sp::Policy original = sp::Policy::whatsapp();
    REQUIRE(wire::parse_policy(text, original).ok());
    copy = original;
  }
  const sp::Pack* pack = copy.jurisdictions.find("acme_house_rules");
  REQUIRE(pack != nullptr);
  CHECK(pack->name == "ACME house rules");
  CHECK(pack->sources == "ACME compliance memo 2026-01");
  CHECK_THAT(decide(copy, request("2026-03-06T18:00:00Z", 0)),
             Catch::Contains(R"("rule":"acme_house_rules")"));
}

TEST_CASE("custom pack: the dump carries the definition and reads back to the same pack",
          "[custom_pack]") {
  sp::Policy policy = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(kPolicy, policy).ok());
  REQUIRE(wire::check_dumpable(policy).ok());
  const std::string dump = wire::policy_to_json(policy);
  CHECK_THAT(dump, Catch::Contains(
                       R"("acme_house_rules": {"name": "ACME house rules", "sources": "ACME compliance memo 2026-01", )"
                       R"("quiet_hours": {"permitted": {"sun": "closed", "mon": "09:00-19:00", )"));
  sp::Policy read_back = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(dump, read_back).ok());
  CHECK(wire::policy_to_json(read_back) == dump);
}

TEST_CASE("custom pack: malformed definitions are errors naming the path", "[custom_pack]") {
  using Row = std::tuple<std::string, std::string>;
  const auto [packs, expected] = GENERATE(table<std::string, std::string>({
      Row{R"({"define":{"us_fl":{}},"bind":{"US":["us_fl"]}})",
          "packs.define.us_fl: is a built-in pack's id: a defined pack needs its own id (unbind "
          "the built-in one and bind yours to replace it)"},
      Row{R"({"define":{"whatsapp":{}}})",
          "packs.define.whatsapp: is a built-in pack's id: a defined pack needs its own id "
          "(unbind the built-in one and bind yours to replace it)"},
      Row{R"({"define":{"Acme":{}}})",
          "packs.define.Acme: is not a pack id: snake_case, a-z, 0-9 and _, 1 to 64 characters"},
      Row{R"({"define":{"acme":{}}})",
          "packs.define.acme: is defined but bound to no destination (name it under packs.bind or "
          "packs.bindings)"},
      Row{R"({"define":{"acme":{},"acme":{}}})", "packs.define.acme: duplicate pack id"},
      Row{R"({"define":{"acme":{"quiet":{}}}})",
          "packs.define.acme.quiet: unknown field"},
      Row{R"({"define":{"acme":{"quiet_hours":{"channels":["sms"]}}}})",
          "packs.define.acme.quiet_hours.permitted: missing: the local hours sending is permitted"},
      Row{R"({"define":{"acme":{"quiet_hours":{"permitted":null}}}})",
          "packs.define.acme.quiet_hours.permitted: expected local hours like \"09:00-18:00\" or "
          "an object of days, not null"},
      Row{R"({"define":{"acme":{"quiet_hours":{"permitted":"9:00-18:00"}}}})",
          "packs.define.acme.quiet_hours.permitted: expected local hours like \"09:00-18:00\" "
          "(24:00 ends the day) or \"closed\", got '9:00-18:00'"},
      Row{R"({"define":{"acme":{"quiet_hours":{"permitted":{"mon":"18:00-09:00"}}}}})",
          "packs.define.acme.quiet_hours.permitted.mon: ends at or before it starts: write "
          "\"closed\" for a day without hours"},
      Row{R"({"define":{"acme":{"quiet_hours":{"permitted":{"monday":"09:00-18:00"}}}}})",
          "packs.define.acme.quiet_hours.permitted.monday: unknown field"},
      Row{R"({"define":{"acme":{"quiet_hours":{"permitted":"24:00-24:00"}}}})",
          "packs.define.acme.quiet_hours.permitted: expected local hours like \"09:00-18:00\" "
          "(24:00 ends the day) or \"closed\", got '24:00-24:00'"},
      Row{R"({"define":{"acme":{"frequency_cap":{"window":"24h"}}}})",
          "packs.define.acme.frequency_cap.limit: missing: how many messages the window allows"},
      Row{R"({"define":{"acme":{"frequency_cap":{"limit":-1}}}})",
          "packs.define.acme.frequency_cap.limit: must not be negative"},
      Row{R"({"define":{"acme":{"frequency_cap":{"limit":1,"counter":"weekly"}}}})",
          "packs.define.acme.frequency_cap.counter: unknown value 'weekly' (expected one of "
          "same_purpose_24h, marketing_24h)"},
      Row{R"({"define":{"acme":{"consent":{"marketing_bases":[]}}}})",
          "packs.define.acme.consent.marketing_bases: must name at least one basis (no basis at "
          "all would refuse every marketing message; use marketing_needs_consent)"},
      Row{R"({"define":{"acme":{"valid_from":"2026-02-30"}}})",
          "packs.define.acme.valid_from: is not a date from 1970 on: '2026-02-30'"},
      Row{R"({"bind":{"US":["acme"]}})",
          "packs.bind.US[0]: unknown pack 'acme' (known: us_tcpa, us_fl, us_ok, us_md, us_tx, "
          "us_or, us_ct, eu_gdpr, de, it, ca_casl; define your own under packs.define)"},
      // The bounds validate() applies to a pack made in code, named by the file's path.
      Row{R"({"define":{"acme":{"frequency_cap":{"limit":1,"window":"400d"}}},"bind":{"US":["acme"]}})",
          "packs.define.acme.frequency_cap.window: must be at most 366d (a year and a day)"},
      Row{R"({"define":{"acme":{"valid_from":"2026-02-01","valid_until":"2026-02-01"}},"bind":{"US":["acme"]}})",
          "packs.define.acme.valid_until: must be after valid_from"},
      Row{R"({"define":{"acme":{"frequency_cap":{"limit":null}}}})",
          "packs.define.acme.frequency_cap.limit: expected an integer, not null"},
      Row{R"({"define":{"acme":{"consent":{"implied_inquiry_lasts_months":null}}}})",
          "packs.define.acme.consent.implied_inquiry_lasts_months: expected an integer, not null"},
  }));
  CAPTURE(packs);
  CHECK(parse_error(R"({"version":1,"packs":)" + packs + "}") == expected);
}

}  // namespace custom_pack_test
