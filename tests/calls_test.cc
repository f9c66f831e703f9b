// WhatsApp business-initiated calls: "may we call?" and "may we ask for
// permission to call?", with every limit's boundary pinned on both sides
// (docs/calls.md; Meta, User call permissions).
#include <algorithm>
#include <string>
#include <tuple>

#include "test_support.h"

using namespace sendpolicy;
using namespace sendpolicy_test;

namespace {

const Timestamp kNow = *parse_timestamp("2026-03-02T12:00:00Z");

// A call to an Italian number with a temporary permission granted 30 h ago:
// allowed under Policy::whatsapp().
SendRequest call_request() {
  SendRequest r;
  r.id = "c1";
  r.now = kNow;
  r.recipient.phone = kPhone;
  r.recipient.country = "IT";
  r.message.kind = MessageKind::kCall;
  CallPermission p;
  p.status = CallPermissionStatus::kGranted;
  p.kind = CallPermissionKind::kTemporary;
  p.granted_at = kNow - 30h;
  r.recipient.call_permission = p;
  return r;
}

// A free-form reply in an open window that asks for call permission; no
// earlier requests: allowed.
SendRequest ask_request() {
  SendRequest r = free_form_reply_request();
  r.now = kNow;
  r.window = ServiceWindow{kNow - 2h};
  r.message.requests_call_permission = true;
  r.recipient.call_permission = CallPermission{};
  return r;
}

const Reason* find(const SendDecision& d, ReasonCode code) {
  for (const Reason& r : d.reasons) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("A call with a current permission is allowed and billed as a call", "[calls]") {
  // No window, no consent on file: the call permission is what a call needs.
  const SendDecision d = evaluate(Policy::whatsapp(), call_request());
  CHECK(d.verdict == Verdict::kAllow);
  CHECK(d.reasons.empty());
  CHECK(d.billing == Billing::kCall);
  CHECK_FALSE(d.window.open);
}

TEST_CASE("A call needs a granted permission", "[calls]") {
  auto [status, detail] = GENERATE(table<CallPermissionStatus, std::string_view>({
      {CallPermissionStatus::kNone, "none"},
      {CallPermissionStatus::kDeclined, "declined"},
      {CallPermissionStatus::kRevoked, "revoked"},
  }));
  SendRequest r = call_request();
  r.recipient.call_permission->status = status;
  CAPTURE(detail);
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(summary(d) == "deny [no_call_permission]");
  REQUIRE(d.reasons.size() == 1);
  CHECK(d.reasons[0].detail == detail);
  CHECK(d.reasons[0].rule == "whatsapp.calling.permission");
}

TEST_CASE("A call with no call permission on file is denied", "[calls]") {
  SendRequest r = call_request();
  r.recipient.call_permission.reset();
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(summary(d) == "deny [no_call_permission]");
  CHECK(d.reasons[0].detail == "none");
}

TEST_CASE("A temporary permission lasts 7 days (168 h), the end exclusive", "[calls]") {
  auto [age, allowed] = GENERATE(table<Duration, bool>({
      {0s, true},
      {24h * 7 - 1s, true},
      {24h * 7, false},
      {24h * 7 + 1s, false},
  }));
  CAPTURE(age.count());
  SendRequest r = call_request();
  r.recipient.call_permission->granted_at = kNow - age;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed() == allowed);
  if (!allowed) {
    CHECK(summary(d) == "deny [no_call_permission]");
    CHECK(d.reasons[0].detail == "expired");
    CHECK(d.reasons[0].at == kNow - age + 168h);
  }
}

TEST_CASE("Permanent permissions exist from 2025-11-03: earlier grants are temporary",
          "[calls][dated]") {
  const Timestamp launch = at("2025-11-03T00:00:00Z");
  auto [granted, now, allowed] = GENERATE_COPY(table<Timestamp, Timestamp, bool>({
      // Granted on the day permanent permissions began: lasts past 7 days.
      {launch, kNow, true},
      // One second earlier it can only have been temporary: long expired.
      {launch - 1s, kNow, false},
      // Judged at a `now` before the launch, a "permanent" permission is
      // temporary: within 7 days it holds, at 7 days it has expired.
      {launch - 24h * 10, launch - 24h * 3 - 1s, true},
      {launch - 24h * 10, launch - 24h * 3, false},
  }));
  CAPTURE(format_timestamp(granted), format_timestamp(now));
  SendRequest r = call_request();
  r.now = now;
  r.recipient.call_permission->kind = CallPermissionKind::kPermanent;
  r.recipient.call_permission->granted_at = granted;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed() == allowed);
  if (!allowed) {
    CHECK(summary(d) == "deny [no_call_permission]");
    CHECK(d.reasons[0].detail == "expired_before_permanent");
    CHECK(d.reasons[0].at == granted + 168h);
  }
}

