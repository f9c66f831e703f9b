// Tests of sendpolicy_wire: request parsing (every documented field and
// enum value, strictness, field paths), decision JSON and policy JSON.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include <sendpolicy/sendpolicy.h>

#include <sendpolicy/wire/decision_json.h>
#include <sendpolicy/wire/json_writer.h>
#include <sendpolicy/wire/policy_json.h>
#include <sendpolicy/wire/request_json.h>
#include <sendpolicy/wire/zone_cache.h>

namespace sp = sendpolicy;
namespace wire = sendpolicy::wire;

namespace {

const std::string kHead =
    R"({"id":"r1","now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"},)";

std::string with_message(const std::string& message) { return kHead + R"("message":)" + message + "}"; }

std::string error_of(const std::string& json) {
  sp::SendRequest r;
  const absl::Status s = wire::parse_request(json, r);
  return s.ok() ? std::string("OK") : std::string(s.message());
}

template <class E>
std::string name_at(std::size_t i) {
  return std::string(sp::EnumTraits<E>::kNames[i]);
}

}  // namespace

TEST_CASE("every documented enum value is accepted where the wire format puts it") {
  sp::SendRequest r;
  wire::RequestParser parser;
  SECTION("channel") {
    const auto i = GENERATE(range<std::size_t>(0, sp::EnumTraits<sp::Channel>::kCount));
    const std::string json = R"({"now":"2026-03-02T12:00:00Z","channel":")" +
                             name_at<sp::Channel>(i) +
                             R"(","recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"}})";
    REQUIRE(parser.parse(json, r).ok());
    CHECK(r.channel == static_cast<sp::Channel>(i));
  }
  SECTION("consent enums") {
    const auto i = GENERATE(range<std::size_t>(0, 9));
    const auto pick = [&](std::size_t count) { return i % count; };
    const std::string json =
        kHead + R"("consent":{"phone":"+393471234567","granted_at":"2026-01-01T00:00:00Z","status":")" +
        name_at<sp::ConsentStatus>(pick(2)) + R"(","basis":")" + name_at<sp::ConsentBasis>(pick(4)) +
        R"(","source":")" + name_at<sp::ConsentSource>(pick(9)) + R"(","method":")" +
        name_at<sp::ConsentMethod>(pick(8)) + R"("},"message":{"kind":"free_form"}})";
    REQUIRE(parser.parse(json, r).ok());
    REQUIRE(r.consent.has_value());
    CHECK(r.consent->status == static_cast<sp::ConsentStatus>(pick(2)));
    CHECK(r.consent->basis == static_cast<sp::ConsentBasis>(pick(4)));
    CHECK(r.consent->source == static_cast<sp::ConsentSource>(pick(9)));
    CHECK(r.consent->method == static_cast<sp::ConsentMethod>(pick(8)));
  }
  SECTION("template status, quality, category") {
    const auto i = GENERATE(range<std::size_t>(0, 13));
    const std::string json = with_message(
        R"({"kind":"template","template":{"name":"t","category":")" +
        name_at<sp::Category>(i % 3) + R"(","status":")" + name_at<sp::TemplateStatus>(i) +
        R"(","quality":")" + name_at<sp::TemplateQuality>(i % 4) + R"("}})");
    REQUIRE(parser.parse(json, r).ok());
    REQUIRE(r.message.template_info.has_value());
    CHECK(r.message.template_info->status == static_cast<sp::TemplateStatus>(i));
    CHECK(r.message.template_info->quality == static_cast<sp::TemplateQuality>(i % 4));
    CHECK(r.message.template_info->category == static_cast<sp::Category>(i % 3));
  }
  SECTION("message category, tag, sender; window entry point; history enums") {
    const auto i = GENERATE(range<std::size_t>(0, 8));
    const std::string json =
        kHead + R"("window":{"last_inbound_at":"2026-03-02T11:00:00Z","entry_point":")" +
        name_at<sp::EntryPoint>(i % 3) + R"("},"history":[{"at":"2026-03-02T11:00:00Z","direction":")" +
        name_at<sp::Direction>(i % 2) + R"(","type":")" + name_at<sp::EventType>(i) +
        R"(","sender":")" + name_at<sp::Sender>(i % 2) + R"("}],"message":{"kind":"free_form","category":")" +
        name_at<sp::Category>(i % 4) + R"(","tag":")" + name_at<sp::MessageTag>(i % 4) +
        R"(","sender":")" + name_at<sp::Sender>(i % 2) + R"("}})";
    REQUIRE(parser.parse(json, r).ok());
    CHECK(r.window->entry_point == static_cast<sp::EntryPoint>(i % 3));
    CHECK(r.history.at(0).type == static_cast<sp::EventType>(i));
    CHECK(r.history.at(0).direction == static_cast<sp::Direction>(i % 2));
    CHECK(r.message.category == static_cast<sp::Category>(i % 4));
    CHECK(r.message.tag == static_cast<sp::MessageTag>(i % 4));
  }
}

