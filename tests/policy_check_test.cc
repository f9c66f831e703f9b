// Policies tighten freely and loosen loudly (issue 20): validate(Policy)
// bounds every knob at the platform's hard limit, and every documented
// loosening leaves its warning in exactly the decisions it changes.
#include <string>
#include <tuple>

#include "pack_support.h"
#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

std::string message_of(const Policy& p) { return std::string(validate(p).message()); }

const Warning* warning(const SendDecision& d, WarningCode code) {
  for (const Warning& w : d.warnings) {
    if (w.code == code) return &w;
  }
  return nullptr;
}

std::vector<std::string> knobs(const Policy& p) {
  std::vector<std::string> out;
  for (const Loosening& l : loosenings(p)) out.push_back(l.knob + " -> " + std::string(to_string(l.warning)));
  return out;
}

// A marketing template to a New York WhatsApp number at `now`.
SendRequest us_marketing_template(const char* now) {
  SendRequest r = marketing_template_request();
  r.now = at(now);
  r.recipient.phone = "+12125550123";
  r.recipient.country = "US";
  r.recipient.region = "US-NY";
  r.consent = good_consent(r.now);
  r.consent->phone = r.recipient.phone;
  return r;
}

}  // namespace

TEST_CASE("the default policy is valid and loosens nothing", "[policy_check]") {
  CHECK(validate(Policy::whatsapp()).ok());
  CHECK(loosenings(Policy::whatsapp()).empty());
}

// Items 2, 3, 7: every duration has bounds; the platform's limit is the
// upper bound of the windows, pinned at the limit and one second past it.
TEST_CASE("policy durations are bounded at the platform's limits", "[policy_check]") {
  using Row = std::tuple<std::string, Duration, std::string>;
  const auto [knob, value, expected] = GENERATE(table<std::string, Duration, std::string>({
      Row{"service_window", 24h, ""},
      Row{"service_window", 1s, ""},  // shorter is a legitimate tightening
      Row{"service_window", 24h + 1s,
          "service_window: must be at most 24h (Meta's customer service window; shorter is "
          "stricter), got 86401s"},
      Row{"service_window", 30 * 24h,
          "service_window: must be at most 24h (Meta's customer service window; shorter is "
          "stricter), got 30d"},
      Row{"service_window", 0s, "service_window: must be at least 1s, got 0s"},
      Row{"human_agent_window", 7 * 24h, ""},
      Row{"human_agent_window", 7 * 24h + 1s,
          "human_agent_window: must be at most 7d (Meta's HUMAN_AGENT tag; shorter is stricter), "
          "got 604801s"},
      Row{"window_closing_soon", 0s, ""},  // disables the warning
      Row{"window_closing_soon", 24h, ""},
      Row{"window_closing_soon", 24h + 1s,
          "window_closing_soon: must be at most 24h (a window lasts at most 24h), got 86401s"},
      Row{"sms_reply_window", 24h, ""},
      Row{"sms_reply_window", 0s, ""},  // switches the exemption off
      Row{"sms_reply_window", 24h + 1s,
          "sms_reply_window: must be at most 24h (a later text answers no recent conversation; 0s "
          "switches the exemption off), got 86401s"},
      Row{"max_consent_age", 36500 * 24h, ""},
      Row{"max_consent_age", 12000000 * 24h,
          "max_consent_age: must be at most 36500d (100 years; null means no limit), got 12000000d"},
  }));
  Policy p = Policy::whatsapp();
  if (knob == "service_window") p.service_window = value;
  if (knob == "human_agent_window") p.human_agent_window = value;
  if (knob == "window_closing_soon") p.window_closing_soon = value;
  if (knob == "max_consent_age") p.max_consent_age = value;
  if (knob == "sms_reply_window") p.sms_reply_window = value;
  CHECK(message_of(p) == expected);
}