TEST_CASE("4 unanswered calls in a row revoke the permission", "[calls]") {
  auto [unanswered, allowed] = GENERATE(table<int, bool>({{0, true}, {3, true}, {4, false}, {9, false}}));
  CAPTURE(unanswered);
  for (CallPermissionKind kind : {CallPermissionKind::kTemporary, CallPermissionKind::kPermanent}) {
    SendRequest r = call_request();
    r.recipient.call_permission->kind = kind;
    r.recipient.call_permission->consecutive_unanswered_calls = unanswered;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.allowed() == allowed);
    if (!allowed) {
      CHECK(summary(d) == "deny [no_call_permission]");
      CHECK(d.reasons[0].detail == "unanswered");
    }
  }
}

TEST_CASE("Connected calls per 24 h are capped by the policy (default 100)", "[calls]") {
  auto [cap, connected, allowed] = GENERATE(table<int, int, bool>({
      {100, 0, true},
      {100, 99, true},
      {100, 100, false},
      {5, 4, true},
      {5, 5, false},
      {0, 0, false},  // a cap of 0: no calls at all
  }));
  CAPTURE(cap, connected);
  Policy policy = Policy::whatsapp();
  policy.call_cap_24h = cap;
  SendRequest r = call_request();
  r.recipient.call_permission->connected_calls_24h = connected;
  const SendDecision d = evaluate(policy, r);
  CHECK(d.allowed() == allowed);
  if (!allowed) CHECK(summary(d) == "deny [call_limit]");
}

TEST_CASE("Every failing call rule is reported", "[calls]") {
  Policy policy = Policy::whatsapp();
  policy.business_country = "US";
  SendRequest r = call_request();
  r.recipient.call_permission->granted_at = kNow - 24h * 8;
  r.recipient.call_permission->consecutive_unanswered_calls = 4;
  r.recipient.call_permission->connected_calls_24h = 100;
  const SendDecision d = evaluate(policy, r);
  CHECK(summary(d) == "deny [no_call_permission, call_limit, calling_not_available]");
}

TEST_CASE("Business-initiated calling is not offered from some countries (policy knob)",
          "[calls]") {
  auto [business_country, available] = GENERATE(table<std::string, bool>({
      {"", true},  // not said: not checked
      {"IT", true},
      {"US", false},
      {"CA", false},
      {"EG", false},
      {"VN", false},
      {"NG", false},
      {"TR", false},
  }));
  CAPTURE(business_country);
  Policy policy = Policy::whatsapp();
  policy.business_country = business_country;
  for (const SendRequest& r : {call_request(), ask_request()}) {
    const SendDecision d = evaluate(policy, r);
    CHECK(d.allowed() == available);
    if (!available) CHECK(summary(d) == "deny [calling_not_available]");
  }
  // The list is the policy's: emptied, every country may call, and a call
  // from a country Meta lists says the policy assumed availability.
  policy.calling_unavailable_countries.clear();
  const std::string country = business_country;  // C++17 lambdas cannot capture a structured binding
  for (const SendRequest& r : {call_request(), ask_request()}) {
    const SendDecision d = evaluate(policy, r);
    CHECK(d.allowed());
    const bool warned = std::any_of(d.warnings.begin(), d.warnings.end(), [&](const Warning& w) {
      return w.code == WarningCode::kCallingAvailabilityAssumed && w.detail == country;
    });
    CHECK(warned == !available);
  }
}