TEST_CASE("the wire-format example request reads field by field") {
  const std::string json = R"({
    "id": "optional caller id, echoed back", "now": "2026-03-02T12:00:00+01:00", "channel": "whatsapp",
    "recipient": {"phone": "+393471234567", "country": "IT", "region": "IT-MI",
      "time_zone": "Europe/Rome", "marketing_opted_out": true,
      "sent": {"marketing_24h": 2, "same_purpose_24h": 1}},
    "consent": {"status": "granted", "basis": "express", "phone": "+393471234567",
      "granted_at": "2026-01-10T09:00:00.750Z", "withdrawn_at": null, "source": "website",
      "method": "checkbox", "purposes": ["order_updates", "receipts"],
      "business_name_shown": true, "content_described": true, "whatsapp_named": false,
      "number_editable": true, "double_opt_in_at": null, "notice_version": "2026-01",
      "evidence_ref": "form-8812"},
    "window": {"last_inbound_at": "2026-03-02T06:00:00Z", "entry_point": "ctwa_ad"},
    "history": [{"at": "2026-03-02T06:00:00Z", "direction": "inbound", "type": "text",
                 "text": "hi \u00e8", "sender": "customer"}],
    "message": {"kind": "template", "category": "utility", "purpose": "order_updates",
      "template": {"name": "order_shipped", "language": "it", "category": "utility",
                   "status": "approved", "quality": "green"},
      "tag": null, "sender": "automation"}})";
  sp::SendRequest r;
  REQUIRE(wire::parse_request(json, r).ok());
  CHECK(r.id == "optional caller id, echoed back");
  CHECK(r.now == *sp::parse_timestamp("2026-03-02T11:00:00Z"));
  CHECK(r.recipient.region == "IT-MI");
  CHECK(r.recipient.zone != nullptr);
  CHECK(r.recipient.marketing_opted_out);
  CHECK(r.recipient.sent.marketing_24h == 2);
  CHECK(r.recipient.sent.same_purpose_24h == 1);
  REQUIRE(r.consent);
  CHECK(r.consent->granted_at == sp::parse_timestamp("2026-01-10T09:00:00Z"));
  CHECK(r.consent->purposes == std::vector<std::string>{"order_updates", "receipts"});
  CHECK_FALSE(r.consent->notice.whatsapp_named);
  CHECK(r.consent->notice.number_editable);
  CHECK(r.consent->evidence_ref == "form-8812");
  CHECK(r.window->entry_point == sp::EntryPoint::kCtwaAd);
  CHECK(r.history.at(0).text == "hi \xC3\xA8");
  CHECK(r.message.template_info->name == "order_shipped");
  CHECK(r.message.purpose == "order_updates");
  CHECK_FALSE(r.message.tag.has_value());
}