// The calling knobs: Meta's cap is the upper bound; country codes are
// shaped; dropping a country Meta lists is a listed loosening.
TEST_CASE("calling knobs are bounded and dropping an unavailable country is a loosening",
          "[policy_check][calls]") {
  Policy p = Policy::whatsapp();
  p.call_cap_24h = kMaxCallCap24h;
  CHECK(validate(p).ok());
  p.call_cap_24h = 0;  // no calls at all: the strictest
  CHECK(validate(p).ok());
  p.call_cap_24h = kMaxCallCap24h + 1;
  CHECK(message_of(p) ==
        "call_cap_24h: must be 0 to 100 (Meta's cap on connected business-initiated calls per "
        "user in 24h; lower is stricter), got 101");
  p.call_cap_24h = -1;
  CHECK(message_of(p).rfind("call_cap_24h: must be 0 to 100", 0) == 0);

  Policy country = Policy::whatsapp();
  country.business_country = "it";
  CHECK(message_of(country) == "business_country: 'it' is not an ISO 3166-1 alpha-2 code like \"US\"");
  country.business_country = "IT";
  country.calling_unavailable_countries.push_back("USA");
  CHECK(message_of(country) ==
        "calling_unavailable_countries[6]: 'USA' is not an ISO 3166-1 alpha-2 code like \"US\"");

  Policy dropped = Policy::whatsapp();
  CHECK(knobs(dropped).empty());
  dropped.calling_unavailable_countries = {"US", "CA", "EG", "VN", "NG", "TR", "IR"};  // adding tightens
  CHECK(knobs(dropped).empty());
  dropped.calling_unavailable_countries = {"CA", "EG", "VN", "NG"};
  CHECK(validate(dropped).ok());
  CHECK(knobs(dropped) == std::vector<std::string>{
                              "calling_unavailable_countries: without US -> calling_availability_assumed",
                              "calling_unavailable_countries: without TR -> calling_availability_assumed"});
}

// A locale beyond English brings opt-in words that re-open a conversation
// after STOP (ISCRIVI, ALTA, ...): a loosening like extra_opt_in, listed.
TEST_CASE("keyword locales beyond en are listed loosenings", "[policy_check][keywords]") {
  Policy p = Policy::whatsapp();
  p.keywords.locales.add(KeywordLocale::kIt);
  p.keywords.locales.add(KeywordLocale::kDe);
  CHECK(validate(p).ok());
  CHECK(knobs(p) == std::vector<std::string>{"keywords.locales: it -> re_opted_in_by_keyword",
                                             "keywords.locales: de -> re_opted_in_by_keyword"});
  // And the decision it changes carries the warning: STOP, then "iscrivi".
  SendRequest r = utility_template_request();
  r.history.push_back({r.now - 3h, Direction::kInbound, EventType::kText, "STOP", std::nullopt});
  r.history.push_back({r.now - 2h, Direction::kInbound, EventType::kText, "iscrivi", std::nullopt});
  CHECK(summary(evaluate(Policy::whatsapp(), r)) == "deny [opt_in_withdrawn]");
  const SendDecision d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kReOptedInByKeyword));
}

// Item 4: only the statuses docs/rules.md names as relaxable may be added.
TEST_CASE("sendable_statuses may add flagged, locked, in_appeal and nothing Meta refuses",
          "[policy_check]") {
  using Row = std::tuple<TemplateStatus, bool>;
  const auto [status, allowed] = GENERATE(table<TemplateStatus, bool>({
      Row{TemplateStatus::kFlagged, true},       Row{TemplateStatus::kLocked, true},
      Row{TemplateStatus::kInAppeal, true},      Row{TemplateStatus::kDisabled, false},
      Row{TemplateStatus::kRejected, false},     Row{TemplateStatus::kDeleted, false},
      Row{TemplateStatus::kPaused, false},       Row{TemplateStatus::kPending, false},
      Row{TemplateStatus::kLimitExceeded, false}, Row{TemplateStatus::kArchived, false},
  }));
  Policy p = Policy::whatsapp();
  p.sendable_statuses.add(status);
  CAPTURE(to_string(status));
  CHECK(validate(p).ok() == allowed);
  if (!allowed) {
    CHECK(message_of(p) == "sendable_statuses: '" + std::string(to_string(status)) +
                               "' cannot be sendable: Meta refuses templates in that status "
                               "(132001, 132015, 132016); beyond approved, reinstated only "
                               "flagged, in_appeal, locked may be added");
  }
  // Removing approved is a tightening.
  Policy strict = Policy::whatsapp();
  strict.sendable_statuses.remove(TemplateStatus::kReinstated);
  CHECK(validate(strict).ok());
}