TEST_CASE("Calls and call-permission requests exist only on WhatsApp", "[calls][validate]") {
  const Channel channel =
      GENERATE(Channel::kMessenger, Channel::kInstagram, Channel::kSms);
  CAPTURE(to_string(channel));
  SendRequest call = call_request();
  call.channel = channel;
  SendDecision d = evaluate(Policy::whatsapp(), call);
  CHECK(summary(d) == "deny [invalid_request]");
  REQUIRE(d.invalid.has_value());
  CHECK(field_path(*d.invalid) == "message.kind");

  SendRequest ask = ask_request();
  ask.channel = channel;
  d = evaluate(Policy::whatsapp(), ask);
  CHECK(summary(d) == "deny [invalid_request]");
  REQUIRE(d.invalid.has_value());
  CHECK(field_path(*d.invalid) == "message.requests_call_permission");
}

TEST_CASE("Call permission data is validated, failing closed with the field path",
          "[calls][validate]") {
  using Mutate = void (*)(SendRequest&);
  auto [path, mutate] = GENERATE(table<std::string, Mutate>({
      {"recipient.call_permission.granted_at",
       [](SendRequest& r) { r.recipient.call_permission->granted_at.reset(); }},
      {"recipient.call_permission.granted_at",
       [](SendRequest& r) { r.recipient.call_permission->granted_at = r.now + 1s; }},
      {"recipient.call_permission.requests[1]",
       [](SendRequest& r) { r.recipient.call_permission->requests = {r.now - 1h, r.now - 2h}; }},
      {"recipient.call_permission.requests[0]",
       [](SendRequest& r) { r.recipient.call_permission->requests = {r.now + 1s}; }},
      {"recipient.call_permission.last_connected_call_at",
       [](SendRequest& r) { r.recipient.call_permission->last_connected_call_at = r.now + 1s; }},
      {"recipient.call_permission.consecutive_unanswered_calls",
       [](SendRequest& r) { r.recipient.call_permission->consecutive_unanswered_calls = -1; }},
      {"recipient.call_permission.connected_calls_24h",
       [](SendRequest& r) { r.recipient.call_permission->connected_calls_24h = -1; }},
      {"recipient.call_permission.status",
       [](SendRequest& r) {
         r.recipient.call_permission->status = static_cast<CallPermissionStatus>(9);
       }},
      {"message.template",
       [](SendRequest& r) { r.message.template_info = Template{}; }},
      {"message.requests_call_permission",
       [](SendRequest& r) { r.message.requests_call_permission = true; }},
  }));
  CAPTURE(path);
  SendRequest r = call_request();
  mutate(r);
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(summary(d) == "deny [invalid_request]");
  REQUIRE(d.invalid.has_value());
  CHECK(field_path(*d.invalid) == path);
  CHECK_FALSE(validate(r).ok());
}

TEST_CASE("Requests equal in time and at now are valid", "[calls][validate]") {
  SendRequest r = call_request();
  r.recipient.call_permission->requests = {kNow - 1h, kNow - 1h, kNow};
  CHECK(validate(r).ok());
}