TEST_CASE("errors name the field path and the problem") {
  using Row = std::tuple<std::string, std::string>;
  const auto [json, expected] = GENERATE(table<std::string, std::string>({
      Row{R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":5},"message":{"kind":"free_form"}})",
          "recipient.phone: expected a string"},
      Row{R"({"recipient":{"phone":"+393471234567"},"message":{"kind":"free_form"}})", "now: is required"},
      Row{R"({"now":"2026-03-02T12:00:00Z","message":{"kind":"free_form"}})", "recipient: is required"},
      Row{R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567"}})", "message: is required"},
      Row{with_message(R"({"purpose":"x"})"), "message.kind: is required (free_form, template or call)"},
      Row{with_message(R"({"kind":"template","template":{"name":"t","status":"approved"}})"),
          "message.template.category: is required"},
      Row{with_message(R"({"kind":"free_form","sender":"bot"})"),
          "message.sender: unknown value 'bot' (expected one of human, automation)"},
      Row{kHead + R"("history":[{"at":"2026-03-02T11:00:00Z"},{"type":"text"}],"message":{"kind":"free_form"}})",
          "history[1].at: is required"},
      Row{kHead + R"("history":[{"at":"2026-03-02T11:00:00Z","direction":"outbound","sender":"customer"}],"message":{"kind":"free_form"}})",
          "history[0].sender: 'customer' is only valid on inbound events"},
      Row{kHead + R"("consent":{"purposes":"receipts"},"message":{"kind":"free_form"}})",
          "consent.purposes: expected an array of strings"},
      Row{kHead + R"("consent":{"granted_at":"yesterday"},"message":{"kind":"free_form"}})",
          "consent.granted_at: is not an RFC 3339 date-time like 2026-03-02T12:00:00Z: 'yesterday'"},
      Row{kHead + R"("window":{"last_inbound_at":"2026-03-02T11:00:00Z","open":true},"message":{"kind":"free_form"}})",
          "window.open: unknown field"},
      Row{R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","sent":{"marketing_24h":1.5}},"message":{"kind":"free_form"}})",
          "recipient.sent.marketing_24h: expected an integer, not 1.5"},
      Row{R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","sent":{"marketing_24h":9999999999}},"message":{"kind":"free_form"}})",
          "recipient.sent.marketing_24h: is out of range"},
      Row{R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","marketing_opted_out":"no"},"message":{"kind":"free_form"}})",
          "recipient.marketing_opted_out: expected true or false"},
      Row{R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234567","time_zone":"Europe/Milan"},"message":{"kind":"free_form"}})",
          "recipient.time_zone: unknown IANA time zone 'Europe/Milan'"},
      Row{"", "empty; expected a JSON object"},
      Row{"42", "expected a JSON object"},
      Row{with_message(R"({"kind":"free_form"})") + "{}", "unexpected content after the JSON object"},
      Row{with_message(R"({"kind":"free_form"})") + " 1", "unexpected content after the JSON object"},
      Row{with_message(R"({"kind":"free_form"})") + ",", "unexpected content after the JSON object"},
      Row{with_message(R"({"kind":"free_form"})") + " x", "unexpected content after the JSON object"},
      Row{with_message(R"({"kind":"free_form"})") + " \r\n\t", "OK"},
  }));
  CAPTURE(json);
  CHECK(error_of(json) == expected);
}

TEST_CASE("a reused request carries nothing over from the previous one") {
  wire::RequestParser parser;
  sp::SendRequest r;
  REQUIRE(parser.parse(kHead + R"("consent":{"phone":"+393471234567","purposes":["a","b"]},)"
                               R"("history":[{"at":"2026-03-02T11:00:00Z","text":"one"},{"at":"2026-03-02T11:30:00Z"}],)"
                               R"("message":{"kind":"template","template":{"name":"t","category":"marketing","status":"approved"},"tag":"human_agent"}})",
                       r)
              .ok());
  REQUIRE(parser.parse(R"({"now":"2026-03-02T12:00:00Z","recipient":{"phone":"+393471234568"},)"
                       R"("history":[{"at":"2026-03-02T10:00:00Z"}],"message":{"kind":"free_form"}})",
                       r)
              .ok());
  CHECK(r.id.empty());
  CHECK_FALSE(r.consent.has_value());
  CHECK(r.history.size() == 1);
  CHECK(r.history[0].text.empty());
  CHECK_FALSE(r.message.template_info.has_value());
  CHECK_FALSE(r.message.tag.has_value());
  CHECK(r.recipient.phone == "+393471234568");
}

TEST_CASE("decisions are written in the wire format with a stable key order") {
  sp::SendRequest r;
  REQUIRE(wire::parse_request(kHead + R"("window":{"last_inbound_at":"2026-03-01T11:00:00Z"},"message":{"kind":"free_form"}})", r).ok());
  const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), r);
  std::string out;
  wire::append_decision_json(out, r.id, d);
  CHECK(out ==
        R"({"id":"r1","verdict":"deny","reasons":[{"code":"outside_service_window","rule":"whatsapp.csw.free_form",)"
        R"j("message":"free-form messages need an open customer service window; it closed at 2026-03-02T11:00:00Z (Meta error 131047)",)j"
        R"("platform_error":131047}],"warnings":[],"window":{"open":false,"closes_at":"2026-03-02T11:00:00Z"},)"
        R"("required_form":"template","retry_at":null,"billing":"none"})"
        "\n");
  out.clear();
  wire::append_invalid_json(out, "", "line 3: \"bad\"\ttab");
  CHECK(out ==
        R"({"id":null,"verdict":"deny","reasons":[{"code":"invalid_request","rule":"request.validation",)"
        R"("message":"line 3: \"bad\"\ttab","platform_error":null}],"warnings":[],)"
        R"("window":{"open":false,"closes_at":null},"required_form":"template","retry_at":null,"billing":"none"})"
        "\n");
}