TEST_CASE("a relaxed template status warns in each decision it changes", "[policy_check]") {
  Policy p = Policy::whatsapp();
  p.sendable_statuses.add(TemplateStatus::kFlagged);
  CHECK(knobs(p) == std::vector<std::string>{"sendable_statuses: flagged -> template_status_relaxed"});
  SendRequest r = utility_template_request();
  r.message.template_info->status = TemplateStatus::kFlagged;
  const SendDecision relaxed = evaluate(p, r);
  CHECK(relaxed.allowed());
  REQUIRE(warning(relaxed, WarningCode::kTemplateStatusRelaxed) != nullptr);
  CHECK(warning(relaxed, WarningCode::kTemplateStatusRelaxed)->detail == "flagged");
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kTemplateNotApproved));
  // An approved template is not changed by the knob: no warning.
  CHECK_FALSE(evaluate(p, utility_template_request()).has(WarningCode::kTemplateStatusRelaxed));
}

// Item 5: switching the US pause off warns like lifting it in the window,
// from Meta's date on; a later start date is an error.
TEST_CASE("us_marketing_pause off warns from Meta's date on; a later start is an error",
          "[policy_check]") {
  Policy off = Policy::whatsapp();
  off.us_marketing_pause = false;
  CHECK(validate(off).ok());
  CHECK(knobs(off) == std::vector<std::string>{"us_marketing_pause -> us_marketing_pause_not_applied"});
  using Row = std::tuple<const char*, bool>;
  const auto [now, changed] = GENERATE(table<const char*, bool>({
      Row{"2025-03-31T23:59:59Z", false},
      Row{"2025-04-01T00:00:00Z", true},
      Row{"2026-03-02T12:00:00Z", true},
  }));
  CAPTURE(now);
  const SendRequest r = us_marketing_template(now);
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kDestinationRestricted) == changed);
  const SendDecision d = evaluate(off, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kUsMarketingPauseInWindow) == changed);
  if (changed) CHECK(warning(d, WarningCode::kUsMarketingPauseInWindow)->detail == "us_marketing_pause");

  Policy later = Policy::whatsapp();
  later.us_marketing_pause_from = kUsMarketingPauseStart + 1s;
  CHECK(message_of(later) ==
        "us_marketing_pause_from: must be at or before 2025-04-01T00:00:00Z (Meta's US marketing "
        "pause began then; an earlier date is stricter), got 2025-04-01T00:00:01Z");
  Policy earlier = Policy::whatsapp();
  earlier.us_marketing_pause_from = kUsMarketingPauseStart - 24h;
  CHECK(validate(earlier).ok());
  CHECK(loosenings(earlier).empty());
}

// Item 6.
TEST_CASE("honour_marketing_opt_out off warns in each decision it changes", "[policy_check]") {
  Policy p = Policy::whatsapp();
  p.honour_marketing_opt_out = false;
  CHECK(knobs(p) == std::vector<std::string>{"honour_marketing_opt_out -> marketing_opt_out_not_honoured"});
  SendRequest r = marketing_template_request();
  r.recipient.marketing_opted_out = true;
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kMarketingOptedOut));
  const SendDecision d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kMarketingOptOutNotHonoured));
  r.recipient.marketing_opted_out = false;
  CHECK_FALSE(evaluate(p, r).has(WarningCode::kMarketingOptOutNotHonoured));
}

// Item 8: dropping a default pack is allowed, and loud.
TEST_CASE("a recipient without their default pack gets default_pack_unbound", "[policy_check]") {
  using Row = std::tuple<std::string, const char*, const char*, const char*>;
  const auto [change, country, region, expected] = GENERATE(table<std::string, const char*, const char*, const char*>({
      Row{"none", "US", "US-NY", ""},
      Row{"unbind us_tcpa", "US", "US-NY", "us_tcpa"},
      Row{"unbind us_tcpa", "US", "US-FL", "us_tcpa"},
      Row{"unbind us_tcpa", "IT", "", ""},
      Row{"unbind us_fl", "US", "US-FL", "us_fl"},
      Row{"unbind us_fl", "US", "US-NY", ""},
      Row{"unbind eu_gdpr", "IT", "", "eu_gdpr"},
      Row{"unbind eu_gdpr", "NO", "", "eu_gdpr"},
      Row{"no bindings", "DE", "", "eu_gdpr"},  // the first row of the default map that selects DE
      Row{"no bindings", "JP", "", ""},
      Row{"us_tcpa on *", "US", "US-NY", ""},  // bound elsewhere but still reaching them
  }));
  Policy p = Policy::whatsapp();
  if (change == "unbind us_tcpa") p.jurisdictions.unbind("us_tcpa");
  if (change == "unbind us_fl") p.jurisdictions.unbind("us_fl");
  if (change == "unbind eu_gdpr") p.jurisdictions.unbind("eu_gdpr");
  if (change == "no bindings") p.jurisdictions = Jurisdictions{};
  if (change == "us_tcpa on *") {
    p.jurisdictions.unbind("us_tcpa");
    p.jurisdictions.bind("*", packs::us_tcpa());
  }
  SendRequest r = utility_template_request();
  r.recipient.country = country;
  r.recipient.region = region;
  CAPTURE(change, country, region);
  const SendDecision d = evaluate(p, r);
  const Warning* w = warning(d, WarningCode::kDefaultPackUnbound);
  CHECK((w == nullptr ? std::string() : std::string(w->detail)) == expected);
}

