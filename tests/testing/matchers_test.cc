// The testing kit's matchers: what each accepts and rejects, and the exact
// failure message a user sees (neutral text and Catch2's expansion).
#include <functional>
#include <sstream>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "sendpolicy/testing/catch2.h"

// Its own namespace: the test programs compile as unity batches, where
// file-local helpers of different files would otherwise collide.
namespace matchers_test {

using namespace std::chrono_literals;
using namespace sendpolicy;
using namespace sendpolicy::testing;

namespace {
constexpr const char* kPhone = "+393471234567";
const Timestamp kNow = sendpolicy::testing::at("2026-03-02T12:00:00Z");

// Decisions made by the library, so messages are the real ones.
SendDecision allowed_utility() {  // allow, billing utility_free_in_window
  return evaluate(Policy::whatsapp(), a_whatsapp_template("order_shipped").utility().approved()
                                          .to(kPhone).at(kNow).last_inbound(kNow - 2h));
}
SendDecision closing_soon() {  // allow, free_service, warning window_closing_soon
  return evaluate(Policy::whatsapp(),
                  a_whatsapp_message().to(kPhone).at(kNow).last_inbound(kNow - 23h - 30min));
}
SendDecision outside_window() {  // deny outside_service_window
  return evaluate(Policy::whatsapp(),
                  a_whatsapp_message().to(kPhone).at(kNow).last_inbound(kNow - 25h));
}
SendDecision pending_no_opt_in() {  // deny no_opt_in, template_not_approved
  return evaluate(Policy::whatsapp(),
                  a_whatsapp_template("order_shipped").utility().to(kPhone).at(kNow));
}
SendDecision invalid() {  // deny invalid_request (recipient.phone)
  return evaluate(Policy::whatsapp(), a_whatsapp_message().at(kNow));
}
// Core policies never defer yet (quiet hours come with packs), so a defer is
// built by hand.
SendDecision deferred() {
  SendDecision d;
  d.verdict = Verdict::kDefer;
  Reason r;
  r.code = ReasonCode::kQuietHours;
  r.rule = "test.quiet_hours";
  r.at = kNow + 8h;
  r.deferrable = true;
  d.reasons.insert_by_code(r);
  d.retry_at = kNow + 8h;
  return d;
}
// A frequency-cap defer that happens to retry when the quiet hours end.
SendDecision capped() {
  SendDecision d;
  d.verdict = Verdict::kDefer;
  Reason r;
  r.code = ReasonCode::kFrequencyCap;
  r.rule = "test.cap";
  r.deferrable = true;
  d.reasons.insert_by_code(r);
  d.retry_at = kNow + 8h;
  return d;
}

constexpr const char* kOutsideWindowExplained =
    "deny\n"
    "  outside_service_window [whatsapp.csw.free_form]: free-form messages need an open "
    "customer service window; it closed at 2026-03-02T11:00:00Z (Meta error 131047)";
constexpr const char* kPendingExplained =
    "deny\n"
    "  no_opt_in [whatsapp.opt_in.required]: a business-initiated message needs the "
    "recipient's opt-in, and none is on file\n"
    "  template_not_approved [whatsapp.template.status]: template status is 'pending'; only "
    "approved templates can be sent (Meta error 132001)";
}  // namespace

TEST_CASE("Matchers accept what they describe", "[testing][matchers]") {
  using Row = std::tuple<const char*, SendDecision, DecisionMatcher>;
  const auto [name, decision, matcher] = GENERATE(table<const char*, SendDecision, DecisionMatcher>({
      Row{"Allows", allowed_utility(), Allows()},
      Row{"Denies", outside_window(), Denies()},
      Row{"Denies one of two", pending_no_opt_in(), Denies(Because::template_not_approved)},
      Row{"Denies both, any order", pending_no_opt_in(),
          Denies(Because::template_not_approved, Because::no_opt_in)},
      Row{"DeniesExactly, any order", pending_no_opt_in(),
          DeniesExactly(Because::template_not_approved, Because::no_opt_in)},
      Row{"invalid input, asked for", invalid(), Denies(Because::invalid_request)},
      Row{"Defers", deferred(), Defers()},
      Row{"Defers until", deferred(), Defers(kNow + 8h)},
      Row{"Defers for a reason", deferred(), Defers(Because::quiet_hours)},
      Row{"Defers until, for exactly a reason", deferred(),
          Defers(kNow + 8h) && DefersExactly(Because::quiet_hours)},
      Row{"InvalidAt the field", invalid(), InvalidAt("recipient.phone")},
      Row{"InvalidAt an indexed field", evaluate(Policy::whatsapp(),
                                                 a_whatsapp_message().to(kPhone).at(kNow).with(
                                                     a_conversation()
                                                         .customer_wrote(kNow - 1h)
                                                         .customer_wrote(kNow - 2h))),
          InvalidAt("history[1].at")},
      Row{"InvalidAt and bills none", invalid(), InvalidAt("recipient.phone") && Bills(Billing::kNone)},
      Row{"HasNoWarnings", allowed_utility(), HasNoWarnings()},
      Row{"HasWarningsExactly", closing_soon(), HasWarningsExactly(Warns::window_closing_soon)},
      Row{"Bills", allowed_utility(), Bills(Billing::kUtilityFreeInWindow)},
      Row{"Bills none when denied", outside_window(), Bills(Billing::kNone)},
      Row{"HasWarning", closing_soon(), HasWarning(Warns::window_closing_soon)},
      Row{"and", closing_soon(),
          Allows() && Bills(Billing::kFreeService) && HasWarning(Warns::window_closing_soon)},
  }));
  CAPTURE(name);
  CHECK(matcher.matches(decision));
  CHECK(matcher.mismatch(decision).empty());
  CHECK(matcher.failure_message(decision).empty());
  CHECK(matcher.match(decision));
}

TEST_CASE("Failure messages say what was expected, what failed, and explain()",
          "[testing][matchers]") {
  using Row = std::tuple<const char*, SendDecision, DecisionMatcher, std::string>;
  const auto [name, decision, matcher, message] =
      GENERATE(table<const char*, SendDecision, DecisionMatcher, std::string>({
          Row{"Allows on a deny", outside_window(), Allows(),
              std::string("expected: allows the send\n"
                          "     but: the verdict is deny\n"
                          "decision: ") +
                  kOutsideWindowExplained},
          Row{"Denies on an allow", allowed_utility(), Denies(),
              "expected: denies the send\n"
              "     but: the verdict is allow\n"
              "decision: allow"},
          Row{"Denies on an invalid request", invalid(), Denies(),
              "expected: denies the send\n"
              "     but: the request is invalid (recipient.phone: is required (or recipient.user_id)); expect that "
              "with InvalidAt(\"recipient.phone\")\n"
              "decision: deny\n"
              "  invalid_request [request.validation]: invalid request: recipient.phone is "
              "required (or recipient.user_id)"},
          Row{"Denies(reason) on another reason", pending_no_opt_in(),
              Denies(Because::opt_in_withdrawn, Because::no_opt_in),
              std::string("expected: denies the send with reasons including no_opt_in, "
                          "opt_in_withdrawn\n"
                          "     but: missing opt_in_withdrawn\n"
                          "decision: ") +
                  kPendingExplained},
          Row{"Denies(reason) on an allow", allowed_utility(), Denies(Because::no_opt_in),
              "expected: denies the send with reasons including no_opt_in\n"
              "     but: the verdict is allow\n"
              "decision: allow"},
          Row{"DeniesExactly with one more", pending_no_opt_in(),
              DeniesExactly(Because::no_opt_in),
              std::string("expected: denies the send with exactly reasons no_opt_in\n"
                          "     but: unexpected template_not_approved\n"
                          "decision: ") +
                  kPendingExplained},
          Row{"DeniesExactly with one missing and one more", outside_window(),
              DeniesExactly(Because::opt_in_withdrawn),
              std::string("expected: denies the send with exactly reasons opt_in_withdrawn\n"
                          "     but: missing opt_in_withdrawn, unexpected "
                          "outside_service_window\n"
                          "decision: ") +
                  kOutsideWindowExplained},
          Row{"Defers on a deny", outside_window(), Defers(),
              std::string("expected: defers the send\n"
                          "     but: the verdict is deny\n"
                          "decision: ") +
                  kOutsideWindowExplained},
          Row{"Defers until another time", deferred(), Defers(kNow + 1h),
              "expected: defers the send until 2026-03-02T13:00:00Z\n"
              "     but: it retries at 2026-03-02T20:00:00Z\n"
              "decision: defer until 2026-03-02T20:00:00Z\n"
              "  quiet_hours [test.quiet_hours]: outside the permitted local hours; next "
              "permitted at 2026-03-02T20:00:00Z"},
          Row{"DefersExactly with one more", deferred(),
              DefersExactly(Because::frequency_cap),
              "expected: defers the send with exactly reasons frequency_cap\n"
              "     but: missing frequency_cap, unexpected quiet_hours\n"
              "decision: defer until 2026-03-02T20:00:00Z\n"
              "  quiet_hours [test.quiet_hours]: outside the permitted local hours; next "
              "permitted at 2026-03-02T20:00:00Z"},
          Row{"Defers(reason) on a deny", outside_window(), Defers(Because::quiet_hours),
              std::string("expected: defers the send with reasons including quiet_hours\n"
                          "     but: the verdict is deny\n"
                          "decision: ") +
                  kOutsideWindowExplained},
          Row{"InvalidAt another field", evaluate(Policy::whatsapp(),
                                                  a_whatsapp_message().to(kPhone)),
              InvalidAt("recipient.phone"),
              "expected: rejects the request as invalid at recipient.phone\n"
              "     but: it is invalid at now: is required\n"
              "decision: deny\n"
              "  invalid_request [request.validation]: invalid request: now is required"},
          Row{"InvalidAt on a deny for a rule", outside_window(), InvalidAt("recipient.phone"),
              std::string("expected: rejects the request as invalid at recipient.phone\n"
                          "     but: the request is valid; it is denied for "
                          "outside_service_window\n"
                          "decision: ") +
                  kOutsideWindowExplained},
          Row{"InvalidAt on an allow", allowed_utility(), InvalidAt("recipient.phone"),
              "expected: rejects the request as invalid at recipient.phone\n"
              "     but: the verdict is allow\n"
              "decision: allow"},
          Row{"HasNoWarnings with one", closing_soon(), HasNoWarnings(),
              "expected: warns nothing\n"
              "     but: unexpected warning window_closing_soon\n"
              "decision: allow\n"
              "  warning window_closing_soon: the customer service window closes at "
              "2026-03-02T12:30:00Z"},
          Row{"HasWarningsExactly with one missing", allowed_utility(),
              HasWarningsExactly(Warns::window_closing_soon),
              "expected: warns exactly window_closing_soon\n"
              "     but: missing warning window_closing_soon\n"
              "decision: allow"},
          Row{"Bills another price", allowed_utility(), Bills(Billing::kUtility),
              "expected: bills utility\n"
              "     but: it bills utility_free_in_window\n"
              "decision: allow"},
          Row{"HasWarning without it", allowed_utility(), HasWarning(Warns::window_closing_soon),
              "expected: warns window_closing_soon\n"
              "     but: no warning window_closing_soon\n"
              "decision: allow"},
          Row{"and: every failing clause", outside_window(),
              Allows() && Bills(Billing::kFreeService) && HasWarning(Warns::window_closing_soon),
              std::string("expected: allows the send and bills free_service and warns "
                          "window_closing_soon\n"
                          "     but: the verdict is deny; it bills none; no warning "
                          "window_closing_soon\n"
                          "decision: ") +
                  kOutsideWindowExplained},
          Row{"and: only the failing clause", closing_soon(), Allows() && Bills(Billing::kUtility),
              "expected: allows the send and bills utility\n"
              "     but: it bills free_service\n"
              "decision: allow\n"
              "  warning window_closing_soon: the customer service window closes at "
              "2026-03-02T12:30:00Z"},
      }));
  CAPTURE(name);
  CHECK_FALSE(matcher.matches(decision));
  CHECK(matcher.failure_message(decision) == message);
}

TEST_CASE("Reasons given to Denies() are listed in catalogue order, once",
          "[testing][matchers]") {
  CHECK(Denies(Because::template_not_approved, Because::no_opt_in, Because::no_opt_in)
            .expectation() == "denies the send with reasons including no_opt_in, "
                              "template_not_approved");
}

TEST_CASE("Catch2 prints the decision with explain() and then the expectation",
          "[testing][matchers][catch2]") {
  const SendDecision d = outside_window();
  const DecisionMatcher m = Allows();
  // What REQUIRE_THAT(d, Allows()) reports under "with expansion:".
  const Catch::MatchExpr<SendDecision, DecisionMatcher> expr(d, m, "Allows()"_catch_sr);
  std::ostringstream os;
  expr.streamReconstructedExpression(os);
  CHECK(os.str() == std::string(kOutsideWindowExplained) +
                        " \n"
                        "expected: allows the send\n"
                        "     but: the verdict is deny");
  CHECK_FALSE(expr.getResult());

  const DecisionMatcher ok = Denies(Because::outside_service_window);
  const Catch::MatchExpr<SendDecision, DecisionMatcher> passing(d, ok, "ok"_catch_sr);
  std::ostringstream os2;
  passing.streamReconstructedExpression(os2);
  CHECK(os2.str() == std::string(kOutsideWindowExplained) +
                         " \n"
                         "expected: denies the send with reasons including "
                         "outside_service_window");
  CHECK(passing.getResult());
}

TEST_CASE("Catch2 prints reasons and warnings by code", "[testing][matchers][catch2]") {
  const SendDecision d = pending_no_opt_in();
  CHECK(Catch::Detail::stringify(d.reasons) == "{ no_opt_in, template_not_approved }");
  CHECK(Catch::Detail::stringify(closing_soon().warnings) == "{ window_closing_soon }");
}

TEST_CASE("GoogleTest's protocol: description, negation, explanation, printing",
          "[testing][matchers][gtest]") {
  const DecisionMatcher m = Denies(Because::no_opt_in) && Bills(Billing::kNone);
  std::ostringstream describe, negation, explanation, printed;
  m.DescribeTo(&describe);
  m.DescribeNegationTo(&negation);
  CHECK(describe.str() == "denies the send with reasons including no_opt_in and bills none");
  CHECK(negation.str() ==
        "not (denies the send with reasons including no_opt_in and bills none)");
  CHECK_FALSE(m.MatchAndExplain(outside_window(), &explanation));
  CHECK(explanation.str() == "missing no_opt_in");
  CHECK(m.MatchAndExplain(pending_no_opt_in(), nullptr));
  PrintTo(outside_window(), &printed);
  CHECK(printed.str() == kOutsideWindowExplained);
}

TEST_CASE("Because and Warns name every code by its wire name", "[testing][matchers]") {
  std::size_t reasons = 0;
#define CHECK_REASON(name, code)                          \
  CHECK(to_string(Because::name) == std::string(#name)); \
  CHECK(Because::name == ReasonCode::code);               \
  ++reasons;
  SENDPOLICY_TESTING_REASON_CODES(CHECK_REASON)
#undef CHECK_REASON
  {
    INFO("add the new reason codes to SENDPOLICY_TESTING_REASON_CODES in "
         "include/sendpolicy/testing/matchers.h");
    CHECK(reasons == kReasonCodeCount);
  }

  std::size_t warnings = 0;
#define CHECK_WARNING(name, code)                        \
  CHECK(to_string(Warns::name) == std::string(#name)); \
  CHECK(Warns::name == WarningCode::code);              \
  ++warnings;
  SENDPOLICY_TESTING_WARNING_CODES(CHECK_WARNING)
#undef CHECK_WARNING
  INFO("add the new warning codes to SENDPOLICY_TESTING_WARNING_CODES in "
       "include/sendpolicy/testing/matchers.h");
  CHECK(warnings == kWarningCodeCount);
}

TEST_CASE("Catch2 prints enums by wire name and instants as RFC 3339",
          "[testing][matchers][catch2]") {
  using Catch::Detail::stringify;
  CHECK(stringify(MessageKind::kFreeForm) == "free_form");
  CHECK(stringify(Billing::kUtilityFreeInWindow) == "utility_free_in_window");
  CHECK(stringify(Because::no_opt_in) == "no_opt_in");
  CHECK(stringify(Warns::window_closing_soon) == "window_closing_soon");
  CHECK(stringify(TemplateStatus::kPendingDeletion) == "pending_deletion");
  CHECK(stringify(kNow) == "2026-03-02T12:00:00Z");
}

TEST_CASE("Reasons known at run time: the vector overloads", "[testing][matchers]") {
  const std::vector<ReasonCode> both = {Because::template_not_approved, Because::no_opt_in};
  CHECK(Denies(both).expectation() == Denies(Because::no_opt_in, Because::template_not_approved)
                                          .expectation());
  CHECK(DeniesExactly(both).matches(pending_no_opt_in()));
  CHECK_FALSE(DeniesExactly(std::vector<ReasonCode>{Because::no_opt_in})
                  .matches(pending_no_opt_in()));
}

TEST_CASE("An expectation that cannot mean anything is refused when written",
          "[testing][matchers]") {
  using Row = std::tuple<const char*, std::function<DecisionMatcher()>, std::string>;
  const auto [name, make, message] =
      GENERATE(table<const char*, std::function<DecisionMatcher()>, std::string>({
          // An empty list used to become Denies(): any deny passed.
          Row{"DeniesExactly of no reasons",
              [] { return DeniesExactly(std::vector<ReasonCode>{}); },
              "sendpolicy::testing::DeniesExactly: an empty list of reasons would check nothing "
              "(every deny and every defer has a reason); name the reasons, or use Denies() / "
              "Defers() for any"},
          Row{"Denies of no reasons", [] { return Denies(std::vector<ReasonCode>{}); },
              "sendpolicy::testing::Denies: an empty list of reasons would check nothing "
              "(every deny and every defer has a reason); name the reasons, or use Denies() / "
              "Defers() for any"},
          Row{"DefersExactly of no reasons",
              [] { return DefersExactly(std::vector<ReasonCode>{}); },
              "sendpolicy::testing::DefersExactly: an empty list of reasons would check nothing "
              "(every deny and every defer has a reason); name the reasons, or use Denies() / "
              "Defers() for any"},
          // invalid_request is always alone: extra codes could only hide it.
          Row{"DeniesExactly of invalid_request and more",
              [] { return DeniesExactly(Because::invalid_request, Because::no_opt_in); },
              "sendpolicy::testing::DeniesExactly: invalid_request never comes with other "
              "reasons (no rule judges invalid input); expect it alone, better as "
              "InvalidAt(\"field.path\")"},
          Row{"Denies of invalid_request and more",
              [] { return Denies(Because::no_opt_in, Because::invalid_request); },
              "sendpolicy::testing::Denies: invalid_request never comes with other reasons (no "
              "rule judges invalid input); expect it alone, better as InvalidAt(\"field.path\")"},
          Row{"Defers for invalid_request", [] { return Defers(Because::invalid_request); },
              "sendpolicy::testing::Defers: invalid_request is always a deny, never a defer"},
          Row{"InvalidAt no field", [] { return InvalidAt(""); },
              "sendpolicy::testing::InvalidAt: name the field path, like \"recipient.phone\" or "
              "\"history[2].at\""},
      }));
  CAPTURE(name);
  CHECK_THROWS_AS(make(), std::invalid_argument);
  CHECK_THROWS_WITH(make(), message);
}

TEST_CASE("Only the invalid-request matchers judge an invalid request",
          "[testing][matchers]") {
  // Each of these held (Bills(none), HasNoWarnings(): no warnings) or could be
  // negated into a pass on a request with a typo.
  using Row = std::tuple<const char*, DecisionMatcher>;
  const auto [name, matcher] = GENERATE(table<const char*, DecisionMatcher>({
      Row{"Allows", Allows()},
      Row{"Denies", Denies()},
      Row{"Denies(reason)", Denies(Because::no_opt_in)},
      Row{"DeniesExactly", DeniesExactly(Because::no_opt_in)},
      Row{"Defers", Defers()},
      Row{"Defers(reason)", Defers(Because::quiet_hours)},
      Row{"Bills none", Bills(Billing::kNone)},
      Row{"HasWarning", HasWarning(Warns::window_closing_soon)},
      Row{"HasNoWarnings", HasNoWarnings()},
      Row{"Denies and bills none", Denies() && Bills(Billing::kNone)},
  }));
  CAPTURE(name);
  const SendDecision d = invalid();
  CHECK_FALSE(matcher.matches(d));
  CHECK(matcher.mismatch(d) ==
        "the request is invalid (recipient.phone: is required (or recipient.user_id)); expect that with "
        "InvalidAt(\"recipient.phone\")");
  CHECK_FALSE(matcher.expects_invalid());
  // Through the framework adapters it throws, so a negation fails too.
  CHECK_THROWS_AS(matcher.match(d), std::logic_error);
  CHECK_THROWS_WITH(matcher.MatchAndExplain(d, nullptr), matcher.failure_message(d));
  // A valid request is judged as before, negation included.
  CHECK_NOTHROW(matcher.match(outside_window()));
}

TEST_CASE("The invalid-request matchers say which field", "[testing][matchers]") {
  CHECK(InvalidAt("recipient.phone").expects_invalid());
  CHECK(Denies(Because::invalid_request).expects_invalid());
  CHECK((Bills(Billing::kNone) && InvalidAt("now")).expects_invalid());
  CHECK_FALSE(InvalidAt("now").matches(invalid()));
  CHECK_NOTHROW(InvalidAt("now").match(invalid()));
  CHECK(Denies(Because::invalid_request).matches(invalid()));
}

TEST_CASE("A defer for another reason does not pass a quiet-hours test", "[testing][matchers]") {
  // Same retry_at: before defers had reasons, Defers(kNow + 8h) was all a
  // test could say, and the frequency cap passed it.
  const DecisionMatcher quiet_hours = Defers(kNow + 8h) && Defers(Because::quiet_hours);
  CHECK(Defers(kNow + 8h).matches(capped()));
  CHECK_FALSE(quiet_hours.matches(capped()));
  CHECK(quiet_hours.mismatch(capped()) == "missing quiet_hours");
  CHECK(quiet_hours.expectation() ==
        "defers the send until 2026-03-02T20:00:00Z and defers the send with reasons "
        "including quiet_hours");
  CHECK(quiet_hours.matches(deferred()));
  CHECK_FALSE(DefersExactly(Because::quiet_hours).matches(capped()));
}

}  // namespace matchers_test