TEST_CASE("reason and warning sentences are JSON-escaped wherever the line buffer holds them") {
  // The writer checks a sentence where it wrote it: in its 512-byte line
  // buffer, or already in `out` when the sentence did not fit. Details of
  // each length on both sides of that, with and without bytes to escape.
  const std::size_t length = GENERATE(0u, 10u, 400u, 511u, 512u, 600u, 5000u);
  const std::string tail = GENERATE(std::string(""), std::string("say \"hi\"\n\\"));
  const std::string detail = std::string(length, 'x') + tail;
  sp::SendDecision d;
  d.verdict = sp::Verdict::kDeny;
  sp::Reason r;
  r.code = sp::ReasonCode::kOptInNotActive;
  r.rule = "consent.active_opt_in";
  r.detail = detail;
  REQUIRE(d.reasons.insert_by_code(r));
  sp::Warning w;
  w.code = sp::WarningCode::kOptInWhatsAppNotNamed;
  w.detail = detail;
  REQUIRE(d.warnings.insert_by_code(w));
  std::string expected_reason;
  wire::append_json_string(expected_reason, sp::reason_message(d, r));
  std::string expected_warning;
  wire::append_json_string(expected_warning, sp::warning_message(d, w));

  std::string out = "the line before\n";  // positions in `out` do not start at 0
  wire::append_decision_json(out, "r1", d);
  CHECK(out.rfind("the line before\n{\"id\":\"r1\",\"verdict\":\"deny\",", 0) == 0);
  CHECK(out.find("\"message\":" + expected_reason + ",\"platform_error\":null}") != std::string::npos);
  CHECK(out.find("\"message\":" + expected_warning + "}],\"window\"") != std::string::npos);
  CHECK(out.back() == '\n');
  CHECK(std::count(out.begin(), out.end(), '\n') == 2);  // no raw newline inside the line
}

TEST_CASE("JSON strings escape quotes, backslashes and control characters") {
  using Row = std::tuple<std::string, std::string>;
  const auto [in, expected] = GENERATE(table<std::string, std::string>({
      Row{"plain", "\"plain\""},
      Row{"a\"b\\c", R"("a\"b\\c")"},
      Row{std::string("\x01\n\x1f", 3), R"("\u0001\n\u001f")"},
      Row{"caf\xC3\xA9", "\"caf\xC3\xA9\""},
  }));
  std::string out;
  wire::append_json_string(out, in);
  CHECK(out == expected);
}

TEST_CASE("json_safe is false exactly for bytes a JSON string must escape") {
  CHECK(wire::json_safe("plain text, 'quotes' and caf\xc3\xa9"));
  CHECK(wire::json_safe(""));
  const char bad = GENERATE('"', '\\', '\n', '\x01', '\x1f');
  CHECK_FALSE(wire::json_safe(std::string("ok") + bad + "ok"));
  CHECK(wire::json_safe(std::string("ok") + '\x20' + '\x7f' + "ok"));
}

TEST_CASE("utf8_prefix never cuts a multi-byte character") {
  CHECK(wire::utf8_prefix("ab\xC3\xA9", 3) == "ab");
  CHECK(wire::utf8_prefix("ab\xC3\xA9", 4) == "ab\xC3\xA9");
  CHECK(wire::utf8_prefix("abc", 2) == "ab");
}

TEST_CASE("durations: whole units s, m, h, d, positive") {
  using namespace std::chrono_literals;
  CHECK(wire::parse_duration("24h") == sp::Duration{24h});
  CHECK(wire::parse_duration("730d") == sp::Duration{730 * 24h});
  CHECK(wire::parse_duration("1s") == sp::Duration{1s});
  CHECK(wire::parse_duration("90m") == sp::Duration{90min});
  CHECK_FALSE(wire::parse_duration("0h"));
  CHECK_FALSE(wire::parse_duration("h"));
  CHECK_FALSE(wire::parse_duration("2y"));
  CHECK_FALSE(wire::parse_duration("-1h"));
  CHECK_FALSE(wire::parse_duration("1.5h"));
  CHECK(wire::format_duration(24h) == "24h");
  CHECK(wire::format_duration(48h) == "2d");
  CHECK(wire::format_duration(90min) == "90m");
  CHECK(wire::format_duration(sp::Duration{61}) == "61s");
}