// evaluate() skips the per-decision check when the whole default map is
// bound; the flag must never be stale, whatever changed the map.
TEST_CASE("binds_default_map() follows bind, unbind and find", "[policy_check]") {
  Policy p = Policy::whatsapp();
  CHECK(p.jurisdictions.binds_default_map());
  p.jurisdictions.bind("*", packs::us_fl());  // more bindings: still the whole map
  CHECK(p.jurisdictions.binds_default_map());
  p.jurisdictions.unbind("it");
  CHECK_FALSE(p.jurisdictions.binds_default_map());
  p.jurisdictions.bind("IT", packs::it());
  CHECK(p.jurisdictions.binds_default_map());
  // find() may rename a pack: the flag drops, and the warning still comes.
  p.jurisdictions.find("it")->id = "it_renamed";
  CHECK_FALSE(p.jurisdictions.binds_default_map());
  SendRequest r = utility_template_request();
  r.recipient.country = "IT";
  const SendDecision d = evaluate(p, r);
  const Warning* w = warning(d, WarningCode::kDefaultPackUnbound);
  REQUIRE(w != nullptr);
  CHECK(w->detail == "it");
  CHECK(Jurisdictions{}.binds_default_map() == false);
}

TEST_CASE("loosenings() lists each default pack left unbound", "[policy_check]") {
  Policy p = Policy::whatsapp();
  p.jurisdictions.unbind("us_tcpa");
  p.jurisdictions.bind("US-FL", packs::us_tcpa());  // covers Florida only
  p.jurisdictions.unbind("de");
  CHECK(knobs(p) == std::vector<std::string>{
                        "packs: us_tcpa not bound for US -> default_pack_unbound",
                        "packs: de not bound for DE -> default_pack_unbound"});
  Policy everywhere = Policy::whatsapp();
  everywhere.jurisdictions.bind("*", packs::us_tcpa());
  everywhere.jurisdictions.unbind("eu_gdpr");
  everywhere.jurisdictions.bind("EEA", packs::eu_gdpr());
  CHECK(loosenings(everywhere).empty());
}

namespace {
// The path of the binding a test appends after the default map's.
std::string appended_binding() {
  return "jurisdictions.bindings[" + std::to_string(Policy::whatsapp().jurisdictions.bindings().size()) + "]";
}
}  // namespace

