// The testing kit for WhatsApp calls: a_whatsapp_call(), a_call_permission(),
// requests_call_permission(), and the defer matchers on call reasons.
#include <catch2/catch.hpp>

#include "sendpolicy/testing/catch2.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace calls_kit_test {

using namespace std::chrono_literals;
using namespace sendpolicy;
using namespace sendpolicy::testing;

namespace {
constexpr const char* kPhone = "+393471234567";
const Timestamp kNow = sendpolicy::testing::at("2026-03-02T12:00:00Z");
}  // namespace

TEST_CASE("a_call_permission() starts at none and sets only what is said",
          "[testing][builders][calls]") {
  const CallPermission none = a_call_permission();
  CHECK(none.status == CallPermissionStatus::kNone);
  CHECK(none.kind == CallPermissionKind::kTemporary);
  CHECK_FALSE(none.granted_at.has_value());
  CHECK(none.requests.empty());
  CHECK_FALSE(none.last_connected_call_at.has_value());
  CHECK(none.consecutive_unanswered_calls == 0);
  CHECK(none.connected_calls_24h == 0);

  const CallPermission p = a_call_permission()
                               .granted(kNow - 30h)
                               .permanent()
                               .requested(kNow - 48h)
                               .requested(kNow - 31h)
                               .connected_call(kNow - 2h)
                               .unanswered_calls(2)
                               .connected_calls_24h(1);
  CHECK(p.status == CallPermissionStatus::kGranted);
  CHECK(p.kind == CallPermissionKind::kPermanent);
  CHECK(p.granted_at == kNow - 30h);
  CHECK(p.requests == std::vector<Timestamp>{kNow - 48h, kNow - 31h});
  CHECK(p.last_connected_call_at == kNow - 2h);
  CHECK(p.consecutive_unanswered_calls == 2);
  CHECK(p.connected_calls_24h == 1);

  const CallPermission revoked = a_call_permission().granted(kNow - 30h).revoked();
  CHECK(revoked.status == CallPermissionStatus::kRevoked);
  CHECK(revoked.granted_at == kNow - 30h);  // the grant time is kept
  CHECK(a_call_permission().declined().build().status == CallPermissionStatus::kDeclined);
  CHECK(a_call_permission().permanent().temporary().build().kind ==
        CallPermissionKind::kTemporary);
}

TEST_CASE("a_whatsapp_call() builds a call that needs a permission", "[testing][builders][calls]") {
  const SendRequest bare = a_whatsapp_call().to(kPhone).at(kNow);
  CHECK(bare.channel == Channel::kWhatsApp);
  CHECK(bare.message.kind == MessageKind::kCall);
  CHECK_FALSE(bare.message.template_info.has_value());
  CHECK_FALSE(bare.recipient.call_permission.has_value());
  REQUIRE_THAT(evaluate(Policy::whatsapp(), bare), DeniesExactly(Because::no_call_permission));

  const SendRequest granted =
      a_whatsapp_call().to(kPhone).at(kNow).with(a_call_permission().granted(kNow - 1h));
  REQUIRE_THAT(evaluate(Policy::whatsapp(), granted), Allows() && Bills(Billing::kCall));

  // On another channel a call is invalid input, not a deny for a rule.
  const SendRequest on_sms = a_whatsapp_call().on(Channel::kSms).to(kPhone).at(kNow);
  REQUIRE_THAT(evaluate(Policy::whatsapp(), on_sms), Denies(Because::invalid_request));
}

TEST_CASE("requests_call_permission() marks a message that asks", "[testing][builders][calls]") {
  const SendRequest ask = a_whatsapp_message()
                              .to(kPhone)
                              .at(kNow)
                              .last_inbound(kNow - 1h)
                              .requests_call_permission()
                              .with(a_call_permission().requested(kNow - 20h));
  CHECK(ask.message.requests_call_permission);
  REQUIRE(ask.recipient.call_permission.has_value());
  REQUIRE_THAT(evaluate(Policy::whatsapp(), ask),
               DefersExactly(Because::call_permission_request_limit) && Defers(kNow + 4h));
}

TEST_CASE("The defer matchers read call reasons and times", "[testing][matchers][calls]") {
  const SendRequest ask = a_whatsapp_message()
                              .to(kPhone)
                              .at(kNow)
                              .last_inbound(kNow - 1h)
                              .requests_call_permission()
                              .with(a_call_permission().requested(kNow - 20h));
  const SendDecision deferred = evaluate(Policy::whatsapp(), ask);
  CHECK(Defers(Because::call_permission_request_limit).matches(deferred));
  CHECK((Defers(Because::call_permission_request_limit) && Defers(kNow + 4h)).matches(deferred));
  CHECK(Defers(kNow).mismatch(deferred) == "it retries at 2026-03-02T16:00:00Z");
  CHECK_FALSE(Defers(Because::quiet_hours).matches(deferred));

  const SendDecision allowed = evaluate(
      Policy::whatsapp(),
      a_whatsapp_call().to(kPhone).at(kNow).with(a_call_permission().granted(kNow - 1h)));
  CHECK_FALSE(Defers(Because::call_permission_request_limit).matches(allowed));
}

}  // namespace calls_kit_test