TEST_CASE("policy JSON round-trips every knob") {
  using namespace std::chrono_literals;
  sp::Policy p = sp::Policy::whatsapp();
  p.service_window = 12h;  // stricter than Meta's 24 h: longer is an error
  p.free_form_in_window_needs_opt_in = true;
  p.utility_in_window_needs_opt_in = true;
  p.window_openers = {true, true};
  p.sendable_statuses = {sp::TemplateStatus::kApproved};
  p.block_red_quality_templates = true;
  p.whatsapp_not_named = sp::Enforcement::kDeny;
  p.number_not_editable = sp::Enforcement::kIgnore;
  p.max_consent_age = 730 * 24h;
  p.require_double_opt_in = true;
  p.honour_marketing_opt_out = false;
  p.us_marketing_pause = false;
  p.us_marketing_pause_from = *sp::parse_timestamp("2025-03-01T00:00:00Z");  // before Meta's: stricter
  p.us_marketing_pause_in_window = false;
  p.marketing_cap_24h = 3;
  p.window_closing_soon = sp::Duration::zero();
  p.keywords.locales = {sp::KeywordLocale::kEn, sp::KeywordLocale::kFr, sp::KeywordLocale::kDe};
  p.keywords.opt_out_first_sentence = true;
  p.keywords.extra_opt_out = {"Désinscription", "basta"};
  p.keywords.extra_opt_in = {"again"};
  p.keywords.extra_help = {"aiuto"};
  p.re_opt_in = sp::ReOptInModel::kAnyInbound;
  sp::Policy q = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(wire::policy_to_json(p), q).ok());
  CHECK(wire::policy_to_json(q) == wire::policy_to_json(p));
  CHECK(q.sendable_statuses == p.sendable_statuses);
  CHECK(q.max_consent_age == p.max_consent_age);
  CHECK(q.marketing_cap_24h == p.marketing_cap_24h);
  CHECK(q.window_closing_soon == p.window_closing_soon);
  CHECK(q.us_marketing_pause_from == p.us_marketing_pause_from);
  CHECK(q.window_openers.reactions);
  CHECK(q.keywords.locales == p.keywords.locales);
  CHECK(q.keywords.opt_out_first_sentence);
  CHECK(q.keywords.extra_opt_out == p.keywords.extra_opt_out);
  CHECK(q.keywords.extra_opt_in == p.keywords.extra_opt_in);
  CHECK(q.keywords.extra_help == p.keywords.extra_help);
  CHECK(q.re_opt_in == sp::ReOptInModel::kAnyInbound);
}

TEST_CASE("policy JSON keywords reach the history fold") {
  sp::Policy p = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(R"({"keywords": {"locales": ["en", "fr"]}, "re_opt_in": "explicit_keyword"})", p).ok());
  sp::SendRequest r;
  REQUIRE(wire::parse_request(with_message(R"({"kind":"free_form"})").insert(
                                  kHead.size(), R"("history":[{"at":"2026-03-02T11:00:00Z","direction":"inbound","type":"text","text":"Arrêt"}],)"),
                              r)
              .ok());
  CHECK(sp::evaluate(p, r).has(sp::ReasonCode::kOptInWithdrawn));
  CHECK_FALSE(sp::evaluate(sp::Policy::whatsapp(), r).has(sp::ReasonCode::kOptInWithdrawn));
}