// Item 9: values that could never act as written.
TEST_CASE("validate refuses keywords and destinations that can never act", "[policy_check]") {
  using Row = std::tuple<std::string, std::string>;
  const auto [change, expected] = GENERATE(table<std::string, std::string>({
      Row{"extra_opt_in stop",
          "keywords.extra_opt_in[0]: 'stop' is an opt-out word, so it can never opt in (an opt-out "
          "word always opts out; help words never opt in)"},
      Row{"extra_opt_in help",
          "keywords.extra_opt_in[0]: 'Help!' is a help word, so it can never opt in (an opt-out "
          "word always opts out; help words never opt in)"},
      Row{"extra_help start", "keywords.extra_help[0]: 'start' is an opt-in word, so it would never read as help"},
      Row{"extra_opt_in again", ""},
      Row{"bind UK",
          appended_binding() + ".destination: 'UK' selects nobody: expected *, EU, EEA, an ISO "
          "3166-1 country (GB, not UK) or a region of one (US-FL)"},
      Row{"bind EU-FR",
          appended_binding() + ".destination: 'EU-FR' selects nobody: expected *, EU, EEA, an "
          "ISO 3166-1 country (GB, not UK) or a region of one (US-FL)"},
      Row{"bind GB", ""},
      Row{"bind US-CT", ""},
      Row{"bind US-PR", ""},
      Row{"bind CA-QC", ""},
      Row{"bind FR-75", ""},  // other countries' subdivisions are not listed: accepted
      Row{"bind US-FLA",
          appended_binding() + ".destination: 'US-FLA' selects nobody: expected *, EU, EEA, an "
          "ISO 3166-1 country (GB, not UK) or a region of one (US-FL)"},
      Row{"bind US-XX",
          appended_binding() + ".destination: 'US-XX' selects nobody: expected *, EU, EEA, an "
          "ISO 3166-1 country (GB, not UK) or a region of one (US-FL)"},
      Row{"bind CA-XY",
          appended_binding() + ".destination: 'CA-XY' selects nobody: expected *, EU, EEA, an "
          "ISO 3166-1 country (GB, not UK) or a region of one (US-FL)"},
  }));
  Policy p = Policy::whatsapp();
  if (change == "extra_opt_in stop") p.keywords.extra_opt_in = {"stop"};
  if (change == "extra_opt_in help") p.keywords.extra_opt_in = {"Help!"};
  if (change == "extra_help start") p.keywords.extra_help = {"start"};
  if (change == "extra_opt_in again") p.keywords.extra_opt_in = {"again"};
  if (change.rfind("bind ", 0) == 0) p.jurisdictions.bind(change.substr(5), packs::us_fl());
  CAPTURE(change);
  CHECK(message_of(p) == expected);
}

TEST_CASE("validate refuses impossible custom packs", "[policy_check]") {
  Pack acme;
  acme.id = "acme";
  FrequencyCap cap;
  cap.limit = 2;
  cap.window = 0s;
  acme.frequency_cap = cap;
  Policy p = Policy::whatsapp();
  p.jurisdictions.bind("US", acme);
  CHECK(message_of(p) == appended_binding() + ".pack.frequency_cap.window: must be at least 1s, got 0s");
  p.jurisdictions.find("acme")->frequency_cap->window = 367 * 24h;
  CHECK(message_of(p) ==
        appended_binding() + ".pack.frequency_cap.window: must be at most 366d (a year and a "
        "day), got 367d");
  p.jurisdictions.find("acme")->frequency_cap->window = 24h;
  CHECK(validate(p).ok());
  for (std::size_t i = p.jurisdictions.bindings().size(); i <= kMaxPackBindings; ++i) {
    p.jurisdictions.bind("US", acme);
  }
  CHECK(message_of(p) == "jurisdictions: at most 64 bindings, got 65");
}

// Item 10: the rule a reason names does not depend on binding order.
TEST_CASE("pack reasons are attributed in the documented pack order, not binding order",
          "[policy_check][packs]") {
  Policy us_ok_last = Policy::whatsapp();
  us_ok_last.jurisdictions.bind("US", packs::us_ok());  // the policy
  Policy us_ok_first;
  us_ok_first.jurisdictions = Jurisdictions{};
  us_ok_first.jurisdictions.bind("US", packs::us_ok());
  const Jurisdictions defaults = Jurisdictions::defaults();
  for (const PackBinding& b : defaults.bindings()) {
    us_ok_first.jurisdictions.bind(b.destination, b.pack);
  }
  // 20:30 in Miami: TCPA permits, the Florida and Oklahoma packs forbid.
  const SendRequest quiet = sms_marketing("2026-03-03T01:30:00Z", "US-FL", "America/New_York");
  // A fourth text on the same subject at midday: both state caps are reached.
  SendRequest capped = sms_marketing("2026-03-02T17:00:00Z", "US-FL", "America/New_York");
  capped.recipient.sent.same_purpose_24h = 3;
  for (const Policy* p : {&us_ok_last, &us_ok_first}) {
    CHECK(rule_of(evaluate(*p, quiet), ReasonCode::kQuietHours) == "us_fl");
    CHECK(rule_of(evaluate(*p, capped), ReasonCode::kFrequencyCap) == "us_fl");
  }
}