TEST_CASE("An opt-out blocks calls unless the call permission was granted after it",
          "[calls][consent]") {
  SECTION("keyword opt-out in history") {
    auto [stop_at, granted_at, allowed] = GENERATE(table<Duration, Duration, bool>({
        {-40h, -30h, true},   // STOP, then the user granted call permission
        {-20h, -30h, false},  // granted, then STOP
        {-30h, -30h, false},  // the same instant is not "after"
    }));
    CAPTURE(stop_at.count(), granted_at.count());
    SendRequest r = call_request();
    r.recipient.call_permission->granted_at = kNow + granted_at;
    r.history = {{kNow + stop_at, Direction::kInbound, EventType::kText, "STOP", std::nullopt}};
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.allowed() == allowed);
    if (allowed) {
      CHECK(d.has(WarningCode::kOptOutSupersededByConsent));
    } else {
      CHECK(summary(d) == "deny [opt_in_withdrawn]");
    }
  }
  SECTION("withdrawn consent record") {
    auto [withdrawn_at, allowed] = GENERATE(table<Duration, bool>({
        {-40h, true},   // withdrawn before the call permission (granted -30h)
        {-20h, false},  // withdrawn after it
    }));
    SendRequest r = call_request();
    ConsentRecord c = good_consent(kNow);
    c.status = ConsentStatus::kWithdrawn;
    c.withdrawn_at = kNow + withdrawn_at;
    r.consent = c;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(d.allowed() == allowed);
    if (!allowed) CHECK(summary(d) == "deny [opt_in_withdrawn]");
  }
}

TEST_CASE("Call-permission requests: at most 1 in any 24 h", "[calls][requests]") {
  auto [since_request, allowed] = GENERATE(table<Duration, bool>({
      {0s, false},
      {24h - 1s, false},
      {24h, true},
      {24h + 1s, true},
  }));
  CAPTURE(since_request.count());
  SendRequest r = ask_request();
  const Timestamp earlier = kNow - since_request;
  r.recipient.call_permission->requests = {earlier};
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  if (allowed) {
    CHECK(d.allowed());
  } else {
    CHECK(summary(d) == "defer [call_permission_request_limit]");
    CHECK(d.retry_at == earlier + 24h);
    CHECK(d.reasons[0].detail == "1 per 24 h");
    CHECK(d.reasons[0].deferrable);
  }
}

TEST_CASE("Call-permission requests: at most 2 in any 7 days", "[calls][requests]") {
  auto [since_first, allowed] = GENERATE(table<Duration, bool>({
      {24h * 7 - 1s, false},
      {24h * 7, true},
  }));
  CAPTURE(since_first.count());
  SendRequest r = ask_request();
  const Timestamp first = kNow - since_first;
  // The second request is 3 days old: the 24 h limit is clear.
  r.recipient.call_permission->requests = {first, kNow - 72h};
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  if (allowed) {
    CHECK(d.allowed());
  } else {
    CHECK(summary(d) == "defer [call_permission_request_limit]");
    CHECK(d.retry_at == first + 24h * 7);
    CHECK(d.reasons[0].detail == "2 per 7 days");
  }
}

TEST_CASE("retry_at is the earliest instant both request limits allow", "[calls][requests]") {
  struct Row {
    const char* name;
    std::vector<Duration> ages;  // of earlier requests, oldest first
    Duration retry_after;        // retry_at - now
    std::string_view binding;
  };
  auto row = GENERATE(values<Row>({
      // 24 h: clears at now + 23 h; 7 days: the older of the last two (6 d
      // old) leaves at now + 1 d. Both hold from now + 24 h.
      {"the 7-day limit binds later", {24h * 6, 1h}, 24h, "2 per 7 days"},
      // 24 h: now + 1 h; 7 days: 2 d old leaves at now + 5 d.
      {"the 7-day limit binds much later", {48h, 23h}, 24h * 5, "2 per 7 days"},
      // Only one request in 7 days: the 24 h limit alone, now + 4 h.
      {"only the 24 h limit", {20h}, 4h, "1 per 24 h"},
      // Three in 7 days (a sandbox, say): the second latest decides, 5 d old.
      {"more requests than the limit", {24h * 6, 24h * 5, 2h}, 48h, "2 per 7 days"},
  }));
  CAPTURE(row.name);
  SendRequest r = ask_request();
  for (Duration age : row.ages) r.recipient.call_permission->requests.push_back(kNow - age);
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(summary(d) == "defer [call_permission_request_limit]");
  CHECK(d.retry_at == kNow + row.retry_after);
  CHECK(d.reasons[0].detail == row.binding);
  // At retry_at the request may go; one second before it may not.
  r.now = kNow + row.retry_after;
  r.window = ServiceWindow{r.now - 1h};
  CHECK(evaluate(Policy::whatsapp(), r).allowed());
  r.now -= 1s;
  r.window = ServiceWindow{r.now - 1h};
  CHECK(evaluate(Policy::whatsapp(), r).verdict == Verdict::kDefer);
}