TEST_CASE("policy JSON: absent keys keep defaults, unknown keys are errors") {
  sp::Policy p = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(R"({"marketing_cap_24h": 2})", p).ok());
  CHECK(p.marketing_cap_24h == 2);
  CHECK(p.us_marketing_pause);
  using Row = std::tuple<std::string, std::string>;
  const auto [json, expected] = GENERATE(table<std::string, std::string>({
      Row{R"({"marketing_cap_24":2})", "marketing_cap_24: unknown field; did you mean 'marketing_cap_24h'?"},
      Row{R"({"marketing_cap_24h":-1})", "marketing_cap_24h: must not be negative"},
      Row{R"({"sendable_statuses":["approved","live"]})",
          "sendable_statuses[1]: unknown value 'live' (expected one of approved, pending, rejected, paused, disabled, flagged, in_appeal, limit_exceeded, locked, reinstated, pending_deletion, deleted, archived)"},
      Row{R"({"whatsapp_not_named":"maybe"})", "whatsapp_not_named: unknown value 'maybe' (expected one of ignore, warn, deny)"},
      Row{R"({"service_window":null})", "service_window: expected a duration like \"24h\", not null"},
      Row{R"({"packs":["whatsapp"]})",
          "packs: expected an object with keys define, bindings, unbind, bind, widen (docs/cli.md)"},
      Row{R"({"packs":{"bind":{"EU":["us_tcpa","eu.gdpr"]}}})",
          "packs.bind.EU[1]: unknown pack 'eu.gdpr' (known: us_tcpa, us_fl, us_ok, us_md, us_tx, us_or, us_ct, eu_gdpr, de, it, ca_casl; define your own under packs.define)"},
      Row{R"({"packs":{"bindings":{"US":["whatsapp"]}}})",
          "packs.bindings.US[0]: 'whatsapp' is the platform pack: it applies to every WhatsApp message and is configured by the top-level keys, not bound to destinations"},
      Row{R"({"packs":{"bindings":{"US":[],"US":[]}}})", "packs.bindings.US: duplicate destination"},
      Row{R"({"packs":{"bind":{"us-fl":["us_fl"]}}})",
          "packs.bind.us-fl: is not a destination: expected *, EU, EEA, a country (US) or a region (US-FL)"},
      Row{R"({"packs":{"bind":{"US-FL":"us_fl"}}})", "packs.bind.US-FL: expected an array of pack names"},
      Row{R"({"packs":{"widen":{"categories":["promo"]}}})",
          "packs.widen.categories[0]: unknown value 'promo' (expected one of marketing, utility, authentication, service)"},
      Row{R"({"packs":{"widen":{"channels":[],"channels":[]}}})", "packs.widen.channels: duplicate field"},
      Row{R"({"packs":{"unbind":["us_tx"],"unbind":[]}})", "packs.unbind: duplicate field"},
      Row{R"({"human_agent_window":"0s"})",
          "human_agent_window: is not a duration: expected a positive whole number and a unit s, m, h or d (\"24h\"), got '0s'"},
      Row{R"({"keywords":{"locales":["en","gr"]}})",
          "keywords.locales[1]: unknown value 'gr' (expected one of en, it, es, pt, fr, de)"},
      Row{R"({"keywords":{"extra_opt_out":["stop now please"]}})",
          "keywords.extra_opt_out[0]: is not a keyword the matcher can match (one or two Latin words, at most 48 letters): 'stop now please'"},
      Row{R"({"keywords":{"locale":["en"]}})", "keywords.locale: unknown field; did you mean 'locales'?"},
      Row{R"({"keywords":null})", "keywords: expected an object, not null"},
      Row{R"({"re_opt_in":"any"})", "re_opt_in: unknown value 'any' (expected one of explicit_keyword, any_inbound)"},
      Row{"[]", "expected a JSON object"},
  }));
  sp::Policy q = sp::Policy::whatsapp();
  const absl::Status s = wire::parse_policy(json, q);
  CHECK(std::string(s.message()) == expected);
}

namespace {

std::vector<std::string> bindings_of(const sp::Policy& p) {
  std::vector<std::string> out;
  for (const sp::PackBinding& b : p.jurisdictions.bindings()) {
    out.push_back(b.destination + "=" + std::string(b.pack.id));
  }
  return out;
}

}  // namespace