// Item 12: retry_at is the earliest instant every pack in force AT that
// instant permits, across effective dates.
TEST_CASE("quiet hours retry across a pack's effective dates", "[policy_check][packs]") {
  SECTION("a pack coming into force before the retry binds it (us_tx from 2025-09-01)") {
    // Sunday 2025-08-31 23:00 (zone UTC): TCPA forbids until 08:00 on Monday
    // 2025-09-01, when us_tx is in force and opens at 09:00.
    SendRequest r = sms_marketing("2025-08-31T23:00:00Z", "US-TX", "Etc/UTC");
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.verdict == Verdict::kDefer);
    CHECK(rule_of(d, ReasonCode::kQuietHours) == "us_tcpa");
    CHECK(d.retry_at == at("2025-09-01T09:00:00Z"));
    // A week later us_tx is long in force: the same hour defers to 09:00 too.
    r = sms_marketing("2025-09-07T23:00:00Z", "US-TX", "Etc/UTC");
    CHECK(evaluate(Policy::whatsapp(), r).retry_at == at("2025-09-08T09:00:00Z"));
  }
  SECTION("a pack that lapses before its hours open stops binding at its end") {
    Pack lunch;  // 12:00-13:00 only, until 2026-03-03
    lunch.id = "acme_lunch";
    lunch.quiet_hours = QuietHours{WeeklyHours::every_day({12h, 13h})};
    lunch.valid_until = date::sys_days{date::year{2026} / 3 / 3};
    Policy p = Policy::whatsapp();
    p.jurisdictions.bind("US", lunch);
    const SendRequest r = sms_marketing("2026-03-02T22:00:00Z", "US-NY", "Etc/UTC");
    const SendDecision d = evaluate(p, r);
    CHECK(d.verdict == Verdict::kDefer);
    CHECK(d.retry_at == at("2026-03-03T08:00:00Z"));  // TCPA's start; the lunch pack has lapsed
  }
}

// window_openers is a loosening too: it warns where it opened the window.
TEST_CASE("custom opt-in words are a listed loosening", "[policy_check]") {
  Policy p = Policy::whatsapp();
  p.keywords.extra_opt_in = {"again"};
  CHECK(knobs(p) == std::vector<std::string>{"keywords.extra_opt_in -> re_opted_in_by_keyword"});
}

TEST_CASE("a window opened only by a reaction warns window_opened_by_undocumented_event",
          "[policy_check]") {
  Policy p = Policy::whatsapp();
  p.window_openers.reactions = true;
  CHECK(knobs(p) == std::vector<std::string>{
                        "window_openers.reactions -> window_opened_by_undocumented_event"});
  SendRequest r = free_form_reply_request();
  r.window.reset();
  ConversationEvent text;
  text.at = r.now - 30h;
  text.direction = Direction::kInbound;
  ConversationEvent reaction;
  reaction.at = r.now - 2h;
  reaction.direction = Direction::kInbound;
  reaction.type = EventType::kReaction;
  r.history = {text, reaction};
  CHECK(evaluate(Policy::whatsapp(), r).has(ReasonCode::kOutsideServiceWindow));
  const SendDecision d = evaluate(p, r);
  CHECK(d.allowed());
  CHECK(d.has(WarningCode::kWindowOpenedByUndocumentedEvent));
  // A message inside the window opens it anyway: the knob changed nothing.
  r.history[0].at = r.now - 3h;
  CHECK_FALSE(evaluate(p, r).has(WarningCode::kWindowOpenedByUndocumentedEvent));
}

// Beyond kMaxPackBindings applicable bindings (a policy validate() refuses),
// evaluate() still checks the rest, and only those that select the recipient.
TEST_CASE("more applicable bindings than kMaxPackBindings: the rest still select by destination",
          "[policy_check][packs]") {
  Pack acme;  // no rules: only its count matters
  acme.id = "acme";
  Policy p;
  p.jurisdictions = Jurisdictions{};
  for (std::size_t i = 0; i <= kMaxPackBindings; ++i) p.jurisdictions.bind("US", acme);
  p.jurisdictions.bind("US-FL", packs::us_fl());
  // 20:30 in New York: Florida's 08:00-20:00 must not reach a New Yorker.
  CHECK(evaluate(p, sms_marketing("2026-03-03T01:30:00Z")).allowed());
  // ...but does reach a Floridian, though it comes after the overflow.
  CHECK(evaluate(p, sms_marketing("2026-03-03T01:30:00Z", "US-FL")).verdict == Verdict::kDefer);
}