TEST_CASE("A connected call resets the request counts", "[calls][requests]") {
  auto [call_age, allowed] = GENERATE(table<Duration, bool>({
      {3h, false},    // the last request (2 h old) came after the call: it counts
      {2h, false},    // a request at the call's instant is not before it: it counts
      {2h - 1s, true},  // the call came after both requests: neither counts
      {1h, true},
  }));
  CAPTURE(call_age.count());
  SendRequest r = ask_request();
  r.recipient.call_permission->requests = {kNow - 24h * 3, kNow - 2h};
  r.recipient.call_permission->last_connected_call_at = kNow - call_age;
  const SendDecision d = evaluate(Policy::whatsapp(), r);
  CHECK(d.allowed() == allowed);
  if (!allowed) CHECK(d.retry_at == kNow - 2h + 24h);
}

TEST_CASE("A call-permission request keeps all the rules of its own message",
          "[calls][requests]") {
  SECTION("free-form outside the window: deny, both reasons") {
    SendRequest r = ask_request();
    r.window = ServiceWindow{kNow - 25h};
    r.recipient.call_permission->requests = {kNow - 1h};
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(summary(d) == "deny [outside_service_window, call_permission_request_limit]");
    CHECK_FALSE(d.retry_at.has_value());
  }
  SECTION("an approved utility template outside the window: defer, then allow") {
    SendRequest r = utility_template_request();
    r.now = kNow;
    r.consent = good_consent(kNow);
    r.message.requests_call_permission = true;
    CallPermission p;
    p.requests = {kNow - 10h};
    r.recipient.call_permission = p;
    SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(summary(d) == "defer [call_permission_request_limit]");
    CHECK(d.retry_at == kNow + 14h);
    CHECK(d.billing == Billing::kNone);
    r.recipient.call_permission->requests.clear();
    d = evaluate(Policy::whatsapp(), r);
    CHECK(d.allowed());
    CHECK(d.billing == Billing::kUtility);
  }
  SECTION("a pending template: deny with both reasons") {
    SendRequest r = utility_template_request();
    r.message.template_info->status = TemplateStatus::kPending;
    r.message.requests_call_permission = true;
    CallPermission p;
    p.requests = {r.now - 1h};
    r.recipient.call_permission = p;
    const SendDecision d = evaluate(Policy::whatsapp(), r);
    CHECK(summary(d) == "deny [template_not_approved, call_permission_request_limit]");
  }
  SECTION("a message that does not ask is not limited") {
    SendRequest r = ask_request();
    r.message.requests_call_permission = false;
    r.recipient.call_permission->requests = {kNow - 1h};
    CHECK(evaluate(Policy::whatsapp(), r).allowed());
  }
}

TEST_CASE("Call reasons explain themselves", "[calls][explain]") {
  SendRequest r = call_request();
  r.recipient.call_permission->granted_at = at("2026-02-20T09:00:00Z");
  SendDecision d = evaluate(Policy::whatsapp(), r);
  const Reason* reason = find(d, ReasonCode::kNoCallPermission);
  REQUIRE(reason != nullptr);
  CHECK(reason_message(d, *reason) ==
        "the user's temporary call permission expired at 2026-02-27T09:00:00Z (7 days after it "
        "was granted)");

  SendRequest ask = ask_request();
  ask.recipient.call_permission->requests = {kNow - 1h};
  d = evaluate(Policy::whatsapp(), ask);
  reason = find(d, ReasonCode::kCallPermissionRequestLimit);
  REQUIRE(reason != nullptr);
  CHECK(reason_message(d, *reason) ==
        "call-permission requests are limited to 1 per 24 h and 2 per 7 days (1 per 24 h reached; "
        "a connected call resets the counts); the next may go at 2026-03-03T11:00:00Z");
}