TEST_CASE("policy JSON packs: bindings replace, then unbind, bind and widen apply in that order") {
  sp::Policy p = sp::Policy::whatsapp();
  // Key order in the file does not matter: widen is applied last.
  REQUIRE(wire::parse_policy(R"({"packs": {
      "widen": {"channels": ["whatsapp"], "categories": ["utility"]},
      "bind": {"US-CT": ["us_fl"], "EEA": ["it"]},
      "unbind": ["us_tx", "de"],
      "bindings": {"US": ["us_tcpa"], "US-TX": ["us_tx"], "DE": ["eu_gdpr", "de"]}}})", p)
              .ok());
  CHECK(bindings_of(p) == std::vector<std::string>{"US=us_tcpa", "DE=eu_gdpr", "US-CT=us_fl",
                                                    "EEA=it"});
  for (const sp::PackBinding& b : p.jurisdictions.bindings()) {
    if (!b.pack.quiet_hours) continue;
    CHECK(b.pack.quiet_hours->channels.contains(sp::Channel::kWhatsApp));
    CHECK(b.pack.quiet_hours->channels.contains(sp::Channel::kSms));
    CHECK(b.pack.quiet_hours->categories.contains(sp::Category::kUtility));
    CHECK_FALSE(b.pack.quiet_hours->categories.contains(sp::Category::kService));
  }
  const sp::Pack* fl = p.jurisdictions.find("us_fl");
  REQUIRE(fl != nullptr);
  CHECK(fl->frequency_cap->channels.contains(sp::Channel::kWhatsApp));
}

TEST_CASE("policy JSON packs: an empty bindings object leaves only the platform rules") {
  sp::Policy p = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(R"({"packs": {"bindings": {}}})", p).ok());
  CHECK(p.jurisdictions.bindings().empty());
  sp::Policy q = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(wire::policy_to_json(p), q).ok());
  CHECK(q.jurisdictions.bindings().empty());
}

TEST_CASE("policy JSON packs: the dump reads back to the same bindings and scope") {
  using namespace std::chrono_literals;
  sp::Policy p = sp::Policy::whatsapp();
  p.jurisdictions.unbind("us_md");
  p.jurisdictions.bind("US-NV", sp::packs::us_fl());  // a destination with no default pack
  p.jurisdictions.widen({sp::Channel::kWhatsApp}, {sp::Category::kUtility});
  p.human_agent_window = 48h;
  p.messenger_update_tags = false;
  const std::string dump = wire::policy_to_json(p);
  CHECK_THAT(dump, Catch::Contains(R"("widen": {"channels": ["whatsapp"], "categories": ["utility"]})"));
  CHECK_THAT(dump, Catch::Contains(R"("US-NV": ["us_fl"])"));
  sp::Policy q = sp::Policy::whatsapp();
  REQUIRE(wire::parse_policy(dump, q).ok());
  CHECK(bindings_of(q) == bindings_of(p));
  CHECK(q.human_agent_window == 48h);
  CHECK_FALSE(q.messenger_update_tags);
  REQUIRE(q.jurisdictions.find("us_tcpa") != nullptr);
  CHECK(q.jurisdictions.find("us_tcpa")->quiet_hours->categories ==
        p.jurisdictions.find("us_tcpa")->quiet_hours->categories);
  CHECK(wire::policy_to_json(q) == dump);
}

TEST_CASE("zone caches share one ZoneResolver and remember unknown names as null") {
  sp::ZoneResolver resolver;
  wire::ZoneCache a(resolver);
  wire::ZoneCache b(resolver);
  const date::time_zone* rome = a.find("Europe/Rome");
  REQUIRE(rome != nullptr);
  CHECK(b.find("Europe/Rome") == rome);
  CHECK(*resolver.find("Europe/Rome") == rome);
  CHECK(a.find("Europe/Milan") == nullptr);
  CHECK(a.find("Europe/Milan") == nullptr);
  CHECK(a.find("") == nullptr);
}

// Issue 20 item 1 / issue 12: a policy file may not drop the English list,
// which holds the FCC's per-se opt-out words.
TEST_CASE("policy JSON: keyword locales without en are a policy error") {
  for (const char* json : {R"({"keywords": {"locales": []}})", R"({"keywords": {"locales": ["de"]}})",
                           R"({"keywords": {"locales": ["fr", "it"], "extra_opt_out": ["basta"]}})"}) {
    CAPTURE(json);
    sp::Policy p;
    const absl::Status s = wire::parse_policy(json, p);
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("keywords.locales") != std::string_view::npos);
    CHECK(s.message().find("STOP") != std::string_view::npos);
  }
  sp::Policy p;
  CHECK(wire::parse_policy(R"({"keywords": {"locales": ["de", "en"]}})", p).ok());
}

TEST_CASE("wire v1.1 request fields: paused_until and confirms_opt_out read, absent read as unset") {
  sp::SendRequest r;
  REQUIRE(wire::parse_request(R"({"now": "2026-11-02T12:00:00Z", "recipient": {"phone": "+393471234567"},
    "message": {"kind": "template", "confirms_opt_out": true,
      "template": {"name": "t", "category": "utility", "status": "paused",
                   "paused_until": "2026-11-02T15:00:00Z"}}})", r).ok());
  CHECK(r.message.confirms_opt_out);
  REQUIRE(r.message.template_info->paused_until.has_value());
  CHECK(sp::format_timestamp(*r.message.template_info->paused_until) == "2026-11-02T15:00:00Z");
  REQUIRE(wire::parse_request(R"({"now": "2026-11-02T12:00:00Z", "recipient": {"phone": "+393471234567"},
    "message": {"kind": "template",
      "template": {"name": "t", "category": "utility", "status": "paused"}}})", r).ok());
  CHECK_FALSE(r.message.confirms_opt_out);  // reused request: nothing carried over
  CHECK_FALSE(r.message.template_info->paused_until.has_value());
}

TEST_CASE("policy JSON: sms_reply_window reads, switches off with 0s and round-trips") {
  sp::Policy p;
  REQUIRE(wire::parse_policy(R"({"sms_reply_window": "12h"})", p).ok());
  CHECK(p.sms_reply_window == std::chrono::hours(12));
  sp::Policy q;
  REQUIRE(wire::parse_policy(wire::policy_to_json(p), q).ok());
  CHECK(q.sms_reply_window == std::chrono::hours(12));
  const absl::Status longer = wire::parse_policy(R"({"sms_reply_window": "25h"})", p);
  REQUIRE_FALSE(longer.ok());
  CHECK(longer.message().find("sms_reply_window: must be at most 24h") != std::string_view::npos);
  REQUIRE(wire::parse_policy(R"({"sms_reply_window": "0s"})", p).ok());
  CHECK(p.sms_reply_window == sp::Duration::zero());
  REQUIRE(wire::parse_policy(wire::policy_to_json(p), q).ok());
  CHECK(q.sms_reply_window == sp::Duration::zero());
}

TEST_CASE("recipient.user_id and consent.user_id: WhatsApp users without a phone number") {
  wire::RequestParser parser;
  sp::SendRequest r;
  const std::string bsuid_only =
      R"({"now":"2026-03-02T12:00:00Z","recipient":{"user_id":"US.13491208655302741918"},)"
      R"("consent":{"user_id":"US.13491208655302741918","granted_at":"2026-01-10T09:00:00Z",)"
      R"("method":"checkbox","purposes":["order_updates"],"business_name_shown":true,)"
      R"("content_described":true},)"
      R"("message":{"kind":"template","purpose":"order_updates","template":{"name":"t",)"
      R"("category":"utility","status":"approved"}}})";
  REQUIRE(parser.parse(bsuid_only, r).ok());
  CHECK(r.recipient.phone.empty());
  CHECK(r.recipient.user_id == "US.13491208655302741918");
  REQUIRE(r.consent);
  CHECK(r.consent->phone.empty());
  CHECK(r.consent->user_id == "US.13491208655302741918");
  CHECK(sp::evaluate(sp::Policy::whatsapp(), r).allowed());

  SECTION("a reused request forgets both") {
    REQUIRE(parser.parse(kHead + R"("consent":{"phone":"+393471234567"},"message":{"kind":"free_form"}})", r).ok());
    CHECK(r.recipient.user_id.empty());
    REQUIRE(r.consent);
    CHECK(r.consent->user_id.empty());
  }
  SECTION("shape errors are the library's, type errors the parser's") {
    CHECK(error_of(R"({"now":"2026-03-02T12:00:00Z","recipient":{"user_id":13491208655302741918},"message":{"kind":"free_form"}})") ==
          "recipient.user_id: expected a string");
    CHECK(error_of(kHead + R"("consent":{"user_id":["US.1"]},"message":{"kind":"free_form"}})") ==
          "consent.user_id: expected a string");
    REQUIRE(parser.parse(R"({"now":"2026-03-02T12:00:00Z","channel":"sms","recipient":{"phone":"+12125550123","user_id":"US.1"},"message":{"kind":"free_form"}})", r).ok());
    const sp::SendDecision d = sp::evaluate(sp::Policy::whatsapp(), r);
    REQUIRE(d.invalid);
    CHECK(sp::field_path(*d.invalid) == "recipient.user_id");
    CHECK(d.invalid->problem == "is only valid on WhatsApp");
  }
}
